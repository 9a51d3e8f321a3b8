import { existsSync, readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { auditCheckpoints, type CheckpointToCheck, keysThroughRotations, LogStore, verifyLedger } from '@ledger/ledger';
import { logVerifier } from '../log-key.js';
import { CliError, withLedger } from '../ledger-session.js';

interface VerifyFlags {
  json?: boolean;
  checkpoint?: string[];
  key?: string;
}

/**
 * `ledger verify`: re-computes every hash chain, then rebuilds the Merkle log and the map of stream
 * heads from the events and holds them to every checkpoint the log kept and to each
 * `--checkpoint FILE` (signature first, then the roots at its size), and to every hash log.db
 * stores. Exit 0 when all hold, 1 at the first contradiction (named), 3 when it could not check.
 */
/** Exit status when the ledger could not be checked at all (no ledger, a store that does not answer): nothing is proven either way. */
export const COULD_NOT_CHECK = 3;

async function couldNotCheckOn<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    throw new CliError(`could not check the ledger: ${(error as Error).message}`, COULD_NOT_CHECK);
  }
}

@Command({ name: 'verify', description: 'Re-compute every hash chain, rebuild the Merkle log and check it against every signed checkpoint' })
export class VerifyCommand extends CommandRunner {
  async run(_args: string[], flags: VerifyFlags): Promise<void> {
    const files = (flags.checkpoint ?? []).map((file): CheckpointToCheck => {
      if (!existsSync(file)) throw new CliError(`No checkpoint file ${file}`);
      return { note: readFileSync(file, 'utf8'), label: `checkpoint ${file}` };
    });
    const report = await couldNotCheckOn(() =>
      withLedger(async ({ store, config }) => {
        const chain = await verifyLedger(store);
        const verifier = logVerifier(config, flags.key);
        const stored = existsSync(config.paths.log) ? LogStore.open(config.paths.log, { readonly: true }) : null;
        try {
          const kept: CheckpointToCheck[] = (stored?.checkpoints() ?? []).map((checkpoint) => ({
            note: checkpoint.note,
            label: `the checkpoint of size ${checkpoint.size} signed at ${checkpoint.signedAt}`,
          }));
          if (!verifier && (kept.length > 0 || files.length > 0)) {
            process.stderr.write(`ledger: no key to check signatures with (no --key, no ${config.paths.signingKey}): checking roots only\n`);
          }
          // After a rotation the older checkpoints carry an older key: trusted only through rotations signed by both keys.
          const log = await auditCheckpoints(store, [...files, ...kept], verifier && keysThroughRotations(verifier, stored?.keyRotations() ?? []), stored);
          return { ...chain, ok: chain.ok && log.ok, chainOk: chain.ok, log };
        } finally {
          stored?.close();
        }
      }),
    );
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      if (report.chainOk) {
        process.stdout.write(`Ledger intact: ${report.events} events in ${report.streams} streams verified.\n`);
      } else {
        const broken = report.firstBroken!;
        process.stdout.write(
          `Ledger BROKEN at stream ${broken.stream}, revision ${broken.revision} (position ${broken.position}): ${broken.reason.replace(/_/g, ' ')}.\n` +
            `${report.events} events verified before it.\n`,
        );
      }
      process.stdout.write(
        report.log.ok
          ? `Log consistent: ${report.log.entries} entries rebuilt from the events; ${report.log.checkpoints} signed checkpoints hold${report.log.signaturesChecked ? '' : ' (signatures not checked)'}` +
              (report.log.storedChecked
                ? `; every hash log.db stores for its ${report.log.storedChecked.leaves} entries, and its map of stream heads (${report.log.storedChecked.mapNodes} nodes), is the one the events give.\n`
                : '.\n')
          : `Log CONTRADICTED: ${report.log.problem}.\n`,
      );
    }
    process.exitCode = report.ok ? 0 : 1;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--checkpoint <file>', description: 'a signed checkpoint (e.g. kept by a witness) the ledger must still contain; repeatable' })
  parseCheckpoint(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--key <file>', description: "the log's verifier key (as GET /v1/ledger/public-key gives it); default: derived from the signing key file" })
  parseKey(value: string): string {
    return value;
  }
}

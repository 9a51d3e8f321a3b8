import { existsSync, readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { verifyCaseFile } from '@ledger/exports';
import { checkWitnessQuorum, parseCosignerKey } from '@ledger/ledger';
import { logVerifier } from '../log-key.js';
import { CliError } from '../ledger-session.js';
import { verifierKeyArgument } from './witness-serve.js';

interface VerifyFileFlags {
  key?: string;
  json?: boolean;
  witnessKey?: string[];
  quorum?: number;
}

/**
 * `ledger verify-file CASE_FILE.json [--key FILE] [--witness-key KEY]… [--quorum N]`: counsel's check of an exported case file, with
 * no server and no database: the checkpoint's signature, every event's chain link and every
 * inclusion proof, and (when the checkpoint commits to stream heads) that the file holds every event
 * of its stream up to the checkpoint; with `--witness-key KEY`… `[--quorum N]`, that N of those
 * witnesses cosigned the checkpoint. Exit 0 when it all holds, 1 at the first thing that does not.
 */
@Command({ name: 'verify-file', arguments: '<caseFile>', description: 'Check an exported case file (JSON) offline: chain links, inclusion proofs and the signed checkpoint' })
export class VerifyFileCommand extends CommandRunner {
  async run([path]: string[], flags: VerifyFileFlags): Promise<void> {
    if (!existsSync(path)) throw new CliError(`No file ${path}`);
    let file: unknown;
    try {
      file = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new CliError(`${path} is not a JSON case file`, 1);
    }
    const key = flags.key ? readFileSync(flags.key, 'utf8') : undefined;
    if (flags.key) logVerifier(null, flags.key); // a clear error for a key file that is not one
    const proven = verifyCaseFile(file, key);
    const witnessKeys = flags.witnessKey ?? [];
    if (flags.quorum !== undefined && flags.quorum > witnessKeys.length) throw new CliError(`--quorum ${flags.quorum} needs at least as many --witness-key`);
    // The checkpoint must carry cosignatures by enough of the witnesses counsel trusts: a fork shown only to the library would carry none.
    const witnesses = witnessKeys.length > 0 && proven.ok ? checkWitnessQuorum((file as { log: { checkpoint: string } }).log.checkpoint, witnessKeys, flags.quorum ?? witnessKeys.length) : null;
    const report = witnesses && !witnesses.ok ? { ...proven, ok: false, problem: witnesses.problem!, witnesses } : { ...proven, ...(witnesses ? { witnesses } : {}) };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      const { origin, size, keyId } = report.checkpoint!;
      process.stdout.write(
        `Case file verified: ${report.events} events, each hash recomputed from its stored bytes (where the file carries them) and linked to the one before, ` +
          `each included in log ${origin} at size ${size}, whose checkpoint is signed by key ${keyId}.\n` +
          (report.completeness === 'proven'
            ? `Complete: the checkpoint commits to the stream's head, revision ${report.events - 1}, and the file holds every event of the stream up to it.\n`
            : 'Note: completeness NOT proven: this checkpoint was signed before the log committed to stream heads, so a file with events left out at the end would also pass. Export the case again for a file that proves it is complete.\n') +
          (report.sections === 'checked'
            ? 'Readable sections (summary, evaluation, instruments, deadlines, referrals, advice, decisions, productions, chronology, manifest) derived again from the event bytes: they are the file\'s (the patron\'s identity excepted: it is decrypted with keys a file never carries).\n'
            : `Note: readable sections NOT checked: ${report.sections?.replace(/^not_checked: /, '')}.\n`) +
          (report.withheld > 0
            ? `Note: the file withholds the stored data of ${report.withheld} event${report.withheld === 1 ? '' : 's'} that would name the patron; those are linked and proven in the log by their hash, and only \`ledger verify\` on the ledger re-hashes their data.\n`
            : '') +
          (report.keyFromFile ? 'Note: the key came with the file; compare its id with the key the library publishes, or pass --key.\n' : '') +
          (witnesses
            ? `Witnessed: cosigned by ${witnesses.cosignedBy.length} of the ${witnessKeys.length} witnesses given (${witnesses.required} required): ${witnesses.cosignedBy.map((c) => `${c.witness.split('+')[0]} at ${c.at}`).join(', ')}.\n`
            : 'Note: no --witness-key given: nothing shows that anyone outside the library saw this checkpoint.\n'),
      );
    } else {
      process.stdout.write(`Case file NOT verified: ${report.problem}.\n`);
    }
    process.exitCode = report.ok ? 0 : 1;
  }

  @Option({ flags: '--key <file>', description: "the log's verifier key from the library (default: the key in the file)" })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--witness-key <key>', description: 'a witness verifier key (type 0x04, as its witness.vkey), or a file holding one; repeatable' })
  parseWitnessKey(value: string, previous: string[] = []): string[] {
    const key = verifierKeyArgument(value);
    try {
      parseCosignerKey(key);
    } catch (error) {
      throw new CliError(`${value} is not a witness verifier key: ${(error as Error).message}`);
    }
    return [...previous, key];
  }

  @Option({ flags: '--quorum <n>', description: 'how many of the --witness-key witnesses must have cosigned the checkpoint (default: all of them)' })
  parseQuorum(value: string): number {
    const quorum = Number(value);
    if (!Number.isInteger(quorum) || quorum < 1) throw new CliError(`--quorum must be a whole number from 1, not "${value}"`);
    return quorum;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

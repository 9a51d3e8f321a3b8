import { existsSync, readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { logVerifiers, type PublishedTransparencyReport, verifyTransparencyReport } from '@ledger/runtime';
import { logVerifier } from '../log-key.js';
import { caughtUpLog } from '../ledger-log-session.js';
import { CliError, withLedger } from '../ledger-session.js';

interface TransparencyFlags {
  key?: string;
}

/**
 * `ledger transparency verify REPORT.json [--key FILE]`: the auditor's check of a published transparency
 * report against the ledger: the log key signed it (the key now or one it replaced; `--key` names another
 * verifier key), the log's root at the report's size is the root it names, and the counts computed again
 * from the first `size` entries are the counts published. Exit 0 when all hold, 1 otherwise.
 */
@Command({ name: 'transparency', arguments: '<action> <report>', description: 'verify <report.json>: recompute a published transparency report at its checkpoint and check its signature' })
export class TransparencyCommand extends CommandRunner {
  async run([action, path]: string[], flags: TransparencyFlags): Promise<void> {
    if (action !== 'verify' || path === undefined) throw new CliError('Say `ledger transparency verify <report.json>`');
    if (!existsSync(path)) throw new CliError(`No file ${path}`);
    let report: PublishedTransparencyReport;
    try {
      report = JSON.parse(readFileSync(path, 'utf8')) as PublishedTransparencyReport;
    } catch {
      throw new CliError(`${path} is not a JSON transparency report`, 1);
    }
    if (typeof report?.note !== 'string' || typeof report.checkpoint?.size !== 'number') throw new CliError(`${path} is not a transparency report (no note or checkpoint)`, 1);
    const { problems } = await withLedger(async (ledger) => {
      const log = await caughtUpLog(ledger);
      const verifiers = flags.key ? [logVerifier(null, flags.key)!] : logVerifiers(log);
      return verifyTransparencyReport(report, ledger.store, log, verifiers);
    });
    if (problems.length > 0) throw new CliError(`Transparency report ${report.reportId} does NOT verify:\n${problems.map((problem) => `- ${problem}`).join('\n')}`, 1);
    process.stdout.write(
      `Transparency report ${report.reportId} verified: signed by the log key, computed at log size ${report.checkpoint.size} (root ${report.checkpoint.root}), ` +
        'and its counts are the counts the ledger gives again at that size.\n',
    );
  }

  @Option({ flags: '--key <file>', description: 'a log verifier key file (as GET /v1/ledger/public-key gives it) instead of the ledger\u2019s own keys' })
  parseKey(value: string): string {
    return value;
  }
}

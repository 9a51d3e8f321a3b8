import { Command, CommandRunner, Option } from 'nest-commander';
import { verifyLedger } from '@ledger/ledger';
import { withEventStore } from '../ledger-session.js';

interface VerifyFlags {
  json?: boolean;
}

/** `ledger verify`: re-computes every hash chain; exit 0 when intact, 1 at the first broken link. */
@Command({ name: 'verify', description: 'Re-compute every hash chain in the ledger and report the first broken link' })
export class VerifyCommand extends CommandRunner {
  async run(_args: string[], flags: VerifyFlags): Promise<void> {
    const report = await withEventStore((store) => verifyLedger(store));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      process.stdout.write(`Ledger intact: ${report.events} events in ${report.streams} streams verified.\n`);
    } else {
      const broken = report.firstBroken!;
      process.stdout.write(
        `Ledger BROKEN at stream ${broken.stream}, revision ${broken.revision} (position ${broken.position}): ${broken.reason.replace(/_/g, ' ')}.\n` +
          `${report.events} events verified before it.\n`,
      );
    }
    process.exitCode = report.ok ? 0 : 1;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

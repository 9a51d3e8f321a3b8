import { userInfo } from 'node:os';
import { Command, CommandRunner, Option } from 'nest-commander';
import { type AdoptJurisdiction, InvalidCommand, JURISDICTION_SETTINGS_STREAM, jurisdictionSettingDecider } from '@ledger/domain';
import { jurisdictionOnRecord } from '@ledger/runtime';
import { caughtUpLog } from '../ledger-log-session.js';
import { CliError, withLedger } from '../ledger-session.js';

interface JurisdictionFlags {
  reason?: string;
}

/**
 * `ledger jurisdiction show` names the pack the ledger is kept under; `ledger jurisdiction adopt <id>
 * --reason "…"` switches it on the record (`JurisdictionAdopted`, by the operating-system account as
 * `cli:<account>`), through the same runner, pipeline and integrity alarm as the API. The server refuses to start
 * while LEDGER_JURISDICTION names another pack than the one on record.
 */
@Command({ name: 'jurisdiction', arguments: '<action> [id]', description: 'show: the jurisdiction the ledger is kept under; adopt <id> --reason "…": switch it, on the record' })
export class JurisdictionCommand extends CommandRunner {
  async run([action, id]: string[], flags: JurisdictionFlags): Promise<void> {
    if (action === 'show') {
      const recorded = await withLedger((ledger) => jurisdictionOnRecord(ledger));
      process.stdout.write(`${recorded ?? 'none yet (an empty ledger: the first start records LEDGER_JURISDICTION)'}\n`);
      return;
    }
    if (action !== 'adopt' || id === undefined) throw new CliError('Say `ledger jurisdiction show` or `ledger jurisdiction adopt <id> --reason "…"`');
    if (!flags.reason?.trim()) throw new CliError('Say why with --reason "…": the reason is recorded with the switch');
    const adopted = await withLedger(async (ledger) => {
      await caughtUpLog(ledger);
      const previous = await jurisdictionOnRecord(ledger);
      const adoptedBy = `cli:${userInfo().username}`;
      try {
        const result = await ledger.runners.streams.runAsSystem({
          stream: JURISDICTION_SETTINGS_STREAM,
          decider: jurisdictionSettingDecider,
          system: { userId: adoptedBy, role: 'operator' },
          command: ({ occurredAt }): AdoptJurisdiction => ({ type: 'AdoptJurisdiction', jurisdiction: id, reason: flags.reason!, adoptedBy, occurredAt }),
          context: () => previous,
        });
        return { previous, position: result.position };
      } catch (error) {
        if (error instanceof InvalidCommand) throw new CliError(error.message);
        throw error;
      }
    });
    process.stdout.write(`The ledger is kept under ${id} from now on${adopted.previous ? ` (was ${adopted.previous})` : ''}; recorded at position ${adopted.position}. Start the server with LEDGER_JURISDICTION=${id}.\n`);
  }

  @Option({ flags: '--reason <text>', description: 'why the ledger switches jurisdiction (recorded)' })
  parseReason(value: string): string {
    return value;
  }
}

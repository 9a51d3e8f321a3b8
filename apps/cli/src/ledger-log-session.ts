import { type LedgerLog, LogRaceError } from '@ledger/ledger';
import type { Ledger } from '@ledger/runtime';
import { CliError } from './ledger-session.js';

/**
 * Brings the ledger's verifiable log up to the end of `$all` (signing a checkpoint for it, as the server
 * would), so that what the command hands out is covered, and refuses to go on under an integrity alarm.
 * A server running on the same data dir may be appending to log.db at the same time: then the log is
 * read again and caught up once more.
 */
export async function caughtUpLog(ledger: Ledger): Promise<LedgerLog> {
  const { log } = ledger;
  for (let attempt = 1; ; attempt++) {
    try {
      await log.catchUp();
      break;
    } catch (error) {
      if (!(error instanceof LogRaceError) || attempt >= 5) throw error;
      log.store.refresh();
    }
  }
  if (log.alarm.raised) throw new CliError(`Integrity alarm: ${log.alarm.raised.reason}. Run \`ledger verify\`.`, 1);
  return log;
}

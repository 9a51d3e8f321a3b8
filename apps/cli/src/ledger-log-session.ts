import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { LedgerLog, LogRaceError } from '@ledger/ledger';
import { CliError } from './ledger-session.js';

/**
 * Opens the verifiable log for one CLI command and brings it up to the end of `$all` (signing a
 * checkpoint for it, as the server would), so that what the command hands out is covered. A server
 * running on the same data dir may be appending to log.db at the same time: then the log is read
 * again and caught up once more.
 */
export async function withLedgerLog<T>(store: EventStore, config: LedgerConfig, work: (log: LedgerLog) => Promise<T>): Promise<T> {
  const log = LedgerLog.open(store, { logFile: config.paths.log, signingKeyFile: config.paths.signingKey, ...(config.logOrigin ? { origin: config.logOrigin } : {}) });
  try {
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
    return await work(log);
  } finally {
    await log.close();
  }
}

import { Logger, type Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore, LEDGER_LOG, LedgerLog, type LedgerConfig } from '@ledger/ledger';

/**
 * Opens the verifiable log (log.db, the signing key) and starts its follower of `$all`. One small
 * piece of start-up, so that it moves with the composition root wherever that goes.
 */
export function openLedgerLog(config: LedgerConfig, store: EventStore, logger = new Logger('Log')): LedgerLog {
  const log = LedgerLog.open(store, {
    logFile: config.paths.log,
    signingKeyFile: config.paths.signingKey,
    ...(config.logOrigin ? { origin: config.logOrigin } : {}),
    onError: (error) => logger.error(`The log follower failed and will start again: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (log.keyCreated) logger.warn(`Made the log's signing key at ${config.paths.signingKey}: back it up, apart from the data dir (docs/integrity.md)`);
  if (log.keyExposed) logger.warn(`The log's signing key ${config.paths.signingKey} can be read by others than its owner: chmod 600 it`);
  log.alarm.onRaise((alarm) => {
    const bar = '!'.repeat(100);
    logger.error(`${bar}\nINTEGRITY ALARM: ${alarm.reason}.\nThe ledger refuses every write and signs nothing until this is looked into (docs/integrity.md).\n${bar}`);
  });
  logger.debug(`Verifiable log ${log.origin}, key ${log.verifierKey}`);
  log.start();
  return log;
}

export const ledgerLogProvider = (config: LedgerConfig): Provider => ({
  provide: LEDGER_LOG,
  useFactory: (store: EventStore) => openLedgerLog(config, store),
  inject: [EVENT_STORE],
});

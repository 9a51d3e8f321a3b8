import { existsSync } from 'node:fs';
import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { assertLedgerFilesPrivate, ConfigurationError, loadLedgerConfig } from '@ledger/ledger';
import { openEventStore } from '@ledger/runtime';

/** The configuration from the environment, refused (exit 2) when invalid or when others can read the ledger's files. */
export function loadCheckedConfig(): LedgerConfig {
  try {
    const config = loadLedgerConfig();
    assertLedgerFilesPrivate(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigurationError) throw new CliError(error.message);
    throw error;
  }
}

/** Opens the configured store for one CLI command and always closes it. */
export async function withEventStore<T>(work: (store: EventStore, config: LedgerConfig) => Promise<T>): Promise<T> {
  const config = loadCheckedConfig();
  if (config.store === 'sqlite' && !existsSync(config.paths.events)) {
    throw new CliError(`No ledger at ${config.paths.events} (set LEDGER_DATA_DIR to the server's data directory)`);
  }
  const store = await openEventStore(config);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}

/** A failure to report in one line, without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

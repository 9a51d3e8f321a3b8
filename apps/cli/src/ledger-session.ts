import { existsSync } from 'node:fs';
import type { LedgerConfig } from '@ledger/ledger';
import { assertLedgerFilesPrivate, ConfigurationError, loadLedgerConfig } from '@ledger/ledger';
import { type Ledger, openLedger } from '@ledger/runtime';

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

/**
 * Opens the configured ledger for one CLI command, as the server opens it (`openLedger`: the same store,
 * log, writer with its integrity alarm, pipeline and keys, each opened only if the command uses it), and
 * always closes it.
 */
export async function withLedger<T>(work: (ledger: Ledger) => Promise<T>): Promise<T> {
  const config = loadCheckedConfig();
  if (config.store === 'sqlite' && !existsSync(config.paths.events)) {
    throw new CliError(`No ledger at ${config.paths.events} (set LEDGER_DATA_DIR to the server's data directory)`);
  }
  const ledger = await openLedger(config);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
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

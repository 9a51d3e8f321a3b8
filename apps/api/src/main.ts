import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { assertLedgerFilesPrivate, ConfigurationError, loadHttpConfig, loadLedgerConfig } from '@ledger/ledger';
import { takePrivacyFlags } from '@ledger/runtime';
import { createLedgerApp } from './create-app.js';
import { QuietStartLogger } from './http/quiet-start.logger.js';

async function main(): Promise<void> {
  takePrivacyFlags(process.argv, process.env);
  const logger = new Logger('Ledger');
  let config;
  let http;
  try {
    config = loadLedgerConfig();
    http = loadHttpConfig();
    assertLedgerFilesPrivate(config);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createLedgerApp({ config, http, logger: new QuietStartLogger({ logLevels: ['log', 'warn', 'error'] }) }).catch((error: unknown) => {
    // A ledger kept under another jurisdiction than the configured one: say what to run, not a stack.
    if (error instanceof ConfigurationError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  });
  // SIGTERM/SIGINT: drain the requests in flight, close the stores, then exit 0 (1 if closing failed).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(http.port);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const adminToken = existsSync(config.paths.adminToken) ? `the first admin's token is in ${config.paths.adminToken}` : 'no admin token on disk (ledger admin-token --reset makes one)';
  logger.log(`Disclosure Ledger listening on http://localhost:${port} (store: ${config.store}, data: ${config.dataDir}); ${adminToken}`);
}

main().catch((error: unknown) => {
  new Logger('Ledger').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

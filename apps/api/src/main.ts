import { Logger } from '@nestjs/common';
import { ConfigurationError, loadHttpConfig, loadLedgerConfig } from '@ledger/ledger';
import { createLedgerApp } from './create-app.js';

async function main(): Promise<void> {
  const logger = new Logger('Ledger');
  let config;
  let http;
  try {
    config = loadLedgerConfig();
    http = loadHttpConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createLedgerApp({ config, http });
  // SIGTERM/SIGINT: drain the requests in flight, close the stores, then exit 0 (1 if closing failed).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(http.port);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  logger.log(`Disclosure Ledger listening on http://localhost:${port} (store: ${config.store}, data: ${config.dataDir})`);
}

main().catch((error: unknown) => {
  new Logger('Ledger').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

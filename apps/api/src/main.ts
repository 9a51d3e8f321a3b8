import { Logger } from '@nestjs/common';
import { ConfigurationError, loadLedgerConfig } from '@ledger/ledger';
import { createLedgerApp } from './create-app.js';

async function main(): Promise<void> {
  const logger = new Logger('Ledger');
  let config;
  try {
    config = loadLedgerConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createLedgerApp({ config });
  await app.listen(config.port);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(`Disclosure Ledger listening on http://localhost:${port} (store: ${config.store}, data: ${config.dataDir})`);
}

main().catch((error: unknown) => {
  new Logger('Ledger').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

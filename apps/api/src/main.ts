import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { assertLedgerFilesPrivate, ConfigurationError, loadHttpConfig, loadLedgerConfig } from '@ledger/ledger';
import { takePrivacyFlags } from '@ledger/runtime';
import { createLedgerApp } from './create-app.js';
import { startTracing } from './tracing/tracing.js';
import { createLedgerLogger, type LogLevel, logLevelFrom, PinoNestLogger } from './logging/ledger-logger.js';

async function main(): Promise<void> {
  takePrivacyFlags(process.argv, process.env);
  // JSON lines (pino) for everything the server logs: Nest's own lines, the ledger's and one per request.
  let level: LogLevel = 'info';
  let levelRefused: ConfigurationError | undefined;
  try {
    level = logLevelFrom(process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    levelRefused = error;
  }
  const log = createLedgerLogger({ level });
  const nestLogger = new PinoNestLogger(log);
  Logger.overrideLogger(nestLogger);
  const logger = new Logger('Ledger');
  let config;
  let http;
  try {
    if (levelRefused) throw levelRefused;
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
  const tracing = (await startTracing(process.env)) ?? undefined;
  const app = await createLedgerApp({ config, http, logger: nestLogger, requestLog: log, tracing }).catch((error: unknown) => {
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
  const address = (app.getHttpServer() as Server).address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const adminToken = existsSync(config.paths.adminToken) ? `the first admin's token is in ${config.paths.adminToken}` : 'no admin token on disk (ledger admin-token --reset makes one)';
  // The collector's origin only: an endpoint URL may carry credentials.
  const traced = tracing ? `; traces to ${originOf(process.env.OTEL_EXPORTER_OTLP_ENDPOINT!)}` : '';
  logger.log(`Disclosure Ledger listening on http://localhost:${port} (store: ${config.store}, data: ${config.dataDir}); ${adminToken}${traced}`);
}

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'the OTLP endpoint';
  }
}

main().catch((error: unknown) => {
  new Logger('Ledger').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

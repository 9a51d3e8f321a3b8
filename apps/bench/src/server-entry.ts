/**
 * The API server as the bench runs it: the same `createLedgerApp` as `apps/api/src/main.ts`, but bound
 * to 127.0.0.1 only (main.ts listens on every interface).
 */
import 'reflect-metadata';
import type { AddressInfo, Server } from 'node:net';
import { ConsoleLogger } from '@nestjs/common';
import { loadHttpConfig, loadLedgerConfig } from '@ledger/ledger';
import { createLedgerApp } from '../../api/src/create-app.js';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  const http = loadHttpConfig();
  const app = await createLedgerApp({ config, http, logger: new ConsoleLogger('Ledger', { logLevels: ['warn', 'error'] }) });
  await app.listen(http.port, '127.0.0.1');
  // With PORT=0 the kernel picks the port: the bench reads it from this line.
  process.stdout.write(`listening ${((app.getHttpServer() as Server).address() as AddressInfo).port}\n`);
  // The bench stops the server with SIGTERM: closing the app lets the process exit on its own, so a
  // `--cpu-prof` profile of the run is written.
  process.once('SIGTERM', () => void app.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

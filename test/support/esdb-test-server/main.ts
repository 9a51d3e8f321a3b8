/**
 * Standalone entry for the EventStoreDB PROTOCOL TEST SERVER (test support, in memory, never a
 * production store):
 *
 *   npm run esdb:test-server -- --port 2113 [--first-position 1152921504606846976]
 *
 * Prints the bound address and a connection string, then serves until SIGINT / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { EsdbTestServer } from './esdb-test-server.js';

const usage = 'usage: esdb-test-server [--port N] [--first-position P]   (binds 127.0.0.1 only; port 0 = any free port)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      'first-position': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const firstPosition = values['first-position'] === undefined ? undefined : BigInt(values['first-position']);

  const server = await EsdbTestServer.start({ port, ...(firstPosition === undefined ? {} : { firstPosition }) });
  console.log(`EventStoreDB protocol TEST server (in memory, test support only) listening on ${server.address}`);
  console.log(`connection string: ${server.connectionString}`);

  const shutdown = (signal: string) => {
    console.log(`${signal}: stopping`);
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});

import { EsdbTestServer } from './esdb-test-server/index.js';
import { startLedgerApp, type LedgerAppHarness, type TestClock } from './ledger-app.harness.js';
import { makeTempDir } from './temp-dir.js';

/**
 * Two API instances of one library, as a consortium runs them: one EventStoreDB (the protocol test server),
 * one shared keys dir, each its own data dir (views, credentials, log). Call inside a `describe`: it starts
 * the server before the specs and stops everything after them.
 */
export function twoInstancesSharingEventStoreDb(name: string): { start(options?: { clock?: TestClock }): Promise<[LedgerAppHarness, LedgerAppHarness]> } {
  let server: EsdbTestServer;
  const keys = makeTempDir(`ledger-${name}-keys-`);
  const dirs = [makeTempDir(`ledger-${name}-a-`), makeTempDir(`ledger-${name}-b-`)];
  const apps: LedgerAppHarness[] = [];
  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await server.stop();
    for (const dir of [keys, ...dirs]) dir.remove();
  });
  return {
    async start(options = {}) {
      const env = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_KEYS_DIR: keys.dir };
      const a = await startLedgerApp({ env, dataDir: dirs[0].dir, ...options });
      apps.push(a);
      const b = await startLedgerApp({ env, dataDir: dirs[1].dir, adminToken: a.adminToken, ...options });
      apps.push(b);
      return [a, b];
    },
  };
}

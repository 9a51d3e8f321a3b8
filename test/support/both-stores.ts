import { EsdbTestServer } from './esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from './ledger-app.harness.js';
import { makeTempDir } from './temp-dir.js';

export type StartedLedger = { ledger: LedgerAppHarness; clock: TestClock; stop: () => Promise<void> };

/**
 * The two stores an HTTP spec runs on, for `describe.each`: the embedded one, and EventStoreDB through
 * the protocol test server; each ledger on a test clock starting at `startsAt`.
 */
export function bothStores(startsAt: string, tempPrefix: string): [string, () => Promise<StartedLedger>][] {
  return [
    [
      'the embedded store',
      async () => {
        const clock = new TestClock(new Date(startsAt));
        const ledger = await startLedgerApp({ clock });
        return { ledger, clock, stop: () => ledger.close() };
      },
    ],
    [
      'EventStoreDB',
      async () => {
        const server = await EsdbTestServer.start();
        const dir = makeTempDir(tempPrefix);
        const clock = new TestClock(new Date(startsAt));
        const ledger = await startLedgerApp({
          clock,
          dataDir: dir.dir,
          env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString },
        });
        return {
          ledger,
          clock,
          stop: async () => {
            await ledger.close();
            await server.stop();
            dir.remove();
          },
        };
      },
    ],
  ];
}

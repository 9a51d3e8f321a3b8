import { EsdbTestServer } from './esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from './ledger-app.harness.js';
import { makeTempDir } from './temp-dir.js';

/** A ledger started on one store, its test clock, and how to stop it (and its EventStoreDB test server). */
export interface StartedLedger {
  readonly ledger: LedgerAppHarness;
  readonly clock: TestClock;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The two stores an HTTP spec runs on, for `describe.each`: the embedded one, and EventStoreDB through
 * the protocol test server; each ledger on a test clock, starting at `startsAt` when given.
 */
export function bothStores(tempPrefix: string, startsAt?: string): [string, () => Promise<StartedLedger>][] {
  const clockOptions = () => (startsAt === undefined ? {} : { clock: new TestClock(new Date(startsAt)) });
  return [
    [
      'the embedded store',
      async () => {
        const ledger = await startLedgerApp(clockOptions());
        return { ledger, clock: ledger.clock, embedded: true, stop: () => ledger.close() };
      },
    ],
    [
      'EventStoreDB (protocol test server)',
      async () => {
        const server = await EsdbTestServer.start();
        const dir = makeTempDir(tempPrefix);
        const ledger = await startLedgerApp({ ...clockOptions(), dataDir: dir.dir, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString } });
        return {
          ledger,
          clock: ledger.clock,
          embedded: false,
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

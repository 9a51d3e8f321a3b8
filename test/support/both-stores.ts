import { EsdbTestServer } from './esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from './ledger-app.harness.js';
import { makeTempDir } from './temp-dir.js';

/** A ledger started on one store, with how to stop it (and its EventStoreDB test server). */
export interface StartedLedger {
  readonly ledger: LedgerAppHarness;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** The two stores an e2e spec runs on (`describe.each`): the embedded one, and EventStoreDB's protocol test server. */
export function bothStores(tempPrefix: string): [string, () => Promise<StartedLedger>][] {
  return [
    [
      'the embedded store',
      async () => {
        const ledger = await startLedgerApp();
        return { ledger, embedded: true, stop: () => ledger.close() };
      },
    ],
    [
      'EventStoreDB',
      async () => {
        const server = await EsdbTestServer.start();
        const dir = makeTempDir(tempPrefix);
        const ledger = await startLedgerApp({ dataDir: dir.dir, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString } });
        return {
          ledger,
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

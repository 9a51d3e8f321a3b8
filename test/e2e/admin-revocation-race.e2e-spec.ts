import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * Issue 11, point 2: two admins revoking each other's tokens at the same instant. Exactly one wins; the
 * library always keeps an admin with a live token. Many rounds, on both stores: the revocation goes
 * through the store's optimistic concurrency, not through a view that may lag.
 */
describe.each([
  ['sqlite', false],
  ['eventstoredb (protocol test server)', true],
])('two admins revoking each other at once (%s)', (_store, onEventStoreDb) => {
  const ROUNDS = 12;
  let ledger: LedgerAppHarness;
  let esdb: EsdbTestServer | undefined;
  let keys: ReturnType<typeof makeTempDir> | undefined;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    if (onEventStoreDb) {
      esdb = await EsdbTestServer.start();
      keys = makeTempDir('ledger-race-keys-');
    }
    ledger = await startLedgerApp({
      env: esdb ? { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: esdb.connectionString, LEDGER_KEYS_DIR: keys!.dir } : {},
    });
  });
  afterAll(async () => {
    await ledger.close();
    await esdb?.stop();
    keys?.remove();
  });

  it('lets exactly one win each time, and an admin always keeps a live token', async () => {
    const register = async (by: string, name: string) => {
      const created = await ledger.http.post('/v1/users').set(bearer(by)).send({ name, role: 'admin' }).expect(201);
      return { userId: created.body.userId as string, token: created.body.token as string };
    };
    let survivor = await register(ledger.adminToken, 'Admin 0');
    const firstAdmin = (await ledger.http.get('/v1/me').set(bearer(ledger.adminToken)).expect(200)).body.userId;
    await ledger.http.delete(`/v1/users/${firstAdmin}/tokens`).set(bearer(survivor.token)).expect(204);

    for (let round = 1; round <= ROUNDS; round++) {
      const rival = await register(survivor.token, `Admin ${round}`);
      const pair = [survivor, rival] as const;
      // Each revokes the other's tokens, at the same instant.
      const [first, second] = await Promise.all([
        ledger.http.delete(`/v1/users/${rival.userId}/tokens`).set(bearer(survivor.token)),
        ledger.http.delete(`/v1/users/${survivor.userId}/tokens`).set(bearer(rival.token)),
      ]);
      const statuses = [first.status, second.status];
      expect(statuses.filter((status) => status === 204)).toHaveLength(1);
      // The loser is refused LAST-ADMIN, or (if its revocation reached the server first) is no longer signed in.
      const loser = first.status === 204 ? second : first;
      if (loser.status === 409) expect(loser.body.rule).toBe('LAST-ADMIN');
      else expect(loser.status).toBe(401);

      const live = [];
      for (const admin of pair) if ((await ledger.http.get('/v1/me').set(bearer(admin.token))).status === 200) live.push(admin);
      expect(live).toHaveLength(1);
      survivor = live[0]!;
    }
  }, 240_000);
});

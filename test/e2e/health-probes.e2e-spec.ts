import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * `/health/live` says the process answers; `/health/ready` says the instance can serve: its store
 * answers and its views and log have reached the store's head. `GET /health` stays as it was.
 */
describe('liveness and readiness', () => {
  const apps: LedgerAppHarness[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
  });

  it('is live and ready once the views and the log have caught up with the writes', async () => {
    const ledger = await startLedgerApp();
    apps.push(ledger);
    for (let i = 0; i < 5; i++) await ledger.user('staff');
    await ledger.http.get('/health/live').expect(200, { status: 'live' });
    const ready = await ledger.http.get('/health/ready').expect(200);
    const head = (await ledger.http.get('/health').expect(200)).body.position as string;
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { store: { ok: true, position: head }, views: { ok: true, position: head }, log: { ok: true, position: head } },
    });
    expect((await ledger.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', store: 'sqlite' });
  });

  it('is live but not ready (503 problem+json naming the store) while the event store does not answer', async () => {
    const server = await EsdbTestServer.start();
    const keys = makeTempDir('ledger-health-keys-');
    const data = makeTempDir('ledger-health-data-');
    try {
      const ledger = await startLedgerApp({ dataDir: data.dir, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_KEYS_DIR: keys.dir } });
      apps.push(ledger);
      await ledger.user('staff');
      await ledger.http.get('/health/ready').expect(200);

      await server.stop();
      await ledger.http.get('/health/live').expect(200, { status: 'live' });
      const notReady = await ledger.http.get('/health/ready').expect(503);
      expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(notReady.body).toMatchObject({ status: 503, title: 'Not ready', checks: { store: { ok: false } } });
      expect(notReady.body.detail).toMatch(/^store: the event store/);
    } finally {
      await server.stop().catch(() => undefined);
      keys.remove();
      data.remove();
    }
  }, 60_000);
});

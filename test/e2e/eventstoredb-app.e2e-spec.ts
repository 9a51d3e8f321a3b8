import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { bearer, CaseFlows, makeActors } from '../support/http-flows.js';

/**
 * The whole application on EventStoreDB (LEDGER_STORE=eventstoredb), here the protocol test server
 * that the real @eventstore/db-client talks to over gRPC.
 */
describe('the ledger on EventStoreDB', () => {
  let server: EsdbTestServer;
  const keys = makeTempDir('ledger-esdb-keys-');
  const first = makeTempDir('ledger-esdb-a-');
  const second = makeTempDir('ledger-esdb-b-');
  const apps: LedgerAppHarness[] = [];
  const env = () => ({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_KEYS_DIR: keys.dir });

  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await server.stop();
    for (const dir of [keys, first, second]) dir.remove();
  });

  it('bootstraps, serves, survives a restart and verifies', async () => {
    const a = await startLedgerApp({ env: env(), dataDir: first.dir });
    apps.push(a);
    const health = await a.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ store: 'eventstoredb', position: expect.stringMatching(/^\d+$/) });
    const director = await a.user('director', 'Dana Director');
    await a.http.get('/v1/me').set(bearer(director.token)).expect(200);

    // The law-enforcement flow, end to end, on EventStoreDB.
    const actors = await makeActors(a);
    const caseId = await new CaseFlows(a, actors).decided();
    const produced = await a.http
      .post(`/v1/cases/${caseId}/productions`)
      .set(bearer(actors.director.token))
      .send({ categories: ['circulation_history'], recipient: 'Det. Lane, State Police', method: 'in_person' })
      .expect(201);
    expect(produced.body).toMatchObject({ status: 'closed', outcome: 'released_in_part' });

    await a.close();
    apps.pop();
    const restarted = await startLedgerApp({ env: env(), dataDir: first.dir });
    apps.push(restarted);
    const me = await restarted.http.get('/v1/me').set(bearer(director.token)).expect(200);
    expect(me.body.name).toBe('Dana Director');
    const reread = await restarted.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)).expect(200);
    expect(reread.body).toMatchObject({ status: 'closed', outcome: 'released_in_part' });
    const board = await restarted.http.get('/v1/director/cases').query({ status: 'closed' }).set(bearer(actors.director.token)).expect(200);
    expect(board.body.items.map((row: { caseId: string }) => row.caseId)).toContain(caseId);

    const verify = await runCli(['verify', '--json'], { ...env(), LEDGER_DATA_DIR: first.dir });
    if (verify.code !== 0) console.error(verify.stderr);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: expect.any(Number) });
  }, 60_000);

  it('runs a second instance on the same store: no second admin, shared users, its own views, no double writes', async () => {
    const a = apps[0];
    const b = await startLedgerApp({ env: env(), dataDir: second.dir, adminToken: a.adminToken });
    apps.push(b);
    expect(() => readFileSync(join(second.dir, 'admin-token'))).toThrow();
    // A user made through one instance is known to the other once its views follow $all there.
    const created = await a.http.post('/v1/users').set(bearer(a.adminToken)).send({ name: 'Sam Staff', role: 'staff' }).expect(201);
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = (await b.http.get('/v1/me').set(bearer(created.body.token))).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    // Revoking through the second instance: both refuse the token once their views have the event.
    await b.http.delete(`/v1/users/${created.body.userId}/tokens`).set(bearer(a.adminToken)).expect(204);
    await b.http.get('/v1/me').set(bearer(created.body.token)).expect(401);
    for (let attempt = 0; attempt < 50 && status !== 401; attempt++) {
      status = (await a.http.get('/v1/me').set(bearer(created.body.token))).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
    // Concurrent writes to one stream through both instances: expected revisions keep the chain whole.
    await Promise.all([
      a.http.post(`/v1/users/${created.body.userId}/tokens`).set(bearer(a.adminToken)),
      b.http.post(`/v1/users/${created.body.userId}/tokens`).set(bearer(a.adminToken)),
      a.http.post(`/v1/users/${created.body.userId}/tokens`).set(bearer(a.adminToken)),
      b.http.post(`/v1/users/${created.body.userId}/tokens`).set(bearer(a.adminToken)),
    ]);
    const verify = await runCli(['verify', '--json'], { ...env(), LEDGER_DATA_DIR: second.dir });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    // Each instance keeps its own log.db but shares the signing key: the same size, the same bytes.
    const size = async (app: LedgerAppHarness) => (await app.http.get('/health')).body.log.checkpoint as number | null;
    for (let attempt = 0; attempt < 100 && ((await size(a)) === null || (await size(a)) !== (await size(b))); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [noteA, noteB] = await Promise.all([a, b].map(async (app) => (await app.http.get('/v1/ledger/checkpoint').set(bearer(a.adminToken)).expect(200)).text));
    expect(noteA).toBe(noteB);
    expect((await a.http.get('/v1/ledger/public-key').set(bearer(a.adminToken))).text).toBe((await b.http.get('/v1/ledger/public-key').set(bearer(a.adminToken))).text);
  }, 60_000);
});

/**
 * The API on EventStoreDB under the faults of a real cluster (the protocol test server and the test
 * cluster in test/support, driven through the real @eventstore/db-client): a write whose answer is
 * lost, no leader, a node down, a lagging follower, a dropped subscription. Under each: nothing
 * acknowledged is lost, nothing is applied twice, no false integrity alarm, 503 (never 500) while
 * the store is away, recovery without a restart.
 */
import { EsdbTestCluster, EsdbTestServer } from '../support/esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { bearer, expectStatus, patronCaseBody } from '../support/http-flows.js';

const ABORTED = 10;
const UNAVAILABLE = 14;
/** Discovery gives up quickly while no node can lead, so a request answers 503 in the test's time. */
const QUICK_DISCOVERY = '&maxDiscoverAttempts=2&discoveryInterval=20';

const apps: LedgerAppHarness[] = [];
const dirs: { remove(): void }[] = [];
const servers: EsdbTestServer[] = [];
const clusters: EsdbTestCluster[] = [];

/** An instance on the store; `joining` another one already there shares its keys and admin token. */
async function startApp(connectionString: string, joining?: LedgerAppHarness): Promise<LedgerAppHarness> {
  let keysDir = joining?.config.keysDir;
  if (!keysDir) {
    const keys = makeTempDir('ledger-esdb-faults-keys-');
    dirs.push(keys);
    keysDir = keys.dir;
  }
  const app = await startLedgerApp({
    env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString, LEDGER_KEYS_DIR: keysDir },
    ...(joining ? { adminToken: joining.adminToken } : {}),
  });
  apps.push(app);
  return app;
}

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(clusters.map((cluster) => cluster.stopAll()));
  for (const dir of dirs) dir.remove();
});

function expectStoreUnavailable(response: { status: number; headers: Record<string, string>; body: { type?: string } }): void {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.body.type).toBe('urn:disclosure-ledger:problem:store-unavailable');
}

/** Refusals for every attempt the adapter makes (6) at appending to streams named so. */
const refusals = (streamPrefix: string, count = 6) => Array.from({ length: count }, () => ({ kind: 'refuse' as const, code: UNAVAILABLE, streamPrefix }));

/** One node, one API, an open case, and the referral to the director that the tests send and count. */
async function aCaseToRefer(idempotencyKey: string) {
  const server = await EsdbTestServer.start();
  servers.push(server);
  const ledger = await startApp(server.connectionString);
  const staff = await ledger.user('staff');
  const { caseId } = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(patronCaseBody()), 201);
  const caseStream = `case-${caseId}`;
  return {
    server,
    caseId,
    caseStream,
    referrals: () => (server.log.stream(caseStream) ?? []).filter((event) => event.type === 'ReferredToDirector'),
    send: () =>
      ledger.http.post(`/v1/cases/${caseId}/director-referrals`).set(bearer(staff.token)).set('Idempotency-Key', idempotencyKey).send({ note: 'At the desk' }),
  };
}

describe('a write whose outcome the store did not confirm', () => {
  it('answers 503 with Retry-After, and the same request under the same Idempotency-Key is answered from the one write', async () => {
    const { server, caseId, caseStream, referrals, send } = await aCaseToRefer('referral-1');
    // The first attempt commits and loses its answer; every retry the adapter makes fails too.
    server.injectAppendFaults({ kind: 'commit-then-fail', code: ABORTED, streamPrefix: caseStream }, ...refusals(caseStream, 5));

    const first = await send();

    expectStoreUnavailable(first);
    expect(referrals()).toHaveLength(1);

    const retried = await send();

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ caseId, status: 'with_director', revision: referrals()[0].revision.toString() });
    expect(referrals()).toHaveLength(1);
    // And the answer is now kept: a third sending is its replay.
    const replayed = await send();
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(referrals()).toHaveLength(1);
  });

  it('releases the key once the store is back when it could not at first, so the retry is then answered from the one write', async () => {
    const { server, caseId, caseStream, referrals, send } = await aCaseToRefer('referral-2');
    // The command's append commits unconfirmed; then the release of the key fails too (the store "away").
    server.injectAppendFaults(
      { kind: 'commit-then-fail', code: ABORTED, streamPrefix: caseStream, then: () => server.injectAppendFaults(...refusals('idempotency-')) },
      ...refusals(caseStream, 5),
    );

    expectStoreUnavailable(await send());

    // Until the key is released the retry hears that the first request is unanswered (409, retry).
    let retried = await send();
    for (let attempt = 0; attempt < 100 && retried.status === 409; attempt++) {
      expect(retried.body.rule).toBe('IDEMPOTENCY-KEY-IN-FLIGHT');
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await send();
    }
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ caseId, revision: referrals()[0].revision.toString() });
    expect(referrals()).toHaveLength(1);
  });
});

describe('a write that creates a stream, whose outcome the store did not confirm', () => {
  /** One node and one API; `kind` names the streams (`case-`, `user-`) whose first append loses its answer. */
  async function aLedgerLosingTheAnswerTo(prefix: string) {
    const server = await EsdbTestServer.start();
    servers.push(server);
    const ledger = await startApp(server.connectionString);
    server.injectAppendFaults({ kind: 'commit-then-fail', code: ABORTED, streamPrefix: prefix }, ...refusals(prefix, 5));
    const eventsOfType = (type: string) => server.log.all.filter((event) => event.type === type);
    return { ledger, eventsOfType };
  }

  it('opens one case: the resend under the same Idempotency-Key finds the case the first sending opened', async () => {
    const { ledger, eventsOfType } = await aLedgerLosingTheAnswerTo('case-');
    const staff = await ledger.user('staff');
    const opened = () => eventsOfType('DisclosureRequested');
    const body = patronCaseBody();
    const send = () => ledger.http.post('/v1/cases').set(bearer(staff.token)).set('Idempotency-Key', 'open-1').send(body);

    expectStoreUnavailable(await send());
    expect(opened()).toHaveLength(1);

    const retried = await send();

    expect(retried.status).toBe(201);
    expect(opened()).toHaveLength(1);
    expect(`case-${retried.body.caseId}`).toBe(opened()[0].stream);
    expect(retried.body.evaluation.route).toBe('staff_may_release');
    // The case reads back whole: its patron reference was sealed under the key the first sending made.
    const read = await ledger.http.get(`/v1/cases/${retried.body.caseId}`).set(bearer(staff.token)).expect(200);
    expect(read.body.patron.ref).toBe(body.patron.ref);
  });

  it('registers one user, and the resend answers with the token whose hash the first sending recorded', async () => {
    const { ledger, eventsOfType } = await aLedgerLosingTheAnswerTo('user-');
    const registered = () => eventsOfType('UserRegistered');
    const before = registered().length;
    const send = () => ledger.http.post('/v1/users').set(bearer(ledger.adminToken)).set('Idempotency-Key', 'hire-1').send({ name: 'Robin Reed', role: 'staff' });

    expectStoreUnavailable(await send());
    expect(registered()).toHaveLength(before + 1);

    const retried = await send();

    expect(retried.status).toBe(201);
    expect(registered()).toHaveLength(before + 1);
    expect(`user-${retried.body.userId}`).toBe(registered().at(-1)!.stream);
    const me = await ledger.http.get('/v1/me').set(bearer(retried.body.token)).expect(200);
    expect(me.body).toMatchObject({ userId: retried.body.userId, name: 'Robin Reed', role: 'staff' });
  });
});

describe('on a three-node cluster', () => {
  let cluster: EsdbTestCluster;
  let ledger: LedgerAppHarness;
  let staff: { userId: string; token: string };

  beforeAll(async () => {
    cluster = await EsdbTestCluster.start({ nodes: 3 });
    clusters.push(cluster);
    ledger = await startApp(cluster.connectionString + QUICK_DISCOVERY);
    staff = await ledger.user('staff');
  });

  const openCase = () => ledger.http.post('/v1/cases').set(bearer(staff.token)).send(patronCaseBody());

  it('keeps writing and reading while each node in turn is down, the leader included', async () => {
    for (const down of [0, 1, 2]) {
      const wasLeader = cluster.leaderIndex === down;
      await cluster.stop(down);
      if (wasLeader) cluster.elect((down + 1) % 3);

      const { caseId } = await expectStatus(openCase(), 201);
      await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(staff.token)), 200);

      await cluster.restart(down);
    }
    const health = await expectStatus(ledger.http.get('/health'), 200);
    expect(health).toMatchObject({ status: 'ok', integrity: { ok: true } });
  });

  it('answers 503 with Retry-After (never 500) while no leader is elected, and writes again once one is, without a restart', async () => {
    cluster.election();

    expectStoreUnavailable(await openCase());

    cluster.elect(2);
    const { caseId } = await expectStatus(openCase(), 201);
    await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(staff.token)), 200);
  });

  it('raises no integrity alarm when a follower lags the log: every read it needs goes to the leader', async () => {
    const followers = [0, 1, 2].filter((index) => index !== cluster.leaderIndex);
    for (const index of followers) cluster.lag(index, 5);
    const laggingOnly = await startApp(`esdb://127.0.0.1:${cluster.node(followers[0]).port}?tls=false`, ledger);
    const writer = await laggingOnly.user('staff');

    for (let i = 0; i < 3; i++) await expectStatus(laggingOnly.http.post('/v1/cases').set(bearer(writer.token)).send(patronCaseBody()), 201);

    const health = await expectStatus(laggingOnly.http.get('/health'), 200);
    expect(health).toMatchObject({ status: 'ok', integrity: { ok: true } });
    for (const index of followers) cluster.lag(index, 0);
  });

  it('follows $all again after the subscription drops: every case written meanwhile reaches the views once', async () => {
    const before = await expectStatus(openCase(), 201);
    cluster.node(cluster.leaderIndex!).dropSubscriptions();
    const written = [before.caseId];
    for (let i = 0; i < 3; i++) written.push((await expectStatus(openCase(), 201)).caseId);
    const last = await expectStatus(openCase(), 201);
    written.push(last.caseId);

    const director = await ledger.user('director');
    const board = await expectStatus(
      ledger.http.get('/v1/director/cases').query({ status: 'all', minPosition: last.position, limit: 200 }).set(bearer(director.token)),
      200,
    );
    const listed = board.items.map((row: { caseId: string }) => row.caseId);
    for (const caseId of written) expect(listed.filter((id: string) => id === caseId)).toHaveLength(1);

    // The log follower too: one leaf per event in $all, no gap (it would alarm) and no duplicate.
    const events = () => cluster.log.all.filter((event) => !event.type.startsWith('$') && !event.stream.startsWith('$')).length;
    let size = -1;
    for (let attempt = 0; attempt < 100 && size !== events(); attempt++) {
      const checkpoint = await ledger.http.get('/v1/ledger/checkpoint').set(bearer(director.token)).buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
      size = Number(String(checkpoint.body).split('\n')[1]);
      if (size !== events()) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(size).toBe(events());
    const health = await expectStatus(ledger.http.get('/health'), 200);
    expect(health).toMatchObject({ status: 'ok', integrity: { ok: true } });
  });
});

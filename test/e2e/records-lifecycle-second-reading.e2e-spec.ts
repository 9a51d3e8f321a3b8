import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { bearer, expectStatus, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The records lifecycle's second reading over HTTP, on both stores: what the law keeps changes only
 * with two hands (the director proposes, counsel approves).
 */
type Rule = { id: string; caseKind: string; keepDays: number | 'until_released'; minimumDays?: number };

const stores: [string, () => Promise<{ ledger: LedgerAppHarness; stop: () => Promise<void> }>][] = [
  [
    'the embedded store',
    async () => {
      const ledger = await startLedgerApp({ clock: new TestClock(new Date('2026-02-01T10:00:00.000Z')) });
      return { ledger, stop: () => ledger.close() };
    },
  ],
  [
    'EventStoreDB',
    async () => {
      const server = await EsdbTestServer.start();
      const dir = makeTempDir('ledger-lifecycle-2-esdb-');
      const ledger = await startLedgerApp({
        clock: new TestClock(new Date('2026-02-01T10:00:00.000Z')),
        dataDir: dir.dir,
        env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString },
      });
      return {
        ledger,
        stop: async () => {
          await ledger.close();
          await server.stop();
          dir.remove();
        },
      };
    },
  ],
];

describe.each(stores)('records lifecycle, second reading, on %s', (_name, start) => {
  let ledger: LedgerAppHarness;
  let stop: () => Promise<void>;
  let director: string;
  let counsel: string;
  let staff: string;

  beforeAll(async () => {
    ({ ledger, stop } = await start());
    director = (await ledger.user('director')).token;
    counsel = (await ledger.user('counsel')).token;
    staff = (await ledger.user('staff')).token;
  });
  afterAll(async () => {
    await stop?.();
  });

  const schedule = async () => expectStatus(ledger.http.get('/v1/retention/schedule').set(bearer(counsel)), 200);
  const withChange = (rules: Rule[], caseKind: string, change: Partial<Rule>) => rules.map((rule) => (rule.caseKind === caseKind ? { ...rule, ...change } : rule));

  it('RETENTION-COUNSEL-APPROVAL: the director alone cannot shorten what the law keeps; a proposal waits for counsel, who approves it or either withdraws it', async () => {
    const { rules } = await schedule();
    const subpoenaAtZero = withChange(rules, 'law_enforcement', { keepDays: 0 });
    const refused = await expectStatus(ledger.http.put('/v1/retention/schedule').set(bearer(director)).send({ rules: subpoenaAtZero }), 422);
    expect(refused).toMatchObject({ rule: 'RETENTION-COUNSEL-APPROVAL', citation: expect.stringContaining('CGS § 11-8a') });
    const belowFloor = await expectStatus(ledger.http.put('/v1/retention/schedule').set(bearer(director)).send({ rules: withChange(rules, 'wellness_check', { keepDays: 30 }) }), 422);
    expect(belowFloor.rule).toBe('RETENTION-COUNSEL-APPROVAL');
    expect((await schedule()).version).toBe(0);

    // Lengthening needs no second hand: in effect at once.
    const longer = await expectStatus(ledger.http.post('/v1/retention/schedule-proposals').set(bearer(director)).send({ rules: withChange(rules, 'patron_self_service', { keepDays: 120 }) }), 201);
    expect(longer).toMatchObject({ status: 'in_effect', lowers: [], version: 1 });

    const first = await expectStatus(ledger.http.post('/v1/retention/schedule-proposals').set(bearer(director)).send({ rules: withChange((await schedule()).rules, 'law_enforcement', { keepDays: 3650 }) }), 201);
    expect(first).toMatchObject({ status: 'awaiting_counsel', lowers: ['law enforcement: 3650 days instead of until counsel releases the case'], version: 1 });
    await expectStatus(ledger.http.post('/v1/retention/schedule-proposals').set(bearer(counsel)).send({ rules }), 403);
    await expectStatus(ledger.http.post(`/v1/retention/schedule-proposals/${first.proposalId}/approval`).set(bearer(director)), 403);
    expect((await schedule()).proposals[0]).toMatchObject({ proposalId: first.proposalId, status: 'awaiting_counsel' });
    await expectStatus(ledger.http.delete(`/v1/retention/schedule-proposals/${first.proposalId}`).set(bearer(staff)), 403);
    await expectStatus(ledger.http.delete(`/v1/retention/schedule-proposals/${first.proposalId}`).set(bearer(counsel)), 204);
    await expectStatus(ledger.http.post(`/v1/retention/schedule-proposals/${first.proposalId}/approval`).set(bearer(counsel)), 409);
    expect((await schedule()).rules).toContainEqual({ id: 'RET-LAW-ENFORCEMENT', caseKind: 'law_enforcement', keepDays: 'until_released' });

    const second = await expectStatus(ledger.http.post('/v1/retention/schedule-proposals').set(bearer(director)).send({ rules: withChange((await schedule()).rules, 'law_enforcement', { keepDays: 3650 }) }), 201);
    const approved = await expectStatus(ledger.http.post(`/v1/retention/schedule-proposals/${second.proposalId}/approval`).set(bearer(counsel)), 200);
    expect(approved.version).toBe(2);
    expect((await schedule()).rules).toContainEqual({ id: 'RET-LAW-ENFORCEMENT', caseKind: 'law_enforcement', keepDays: 3650 });
    await expectStatus(ledger.http.post('/v1/retention/schedule-proposals/no-such-proposal/approval').set(bearer(counsel)), 404);
    // Bad input is a problem and changes nothing.
    await expectStatus(ledger.http.post('/v1/retention/schedule-proposals').set(bearer(director)).send({ rules: withChange(rules, 'vendor', { minimumDays: -1 }) }), 400);
    expect((await schedule()).version).toBe(2);
    void patronCaseBody;
  });
});

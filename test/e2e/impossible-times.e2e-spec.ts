import { bearer, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

/** Issue 11, point 6: times that cannot be are refused the same way at every door. */
describe('impossible times', () => {
  let ledger: LedgerAppHarness;
  let staff: { token: string };
  let auditor: { token: string };

  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_MAX_BACKDATE_DAYS: '10' } });
    staff = await ledger.user('staff');
    auditor = await ledger.user('auditor');
  });
  afterAll(async () => {
    await ledger.close();
  });

  const daysAgo = (days: number) => new Date(ledger.clock.now().getTime() - days * 86_400_000).toISOString();
  const open = (occurredAt: string) => ledger.http.post('/v1/cases').set(bearer(staff.token)).send({ ...patronCaseBody(), occurredAt });

  it('opens a case back-dated within LEDGER_MAX_BACKDATE_DAYS, refuses one beyond it with 400 and writes nothing', async () => {
    await open(daysAgo(9)).expect(201);
    const before = (await ledger.http.get('/health')).body.position;
    for (const occurredAt of [daysAgo(11), '1970-01-01T00:00:00Z']) {
      const refused = await open(occurredAt).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'occurredAt', messages: [expect.stringContaining('at most 10 days')] }]);
    }
    expect((await ledger.http.get('/health')).body.position).toBe(before);
  });

  it('refuses instants outside the one accepted form in bodies and in queries alike', async () => {
    for (const instant of ['0000-01-01T00:00:00+01:00', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2025-02-30T00:00:00Z', '2026-01-01T10:00:00']) {
      const body = await open(instant).expect(400);
      expect(body.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt']);
      const query = await ledger.http.get('/v1/audit/findings').query({ from: instant }).set(bearer(auditor.token)).expect(400);
      expect(query.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    }
  });

  it('refuses a period whose end comes before its start', async () => {
    for (const path of ['/v1/audit/findings', '/v1/audit/disclosures', '/v1/audit/access-log', '/v1/audit/stats']) {
      const refused = await ledger.http.get(path).query({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).set(bearer(auditor.token)).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'to', messages: ['to may not be before from'] }]);
    }
    await ledger.http.get('/v1/audit/findings').query({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }).set(bearer(auditor.token)).expect(200);
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer } from '../support/http-flows.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('who read what: the access log', () => {
  let ledger: LedgerAppHarness;
  let auditor: { userId: string; token: string };

  beforeAll(async () => {
    ledger = await startLedgerApp();
    auditor = await ledger.user('auditor');
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records that the access log itself was read, durably before the answer', async () => {
    const before = (await ledger.http.get('/health')).body.position as string;
    await ledger.http.get('/v1/audit/access-log').query({ userId: NOBODY }).set(bearer(auditor.token)).expect(200);
    const after = (await ledger.http.get('/health')).body.position as string;
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));

    const log = await ledger.http.get('/v1/audit/access-log').query({ userId: auditor.userId, minPosition: after }).set(bearer(auditor.token)).expect(200);
    expect(log.body.items[0]).toMatchObject({
      userId: auditor.userId,
      role: 'auditor',
      action: 'access_log_query',
      query: { userId: NOBODY },
      outcome: 'allowed',
      status: 200,
    });
  });

  it('is for auditors only', async () => {
    for (const role of ['staff', 'director', 'counsel', 'admin'] as const) {
      const token = role === 'admin' ? ledger.adminToken : (await ledger.user(role)).token;
      await ledger.http.get('/v1/audit/access-log').set(bearer(token)).expect(403);
    }
  });

  it('rejects bad filters with 400 problem+json', async () => {
    for (const query of [{ from: 'yesterday' }, { limit: '0' }, { limit: '501' }, { cursor: 'bm90LWEtY3Vyc29y' }, { unknown: 'x' }]) {
      const response = await ledger.http.get('/v1/audit/access-log').query(query).set(bearer(auditor.token)).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

/** Issue 11, point 2: an admin cannot lock the library out of its own ledger. */
describe('admin lock-out', () => {
  let ledger: LedgerAppHarness;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ledger = await startLedgerApp();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it("refuses to revoke the last admin's own tokens with 409 LAST-ADMIN, and allows it once another admin holds a token", async () => {
    const me = (await ledger.http.get('/v1/me').set(bearer(ledger.adminToken)).expect(200)).body.userId as string;
    const before = (await ledger.http.get('/health')).body.position;
    const refused = await ledger.http.delete(`/v1/users/${me}/tokens`).set(bearer(ledger.adminToken)).expect(409);
    expect(refused.body).toMatchObject({ status: 409, rule: 'LAST-ADMIN' });
    expect((await ledger.http.get('/health')).body.position).toBe(before);
    await ledger.http.get('/v1/me').set(bearer(ledger.adminToken)).expect(200);

    const second = await ledger.user('admin', 'Second Admin');
    await ledger.http.delete(`/v1/users/${me}/tokens`).set(bearer(second.token)).expect(204);
    await ledger.http.get('/v1/me').set(bearer(ledger.adminToken)).expect(401);
    const last = await ledger.http.delete(`/v1/users/${second.userId}/tokens`).set(bearer(second.token)).expect(409);
    expect(last.body.rule).toBe('LAST-ADMIN');
  });
});

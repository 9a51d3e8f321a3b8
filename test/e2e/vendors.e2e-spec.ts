import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, expectStatus } from '../support/http-flows.js';

/** The Director's list of approved vendors over HTTP, and what it opens at the desk (VENDOR-AUTH / VENDOR-NOT-APPROVED). */
describe('approved vendors', () => {
  let ledger: LedgerAppHarness;
  let director: { token: string; userId: string };
  let staff: { token: string };
  let auditor: { token: string };

  beforeAll(async () => {
    ledger = await startLedgerApp();
    director = await ledger.user('director');
    staff = await ledger.user('staff');
    auditor = await ledger.user('auditor');
  });
  afterAll(async () => {
    await ledger.close();
  });

  const vendorRequest = (vendorId: string) => ({
    requester: { kind: 'vendor', name: 'Lantern eBooks' },
    channel: 'online',
    patron: { ref: '21234000999001' },
    requestedCategories: ['name', 'card_number'],
    identification: [{ kind: 'vendor_credentials', detail: vendorId }],
  });

  it('the Director approves a vendor; its requests online with credentials are answered, and after withdrawal denied', async () => {
    const approved = await expectStatus(
      ledger.http.post('/v1/vendors').set(bearer(director.token)).send({ name: 'Lantern eBooks', service: 'eBooks' }),
      201,
    );
    expect(approved).toMatchObject({ vendorId: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/) });

    const allowed = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(vendorRequest(approved.vendorId)), 201);
    expect(allowed.evaluation.route).toBe('staff_may_release');
    expect(allowed.evaluation.rules.map((rule: { id: string }) => rule.id)).toContain('VENDOR-AUTH');

    const listed = await expectStatus(ledger.http.get('/v1/vendors').set(bearer(auditor.token)), 200);
    expect(listed.items).toEqual([expect.objectContaining({ vendorId: approved.vendorId, name: 'Lantern eBooks', service: 'eBooks', approved: true, approvedBy: director.userId })]);

    await ledger.http.delete(`/v1/vendors/${approved.vendorId}`).set(bearer(director.token)).expect(204);
    const again = await ledger.http.delete(`/v1/vendors/${approved.vendorId}`).set(bearer(director.token)).expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const denied = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(vendorRequest(approved.vendorId)), 201);
    expect(denied.evaluation.route).toBe('deny');
    expect(denied.evaluation.rules.map((rule: { id: string }) => rule.id)).toContain('VENDOR-NOT-APPROVED');
    const after = await expectStatus(ledger.http.get('/v1/vendors').set(bearer(staff.token)), 200);
    expect(after.items[0]).toMatchObject({ approved: false, withdrawnAt: expect.any(String) });
  });

  it('only the Director keeps the list; bad input and unknown vendors are refused and change nothing', async () => {
    const counsel = await ledger.user('counsel');
    const before = (await ledger.http.get('/health')).body.position;
    await ledger.http.post('/v1/vendors').set(bearer(staff.token)).send({ name: 'X', service: 'Y' }).expect(403);
    await ledger.http.get('/v1/vendors').set(bearer(counsel.token)).expect(403);
    const invalid = await ledger.http.post('/v1/vendors').set(bearer(director.token)).send({ name: '', service: 'Y', extra: 1 }).expect(400);
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    await ledger.http.delete('/v1/vendors/not-a-uuid').set(bearer(director.token)).expect(400);
    await ledger.http.delete('/v1/vendors/5b0d0000-0000-4000-8000-000000000009').set(bearer(director.token)).expect(404);
    expect((await ledger.http.get('/health')).body.position).toBe(before);
  });
});

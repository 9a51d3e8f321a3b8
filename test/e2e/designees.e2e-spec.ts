import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { bearer } from '../support/http-flows.js';

describe('designees over HTTP', () => {
  let ledger: LedgerAppHarness;
  let director: string;
  const clock = new TestClock(new Date('2025-05-01T08:00:00.000Z'));
  const FROM = '2025-05-10T09:00:00.000Z';
  const TO = '2025-05-20T17:00:00.000Z';
  const minus1ms = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

  async function designeeOf(token: string) {
    return (await ledger.http.get('/v1/me').set(bearer(token)).expect(200)).body.designee;
  }

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock });
    director = (await ledger.user('director')).token;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('gives powers exactly inside [from, to)', async () => {
    const deputy = await ledger.user('staff', 'Deputy One');
    const created = await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: deputy.userId, from: FROM, to: TO }).expect(201);
    expect(created.body).toMatchObject({ appointmentId: expect.any(String), userId: deputy.userId, from: FROM, to: TO, position: expect.stringMatching(/^\d+$/) });

    const inactive = { active: false, from: null, to: null };
    const active = { active: true, from: FROM, to: TO };
    clock.set(minus1ms(FROM));
    expect(await designeeOf(deputy.token)).toEqual(inactive);
    clock.set(FROM);
    expect(await designeeOf(deputy.token)).toEqual(active);
    clock.set(minus1ms(TO));
    expect(await designeeOf(deputy.token)).toEqual(active);
    clock.set(TO);
    expect(await designeeOf(deputy.token)).toEqual(inactive);
  });

  it('ends an appointment now: inactive from that instant; a second DELETE is 404', async () => {
    clock.set('2025-06-01T08:00:00.000Z');
    const deputy = await ledger.user('staff');
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: deputy.userId, from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' }).expect(201);
    expect((await designeeOf(deputy.token)).active).toBe(true);
    clock.set('2025-06-02T12:00:00.000Z');
    await ledger.http.delete(`/v1/designees/${deputy.userId}`).set(bearer(director)).expect(204);
    expect(await designeeOf(deputy.token)).toEqual({ active: false, from: null, to: null });
    clock.set('2025-06-15T12:00:00.000Z');
    expect((await designeeOf(deputy.token)).active).toBe(false);
    await ledger.http.delete(`/v1/designees/${deputy.userId}`).set(bearer(director)).expect(404);
  });

  it('ends a future appointment before it starts', async () => {
    clock.set('2025-08-01T00:00:00.000Z');
    const deputy = await ledger.user('staff');
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: deputy.userId, from: '2025-09-01T00:00:00Z', to: '2025-10-01T00:00:00Z' }).expect(201);
    await ledger.http.delete(`/v1/designees/${deputy.userId}`).set(bearer(director)).expect(204);
    clock.set('2025-09-15T00:00:00.000Z');
    expect((await designeeOf(deputy.token)).active).toBe(false);
  });

  it('answers 404 when the user has no appointment in force or to come, or does not exist', async () => {
    const never = await ledger.user('staff');
    await ledger.http.delete(`/v1/designees/${never.userId}`).set(bearer(director)).expect(404);
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: '6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11', from: FROM, to: TO }).expect(404);
  });

  it('appoints only staff users, with to after from (400)', async () => {
    const counsel = await ledger.user('counsel');
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: counsel.userId, from: FROM, to: TO }).expect(400);
    const staff = await ledger.user('staff');
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: staff.userId, from: TO, to: FROM }).expect(400);
    const invalid = await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: 'nobody', from: '2025-13-01', to: 'soon', extra: true }).expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['extra', 'from', 'to', 'userId']);
  });

  it('lets only the director appoint and end (403 for staff, even an active designee, and every other role)', async () => {
    clock.set('2025-11-01T00:00:00.000Z');
    const deputy = await ledger.user('staff');
    await ledger.http.post('/v1/designees').set(bearer(director)).send({ userId: deputy.userId, from: '2025-10-01T00:00:00Z', to: '2025-12-01T00:00:00Z' }).expect(201);
    expect((await designeeOf(deputy.token)).active).toBe(true);
    const other = await ledger.user('staff');
    await ledger.http.post('/v1/designees').set(bearer(deputy.token)).send({ userId: other.userId, from: FROM, to: TO }).expect(403);
    await ledger.http.delete(`/v1/designees/${deputy.userId}`).set(bearer(deputy.token)).expect(403);
    for (const role of ['counsel', 'auditor'] as const) {
      const { token } = await ledger.user(role);
      await ledger.http.post('/v1/designees').set(bearer(token)).send({ userId: other.userId, from: FROM, to: TO }).expect(403);
    }
    await ledger.http.post('/v1/designees').set(bearer(ledger.adminToken)).send({ userId: other.userId, from: FROM, to: TO }).expect(403);
    expect((await designeeOf(deputy.token)).active).toBe(true);
  });
});

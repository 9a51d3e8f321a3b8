import { readFileSync } from 'node:fs';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, patronCaseBody } from '../support/http-flows.js';

/** Issue 11, point 4: a retried command with the same `Idempotency-Key` is answered again and recorded once. */
describe('Idempotency-Key on commands', () => {
  let ledger: LedgerAppHarness;
  let staff: { userId: string; token: string };
  const head = async () => (await ledger.http.get('/health')).body.position as string;
  const openCase = (token: string, key: string, body: object) => ledger.http.post('/v1/cases').set(bearer(token)).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = await ledger.user('staff', 'Sam Retry');
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('answers a retry with the first answer, marked as replayed, and records nothing more', async () => {
    const body = patronCaseBody();
    const first = await openCase(staff.token, 'a7d1c0de-0001', body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const after = await head();

    const retry = await openCase(staff.token, 'a7d1c0de-0001', body).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(await head()).toBe(after);
  });

  it('refuses the same key with a different body: 422 IDEMPOTENCY-KEY-REUSED, nothing recorded', async () => {
    await openCase(staff.token, 'a7d1c0de-0002', patronCaseBody()).expect(201);
    const before = await head();
    const refused = await openCase(staff.token, 'a7d1c0de-0002', patronCaseBody()).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 422, rule: 'IDEMPOTENCY-KEY-REUSED' });
    expect(await head()).toBe(before);
  });

  it('replays a refusal too: the retry of a 400 is the same 400', async () => {
    const body = { ...patronCaseBody(), channel: 'carrier pigeon' };
    const first = await openCase(staff.token, 'a7d1c0de-0003', body);
    expect(first.status).toBe(400);
    const retry = await openCase(staff.token, 'a7d1c0de-0003', body).expect(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('runs exactly one of concurrent requests with one key; the others are the replay or 409 IDEMPOTENCY-KEY-IN-FLIGHT', async () => {
    const body = patronCaseBody();
    const answers = await Promise.all(Array.from({ length: 6 }, () => openCase(staff.token, 'a7d1c0de-0004', body)));
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.rule).toBe('IDEMPOTENCY-KEY-IN-FLIGHT');
    const created = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.caseId as string));
    expect(created.size).toBe(1);
    // After the first answer, the key replays for everyone who retries.
    const later = await openCase(staff.token, 'a7d1c0de-0004', body).expect(201);
    expect(created.has(later.body.caseId)).toBe(true);
  });

  it('keeps each user’s keys apart, and a replayed new token is not in the event store in clear', async () => {
    const other = await ledger.user('staff', 'Olive Other');
    const body = patronCaseBody();
    const mine = await openCase(staff.token, 'a7d1c0de-0005', body).expect(201);
    const theirs = await openCase(other.token, 'a7d1c0de-0005', body).expect(201);
    expect(theirs.body.caseId).not.toBe(mine.body.caseId);

    const registration = { name: 'Nia Newcomer', role: 'staff' };
    const first = await ledger.http.post('/v1/users').set(bearer(ledger.adminToken)).set('Idempotency-Key', 'register-nia').send(registration).expect(201);
    const retry = await ledger.http.post('/v1/users').set(bearer(ledger.adminToken)).set('Idempotency-Key', 'register-nia').send(registration).expect(201);
    expect(retry.body).toEqual(first.body);
    const events = readFileSync(ledger.config.paths.events);
    expect(events.includes(Buffer.from(first.body.token as string))).toBe(false);
    expect(events.includes(Buffer.from('register-nia'))).toBe(false);
  });

  it('refuses a malformed key with 400 naming the header, and leaves reads alone', async () => {
    const refused = await openCase(staff.token, 'not a key', patronCaseBody()).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    await ledger.http.get('/v1/me').set(bearer(staff.token)).set('Idempotency-Key', 'not a key').expect(200);
  });
});

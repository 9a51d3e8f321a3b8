import { bearer, type Actors, CaseFlows, makeActors, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

const VALIDATION = 'urn:disclosure-ledger:problem:validation';

/** Issue 11, point 7: the contract's loose ends, each pinned. */
describe("the contract's loose ends", () => {
  let ledger: LedgerAppHarness;
  let actors: Actors;
  let flows: CaseFlows;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    actors = await makeActors(ledger);
    flows = new CaseFlows(ledger, actors);
  });
  afterAll(async () => {
    await ledger.close();
  });

  const expectValidation = (body: { type: string; errors?: { field: string }[] }, field: string) => {
    expect(body.type).toBe(VALIDATION);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  };

  it('every 400 is of one type and carries errors[]: bad cursor, non-UUID ids, malformed JSON, domain-detected input', async () => {
    expectValidation((await ledger.http.get('/v1/audit/findings').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(actors.auditor.token)).expect(400)).body, 'cursor');
    expectValidation((await ledger.http.post('/v1/users/not-a-uuid/tokens').set(bearer(actors.admin.token)).expect(400)).body, 'userId');
    expectValidation((await ledger.http.delete('/v1/patrons/consents/42').set(bearer(actors.staff.token)).expect(400)).body, 'consentId');
    const malformed = await ledger.http.post('/v1/cases').set(bearer(actors.staff.token)).set('Content-Type', 'application/json').send('{"patron":').expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'body', messages: [expect.any(String)] }]);
    const future = new Date(ledger.clock.now().getTime() + 60_000).toISOString();
    expectValidation((await ledger.http.post('/v1/cases').set(bearer(actors.staff.token)).send({ ...patronCaseBody(), occurredAt: future }).expect(400)).body, 'occurredAt');
  });

  it('refuses a limit that is not plain decimal', async () => {
    for (const limit of ['0x10', '016', ' 16', '1e1', '16.0', '+16']) {
      expectValidation((await ledger.http.get('/v1/audit/findings').query({ limit }).set(bearer(actors.auditor.token)).expect(400)).body, 'limit');
    }
    await ledger.http.get('/v1/audit/findings').query({ limit: '16' }).set(bearer(actors.auditor.token)).expect(200);
  });

  it('counts lengths in code points and keeps names on one line, free of bidi overrides and control characters', async () => {
    const open = (name: string, purpose?: string) =>
      ledger.http.post('/v1/cases').set(bearer(actors.staff.token)).send({ ...patronCaseBody(), requester: { kind: 'patron', name }, ...(purpose ? { purpose } : {}) });
    const ok = await open('\u{1F4DA}'.repeat(200)); // 200 characters, 400 UTF-16 units
    expect([ok.status, ok.body]).toEqual([201, expect.anything()]);
    expectValidation((await open('\u{1F4DA}'.repeat(201)).expect(400)).body, 'requester.name');
    for (const name of ['Ann\u202Eeel', 'Ann\u2066Lee\u2069', 'Ann\nLee', 'Ann\u0085Lee']) {
      const refused = await open(name).expect(400);
      expect(refused.body.errors[0].field).toMatch(/requester\.name$/);
    }
    await open('Ann Lee', 'First line.\nSecond line.').expect(201);
  });

  it('answers 403 SEALED to everyone a sealed case does not name, counsel not referred included', async () => {
    const caseId = await flows.referredToCounsel(true);
    for (const token of [actors.otherCounsel.token, actors.otherStaff.token, actors.staff.token]) {
      expect((await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(token)).expect(403)).body.rule).toBe('SEALED');
    }
    expect((await ledger.http.get(`/v1/cases/${caseId}/export`).set(bearer(actors.otherCounsel.token)).expect(403)).body.rule).toBe('SEALED');
  });

  it("refuses the opener's export with a read-side rule, and accepts minPosition on exports", async () => {
    const caseId = await flows.patronCase();
    const refused = await ledger.http.get(`/v1/cases/${caseId}/export`).set(bearer(actors.staff.token)).expect(403);
    expect(refused.body.rule).toBe('CASE-FILE-NOT-PERMITTED');
    await ledger.http.get(`/v1/cases/${caseId}/export`).query({ minPosition: '1' }).set(bearer(actors.director.token)).expect(200);
  });

  it('answers a view that cannot catch up with 503 and a plain-English title', async () => {
    const late = await ledger.http.get('/v1/audit/findings').query({ minPosition: '99999999' }).set(bearer(actors.auditor.token)).expect(503);
    expect(late.body.title).toBe('Service unavailable');
  }, 30_000);
});

import { bothStores } from '../support/both-stores.js';
import { type Actors, bearer, CaseFlows, expectStatus, makeActors } from '../support/http-flows.js';
import type { LedgerAppHarness } from '../support/ledger-app.harness.js';

/**
 * The life of a non-disclosure order over HTTP, on both stores (issue #25 item 7): counsel challenges it,
 * its end is recorded by the Director, a designee or the referred counsel, the case is unsealed for the
 * next reader, PATRON-NOTICE-DUE reminds the Director until the notice to the patron is recorded. Each
 * refusal answers problem+json and changes nothing.
 */
describe.each(bothStores('ledger-nondisclosure-esdb-'))('the life of a non-disclosure order, on %s', (_name, start) => {
  let ledger: LedgerAppHarness;
  let stop: () => Promise<void>;
  let actors: Actors;
  let flows: CaseFlows;

  beforeAll(async () => {
    ({ ledger, stop } = await start());
    actors = await makeActors(ledger);
    flows = new CaseFlows(ledger, actors);
  }, 120_000);
  afterAll(async () => {
    await stop?.();
  });

  const minutesAgo = (minutes: number) => new Date(ledger.clock.now().getTime() - minutes * 60_000).toISOString();
  const act = (token: string, caseId: string, path: string, body: object) => ledger.http.post(`/v1/cases/${caseId}/${path}`).set(bearer(token)).send(body);
  const position = async () => BigInt((await ledger.http.get('/health').expect(200)).body.position);
  const instrumentOf = async (caseId: string) => (await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)), 200)).instruments[0].instrumentId as string;
  const noticesDue = async (token: string, minPosition: string) =>
    (await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'PATRON-NOTICE-DUE', minPosition }).set(bearer(token)), 200)).items as { caseId: string; severity: string }[];

  /** Sends a refused request: the answer is problem+json with the status (and rule), and the ledger did not move. */
  async function expectRefused(send: () => PromiseLike<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>, status: number, expected: object) {
    const before = await position();
    const response = await send();
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(response.body).toMatchObject(expected);
    expect(await position()).toBe(before);
  }

  it('counsel challenges, the referred counsel records the end, the case is unsealed, and the notice to the patron ends the reminder', async () => {
    const caseId = await flows.referredToCounsel(true);
    const instrumentId = await instrumentOf(caseId);
    await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.auditor.token)), 403);

    await expectStatus(act(actors.counsel.token, caseId, 'nondisclosure-challenges', { instrumentId, filedAt: minutesAgo(1), court: 'U.S. District Court, D. Conn.' }), 201);
    // Still sealed: a challenge is not an end, and the patron may not be told.
    await expectRefused(() => act(actors.director.token, caseId, 'patron-notices', { method: 'mail', notifiedAt: minutesAgo(0) }), 409, { rule: 'CASE-STATE' });
    // Staff and counsel the sealed case does not name are refused as on reading.
    await expectRefused(() => act(actors.staff.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: minutesAgo(1), how: 'lifted_by_court' }), 403, { rule: 'SEALED' });
    await expectRefused(() => act(actors.otherCounsel.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: minutesAgo(1), how: 'lifted_by_court' }), 403, { rule: 'SEALED' });
    await expectRefused(() => act(actors.counsel.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: new Date(ledger.clock.now().getTime() + 3_600_000).toISOString(), how: 'expired' }), 400, {
      errors: [expect.objectContaining({ field: 'endedAt' })],
    });
    await expectRefused(() => act(actors.counsel.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: minutesAgo(1), how: 'forgotten' }), 400, { errors: [expect.objectContaining({ field: 'how' })] });
    await expectRefused(() => act(actors.counsel.token, caseId, 'nondisclosure-end', { instrumentId: 'no-such-instrument', endedAt: minutesAgo(1), how: 'expired' }), 404, {});

    const ended = await expectStatus(act(actors.counsel.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: minutesAgo(1), how: 'lifted_by_court', note: 'Order of 1 March vacated' }), 201);
    await expectRefused(() => act(actors.director.token, caseId, 'nondisclosure-end', { instrumentId, endedAt: minutesAgo(1), how: 'expired' }), 409, { rule: 'CASE-STATE' });

    // Unsealed for the next reader: the auditor reads it (pseudonymised) and sees the reminder.
    const asAuditor = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).query({ minPosition: ended.position }).set(bearer(actors.auditor.token)), 200);
    expect(asAuditor).toMatchObject({ sealed: false, unsealedAt: expect.any(String), nondisclosureEnds: [expect.objectContaining({ instrumentId, how: 'lifted_by_court' })] });
    expect(asAuditor.patron).not.toHaveProperty('ref');
    expect(asAuditor.timeline.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['NondisclosureChallenged', 'NondisclosureEnded']));
    expect(await noticesDue(actors.auditor.token, ended.position)).toEqual([expect.objectContaining({ caseId, severity: 'info' })]);

    await expectRefused(() => act(actors.director.token, caseId, 'patron-notices', { method: 'mail', notifiedAt: minutesAgo(30) }), 400, { errors: [expect.objectContaining({ field: 'notifiedAt' })] });
    await expectRefused(() => act(actors.staff.token, caseId, 'patron-notices', { method: 'mail', notifiedAt: minutesAgo(0) }), 403, { rule: 'LE-DIRECTOR-ONLY' });
    const notified = await expectStatus(act(actors.activeDesignee.token, caseId, 'patron-notices', { method: 'mail', notifiedAt: minutesAgo(0) }), 201);
    expect(await noticesDue(actors.director.token, notified.position)).toEqual([]);
  }, 60_000);

  it('with two orders the case stays sealed until both have ended', async () => {
    const caseId = await flows.withInstrument('subpoena', true);
    const later = await expectStatus(act(actors.director.token, caseId, 'legal-instruments', { ...{ type: 'court_order', issuedBy: 'Superior Court', servedAt: minutesAgo(1), scope: { categories: ['address'] } }, nondisclosureOrder: true }), 201);
    const first = await instrumentOf(caseId);
    const once = await expectStatus(act(actors.director.token, caseId, 'nondisclosure-end', { instrumentId: first, endedAt: minutesAgo(0), how: 'expired' }), 201);
    await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).query({ minPosition: once.position }).set(bearer(actors.auditor.token)), 403);
    const twice = await expectStatus(act(actors.activeDesignee.token, caseId, 'nondisclosure-end', { instrumentId: later.instrumentId, endedAt: minutesAgo(0), how: 'government_notice' }), 201);
    const board = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ minPosition: twice.position }).set(bearer(actors.auditor.token)), 200);
    expect(board.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({ sealed: false, instrumentType: expect.any(String) });
  }, 60_000);
});

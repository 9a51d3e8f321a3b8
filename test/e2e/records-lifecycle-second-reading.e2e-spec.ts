import { bothStores } from '../support/both-stores.js';
import { bearer, expectStatus, instrumentBody, lawEnforcementCaseBody, patronCaseBody } from '../support/http-flows.js';
import type { LedgerAppHarness, TestClock } from '../support/ledger-app.harness.js';

/**
 * The records lifecycle's second reading over HTTP, on both stores, each refusal beside its allowed
 * side: what the law keeps changes only with two hands (RETENTION-COUNSEL-APPROVAL), a purge waits for
 * the schedule (RETENTION-NOT-DUE), an erasure request is the patron's own, in person, and waits for the
 * Director (ERASURE-ID), and a patron under legal process keeps every case (LEGAL-PROCESS-HOLD).
 */
type Rule = { id: string; caseKind: string; keepDays: number | 'until_released'; minimumDays?: number };

const DAY_MINUTES = 24 * 60;
const stores = bothStores('ledger-lifecycle-2-esdb-', '2026-02-01T10:00:00.000Z');

describe.each(stores)('records lifecycle, second reading, on %s', (_name, start) => {
  let ledger: LedgerAppHarness;
  let clock: TestClock;
  let stop: () => Promise<void>;
  let director: string;
  let counsel: string;
  let counselId: string;
  let staff: string;

  beforeAll(async () => {
    ({ ledger, clock, stop } = await start());
    director = (await ledger.user('director')).token;
    ({ token: counsel, userId: counselId } = await ledger.user('counsel'));
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
  });

  it('RETENTION-NOT-DUE: a purge by hand waits until the case is due, and records the disposition authority it runs under', async () => {
    const opened = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(patronCaseBody('CARD-NOT-DUE-1')), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
    const { rules } = await schedule();
    const keepDays = rules.find((rule: Rule) => rule.caseKind === 'patron_self_service').keepDays as number;
    const early = await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(director)).send({ caseId: opened.caseId, reason: 'Tidy up' }), 422);
    expect(early).toMatchObject({ rule: 'RETENTION-NOT-DUE', detail: expect.stringMatching(/due on \d{4}-\d{2}-\d{2}T/) });
    expect((await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director)), 200)).identityShredded).toBeUndefined();

    clock.advanceMinutes(keepDays * DAY_MINUTES + 1);
    const purged = await expectStatus(
      ledger.http.post('/v1/retention/purges').set(bearer(director)).send({ caseId: opened.caseId, reason: 'Due', dispositionAuthority: 'RC-075 2026-014' }),
      201,
    );
    expect(purged.dispositionAuthority).toBe('RC-075 2026-014');
    const read = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director)), 200);
    expect(read.identityShredded).toMatchObject({ basis: 'by_hand', dispositionAuthority: 'RC-075 2026-014', statement: expect.stringContaining('disposition authority RC-075 2026-014') });
    const auditor = (await ledger.user('auditor')).token;
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ minPosition: purged.position }).set(bearer(auditor)), 200);
    const row = register.items.find((item: { caseId: string }) => item.caseId === opened.caseId);
    expect(row.purge).toMatchObject({ basis: 'by_hand', scheduleRule: 'RET-PATRON-SELF', dispositionAuthority: 'RC-075 2026-014', shreddedBy: expect.any(String) });
    // A purge by hand is the Director's own disposition: they approved it.
    expect(row.purge.approvedBy).toBe(row.purge.shreddedBy);
    expect(register.items.filter((item: { purge: unknown }) => item.purge === null).length).toBe(register.items.length - 1);
  });

  it('ERASURE-ID: an erasure request is recorded only for the patron in person with their card or a photo id, and shreds nothing until the Director approves it', async () => {
    const ref = 'CARD-ERASE-TWO-STEPS-1';
    const opened = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(patronCaseBody(ref)), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
    const erasure = (body: object) => ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: ref, identification: [{ kind: 'library_card' }], ...body });
    expect(await expectStatus(erasure({ requesterKind: 'family_or_friend' }), 422)).toMatchObject({ rule: 'ERASURE-ID' });
    const recorded = await expectStatus(erasure({}), 201);
    expect(recorded.status).toBe('awaiting_approval');
    expect((await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director)), 200)).patron.ref).toBe(ref);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(director)), 200);
    expect(answer.outcomes).toEqual([{ caseId: opened.caseId, result: 'shredded' }]);
    expect(answer.statement).toContain('What remains in that record: a pseudonym');
    expect((await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director)), 200)).patron.ref).toBeNull();
  });

  it('LEGAL-PROCESS-HOLD: an open subpoena case about a patron keeps their closed family case through erasure and the purge, saying only that records must be kept for now', async () => {
    const ref = 'CARD-UNDER-SUBPOENA-1';
    const family = await expectStatus(
      ledger.http.post('/v1/cases').set(bearer(staff)).send({ ...patronCaseBody(ref), requester: { kind: 'family_or_friend', name: 'Sam Park' }, purpose: 'Renewals', requestedCategories: ['holds'] }),
      201,
    );
    await expectStatus(ledger.http.post(`/v1/cases/${family.caseId}/releases`).set(bearer(staff)).send({ categories: ['holds'], method: 'in_person' }), 201);
    expect((await expectStatus(ledger.http.get(`/v1/cases/${family.caseId}`).set(bearer(director)), 200)).closedAt).toEqual(expect.any(String));
    const subpoena = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(lawEnforcementCaseBody(ref)), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${subpoena.caseId}/director-referrals`).set(bearer(staff)).send({ note: 'Officer at the desk' }), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${subpoena.caseId}/legal-instruments`).set(bearer(director)).send(instrumentBody(ledger)), 201);
    const { rules } = await schedule();
    clock.advanceMinutes((rules.find((rule: Rule) => rule.caseKind === 'family_or_friend').keepDays as number) * DAY_MINUTES + 1);

    // The purge by hand refuses the family case although it is due; the purge plan keeps it.
    const purge = await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(director)).send({ caseId: family.caseId, reason: 'Due' }), 422);
    expect(purge).toMatchObject({ rule: 'LEGAL-PROCESS-HOLD' });
    expect(JSON.stringify(purge)).not.toContain(subpoena.caseId);
    const due = await expectStatus(ledger.http.get('/v1/retention/due').query({ before: clock.now().toISOString() }).set(bearer(director)), 200);
    expect(due.items.find((item: { caseId: string }) => item.caseId === family.caseId)).toMatchObject({ willPurge: false, keptBecause: { rule: 'LEGAL-PROCESS-HOLD' } });

    const recorded = await expectStatus(ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: ref, identification: [{ kind: 'library_card' }] }), 201);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(director)), 200);
    const kept = answer.outcomes.find((outcome: { caseId: string }) => outcome.caseId === family.caseId);
    expect(kept).toMatchObject({ result: 'kept', rule: 'LEGAL-PROCESS-HOLD', reason: 'records about this patron must be kept for now' });
    expect(answer.outcomes.every((outcome: { result: string }) => outcome.result === 'kept')).toBe(true);
    expect(answer.statement).toContain('the Library must keep the record for now');
    expect(answer.statement).not.toMatch(/subpoena|law enforcement|legal process/i);
    expect((await expectStatus(ledger.http.get(`/v1/cases/${family.caseId}`).set(bearer(director)), 200)).patron.ref).toBe(ref);
  });

  it('RETENTION-COUNSEL-APPROVAL after the fact: a law-enforcement case purged under the schedule counsel approved shows who approved, and raises no finding', async () => {
    const opened = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(lawEnforcementCaseBody('CARD-LE-PURGED-1')), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/director-referrals`).set(bearer(staff)).send({ note: 'Officer at the desk' }), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/refusals`).set(bearer(director)).send({ reason: 'No court order' }), 201);
    expect((await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(director)).send({ caseId: opened.caseId, reason: 'Tidy up' }), 422)).rule).toBe('RETENTION-NOT-DUE');
    // The first test's schedule, approved by counsel, keeps law-enforcement cases 3650 days.
    clock.advanceMinutes(3651 * DAY_MINUTES);
    const purged = await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(director)).send({ caseId: opened.caseId, reason: 'Due', dispositionAuthority: 'RC-075 2026-020' }), 201);
    const auditor = (await ledger.user('auditor')).token;
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ minPosition: purged.position }).set(bearer(auditor)), 200);
    const row = register.items.find((item: { caseId: string }) => item.caseId === opened.caseId);
    expect(row.purge).toMatchObject({ basis: 'by_hand', scheduleRule: 'RET-LAW-ENFORCEMENT', dispositionAuthority: 'RC-075 2026-020', approvedBy: row.purge.shreddedBy, counselApprovedBy: counselId });
    const findings = await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'RETENTION-COUNSEL-APPROVAL', minPosition: purged.position }).set(bearer(auditor)), 200);
    expect(findings.items).toEqual([]);
  });

});

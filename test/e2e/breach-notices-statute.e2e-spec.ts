import { bothStores } from '../support/both-stores.js';
import { bearer, expectStatus } from '../support/http-flows.js';
import type { LedgerAppHarness, TestClock } from '../support/ledger-app.harness.js';

/**
 * Breach notices as CGS § 36a-701b has them, over HTTP on both stores: the data elements decide whose
 * law requires the notices, the Attorney General is notified no later than the residents
 * (AG-NOTICE-LATE), law enforcement's request stops the clock, and patrons found later get a clock of
 * their own.
 */
const DAY_MS = 86_400_000;
const stores = bothStores('ledger-breach-esdb-', '2026-03-01T10:00:00.000Z');

describe.each(stores)('breach notices under CGS § 36a-701b, on %s', (_name, start) => {
  let ledger: LedgerAppHarness;
  let clock: TestClock;
  let stop: () => Promise<void>;
  let director: string;
  let auditor: string;
  let staff: string;

  beforeAll(async () => {
    ({ ledger, clock, stop } = await start());
    director = (await ledger.user('director')).token;
    auditor = (await ledger.user('auditor')).token;
    staff = (await ledger.user('staff')).token;
  });
  afterAll(async () => {
    await stop?.();
  });

  const now = () => clock.now().toISOString();
  const incident = async (dataElements: string[], patronRefs: string[]) =>
    (
      await expectStatus(
        ledger.http.post('/v1/incidents').set(bearer(director)).send({ discoveredAt: now(), description: 'Patron accounts copied from the catalogue', systems: ['ILS'], affected: { patronRefs }, dataElements }),
        201,
      )
    ).incidentId as string;
  const post = (incidentId: string, what: string, body: object, token = director) => ledger.http.post(`/v1/incidents/${incidentId}/${what}`).set(bearer(token)).send(body);
  const findingsOf = async (incidentId: string, minPosition: string) =>
    (await expectStatus(ledger.http.get('/v1/audit/findings').query({ minPosition }).set(bearer(auditor)), 200)).items.filter((item: { caseId: string }) => item.caseId === incidentId);
  const incidentView = async (incidentId: string, minPosition: string) =>
    (await expectStatus(ledger.http.get('/v1/incidents').query({ minPosition }).set(bearer(auditor)), 200)).items.find((item: { incidentId: string }) => item.incidentId === incidentId);

  it('AG-NOTICE-LATE: the Attorney General notified before the residents raises nothing; a resident notified first is a violation the auditor sees', async () => {
    const inOrder = await incident(['name', 'social_security_number'], ['CARD-AG-1']);
    await expectStatus(post(inOrder, 'attorney-general-notice', { notifiedAt: new Date(clock.now().getTime() + DAY_MS).toISOString() }), 400);
    const ag = await expectStatus(post(inOrder, 'attorney-general-notice', { notifiedAt: now() }), 201);
    expect(ag).toMatchObject({ incidentId: inOrder, revision: '1' });
    await expectStatus(post(inOrder, 'attorney-general-notice', { notifiedAt: now() }), 409);
    await expectStatus(post(inOrder, 'attorney-general-notice', { notifiedAt: now() }, staff), 403);
    await expectStatus(post('no-such-incident', 'attorney-general-notice', { notifiedAt: now() }), 404);
    clock.advanceMinutes(30);
    const told = await expectStatus(post(inOrder, 'notifications', { patronRef: 'CARD-AG-1', method: 'mail', notifiedAt: now() }), 201);
    expect(await findingsOf(inOrder, told.position)).toEqual([]);
    expect(await incidentView(inOrder, told.position)).toMatchObject({ noticeLaw: 'statute', attorneyGeneral: { beforeResidents: true }, overdue: false });

    const residentsFirst = await incident(['online_credentials'], ['CARD-AG-2']);
    const first = await expectStatus(post(residentsFirst, 'notifications', { patronRef: 'CARD-AG-2', method: 'email', notifiedAt: now() }), 201);
    clock.advanceMinutes(60);
    const late = await expectStatus(post(residentsFirst, 'attorney-general-notice', { notifiedAt: now() }), 201);
    const findings = await findingsOf(residentsFirst, late.position);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'AG-NOTICE-LATE', severity: 'violation', citation: expect.stringContaining('CGS § 36a-701b(b)(1)'), message: expect.stringContaining('the Attorney General was notified late') }),
    ]);
    expect(first.position).toBeDefined();
  });

  it('BREACH-NOTICE-LATE cites the statute or the policy by the data exposed; a delay law enforcement asked for stops the clock; a patron found later has their own', async () => {
    const policyOnly = await incident(['name', 'other'], ['CARD-POLICY-1']);
    const statute = await incident(['name', 'payment_card_number'], ['CARD-STATUTE-1']);
    await expectStatus(post(statute, 'attorney-general-notice', { notifiedAt: now() }), 201);
    const delayed = await incident(['other'], ['CARD-DELAY-1']);
    const delay = await expectStatus(post(delayed, 'delays', { requestedBy: 'State Police, Computer Crimes Unit', from: now(), to: new Date(clock.now().getTime() + 20 * DAY_MS).toISOString() }), 201);
    expect(delay.delayId).toEqual(expect.any(String));
    await expectStatus(post(delayed, 'delays', { requestedBy: 'State Police', from: now(), to: now() }), 400);
    await expectStatus(post(delayed, 'delays', { from: now(), to: now() }), 400);

    clock.advanceMinutes(30 * 24 * 60);
    const added = await expectStatus(post(policyOnly, 'affected', { patronRefs: ['CARD-POLICY-2', 'CARD-POLICY-1'] }), 201);
    await expectStatus(post(policyOnly, 'affected', { patronRefs: ['CARD-POLICY-1'] }), 400);
    await expectStatus(post(policyOnly, 'affected', { patronRefs: [] }), 400);
    await expectStatus(post(policyOnly, 'affected', { patronRefs: ['CARD-POLICY-3'] }, auditor), 403);

    clock.advanceMinutes(31 * 24 * 60);
    const view = await incidentView(policyOnly, added.position);
    expect(view).toMatchObject({ noticeLaw: 'policy', dataElements: ['name', 'other'], affected: { patrons: 2, foundLater: [expect.objectContaining({ foundAt: expect.any(String) })] } });
    expect(JSON.stringify(view)).not.toContain('CARD-POLICY');
    const findings = await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'BREACH-NOTICE-LATE', minPosition: added.position }).set(bearer(auditor)), 200);
    const byIncident = (incidentId: string) => findings.items.filter((item: { caseId: string }) => item.caseId === incidentId);
    // Day 61: the patrons listed at first are late; the one found on day 30, and the incident delayed 20 days, are not yet.
    expect(byIncident(policyOnly)).toEqual([expect.objectContaining({ citation: expect.stringContaining('Email Newsletters and Other Updates'), message: expect.stringContaining('the policy\u2019s promise') })]);
    expect(byIncident(statute)).toEqual([expect.objectContaining({ citation: 'CGS § 36a-701b(b)(1)' })]);
    expect(byIncident(delayed)).toEqual([]);
    expect((await incidentView(delayed, added.position)).delays).toEqual([expect.objectContaining({ requestedBy: 'State Police, Computer Crimes Unit' })]);
    // The 60 days are the library's (New York's): discovered on 1 March (EST), due at its midnight after 30 April (EDT);
    // found on 31 March, due at the midnight after 30 May; the 20 days' delay moves the deadline by exactly 20 days.
    expect(view).toMatchObject({ noticeDeadline: '2026-05-01T04:00:00.000Z', affected: { foundLater: [expect.objectContaining({ noticeDeadline: '2026-05-31T04:00:00.000Z' })] } });
    expect((await incidentView(delayed, added.position)).noticeDeadline).toBe('2026-05-21T04:00:00.000Z');
  });
});

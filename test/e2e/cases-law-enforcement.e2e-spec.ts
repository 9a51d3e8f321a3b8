import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer } from '../support/http-flows.js';

type User = { userId: string; token: string };
type Body = Record<string, unknown>;

describe('law-enforcement cases over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: User;
  let designee: User;
  let director: User;
  let counsel: User;
  let otherCounsel: User;
  let auditor: User;

  const post = (user: User | string, path: string, body: Body) =>
    ledger.http.post(path).set(bearer(typeof user === 'string' ? user : user.token)).send(body);
  const act = (user: User, caseId: string, path: string, body: Body = {}) => post(user, `/v1/cases/${caseId}/${path}`, body);
  const read = (user: User, caseId: string) => ledger.http.get(`/v1/cases/${caseId}`).set(bearer(user.token));
  const subpoena = (categories: string[], overrides: Body = {}): Body => ({
    type: 'subpoena',
    issuedBy: 'Superior Court, Hartford J.D.',
    docketNumber: 'HHD-CR25-0012345',
    servedAt: ledger.clock.now().toISOString(),
    scope: { categories },
    nondisclosureOrder: false,
    ...overrides,
  });

  async function openLawEnforcementCase(categories: string[] = ['circulation_history', 'ill_records'], occurredAt?: string): Promise<string> {
    const opened = await post(staff, '/v1/cases', {
      requester: { kind: 'law_enforcement', name: 'Det. Alex Kim', agency: 'Springfield PD', badgeNumber: '4471' },
      channel: 'in_person',
      patron: { ref: 'CARD-LE-55501' },
      requestedCategories: categories,
      identification: [{ kind: 'officer_credentials' }],
      ...(occurredAt !== undefined && { occurredAt }),
    }).expect(201);
    expect(opened.body.evaluation).toMatchObject({ route: 'refer_to_director', permittedCategories: [] });
    return opened.body.caseId;
  }

  const expectDirectorOnly = (response: { status: number; body: Body }) => {
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ rule: 'LE-DIRECTOR-ONLY', citation: expect.stringContaining('Disclosure to Law Enforcement') });
  };

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = await ledger.user('staff', 'Desk Clerk');
    designee = await ledger.user('staff', 'Deputy Director');
    director = await ledger.user('director', 'Dana Director');
    counsel = await ledger.user('counsel', 'Town Attorney');
    otherCounsel = await ledger.user('counsel', 'Other Attorney');
    auditor = await ledger.user('auditor', 'Audrey Auditor');
    const now = ledger.clock.now().getTime();
    await post(director, '/v1/designees', {
      userId: designee.userId,
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 86_400_000).toISOString(),
    }).expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('the full flow: refer → instrument → counsel referral → advice → decision → production', async () => {
    const caseId = await openLawEnforcementCase();
    const staffRelease = await act(staff, caseId, 'releases', { categories: ['circulation_history'], method: 'in_person' }).expect(422);
    expect(staffRelease.body).toMatchObject({ status: 422, rule: 'LE-STAFF-NO-RELEASE', citation: expect.stringContaining('Disclosure to Law Enforcement') });
    // The director may not release over the counter on a law-enforcement case either: only produce under an instrument.
    expect((await act(director, caseId, 'releases', { categories: ['circulation_history'], method: 'in_person' }).expect(422)).body.rule).toBe('LE-STAFF-NO-RELEASE');
    expect((await act(staff, caseId, 'director-referrals', { note: 'Officer waiting in the lobby' }).expect(201)).body.status).toBe('with_director');

    expectDirectorOnly(await act(staff, caseId, 'legal-instruments', subpoena(['circulation_history'])));
    // A court order: the statute's first door (a subpoena alone is LE-STATUTE-COURT-ORDER, see the statute spec).
    const instrument = await act(director, caseId, 'legal-instruments', subpoena(['circulation_history', 'ill_records'], { type: 'court_order' })).expect(201);
    // Revision 2 is the e-mail notice the referral queued in its own append.
    expect(instrument.body).toEqual({ caseId, revision: '3', position: expect.stringMatching(/^\d+$/), status: 'with_director', instrumentId: expect.any(String) });

    const tooEarly = await act(director, caseId, 'release-decisions', { decision: 'release', rationale: 'Valid court order' }).expect(422);
    expect(tooEarly.body).toMatchObject({ rule: 'LE-COUNSEL-FIRST', citation: expect.stringContaining('Disclosure to Law Enforcement') });

    expectDirectorOnly(await act(staff, caseId, 'counsel-referrals', { counselUserId: counsel.userId }));
    expect((await act(director, caseId, 'counsel-referrals', { counselUserId: staff.userId })).status).toBe(400);
    expect((await act(director, caseId, 'counsel-referrals', { counselUserId: '5b0d0000-0000-4000-8000-000000000000' })).status).toBe(404);
    const referred = await act(director, caseId, 'counsel-referrals', { counselUserId: counsel.userId, note: 'Return date in two weeks' }).expect(201);
    expect(referred.body.status).toBe('awaiting_counsel');

    // Counsel advice: the referred counsel only; anyone else is 403 LE-DIRECTOR-ONLY from the domain.
    for (const someoneElse of [otherCounsel, director, staff]) {
      expectDirectorOnly(await act(someoneElse, caseId, 'counsel-advice', { advice: 'comply' }));
    }
    expect((await act(auditor, caseId, 'counsel-advice', { advice: 'comply' })).body.rule).toBeUndefined();
    const advised = await act(counsel, caseId, 'counsel-advice', { advice: 'comply_in_part', scope: { categories: ['circulation_history'] }, notes: 'Limit to the period' }).expect(201);
    expect(advised.body.status).toBe('awaiting_decision');

    const outsideAdvice = await act(director, caseId, 'release-decisions', { decision: 'release_in_part', categories: ['ill_records'], rationale: 'x' }).expect(422);
    expect(outsideAdvice.body.rule).toBe('LE-SCOPE');
    expectDirectorOnly(await act(staff, caseId, 'release-decisions', { decision: 'release', rationale: 'x' }));
    const decided = await act(director, caseId, 'release-decisions', { decision: 'release_in_part', categories: ['circulation_history'], rationale: 'Per counsel' }).expect(201);
    expect(decided.body.status).toBe('decided');

    expect((await act(director, caseId, 'productions', { categories: ['ill_records'], recipient: 'Det. Kim', method: 'in_person' }).expect(422)).body.rule).toBe('LE-SCOPE');
    expectDirectorOnly(await act(staff, caseId, 'productions', { categories: ['circulation_history'], recipient: 'Det. Kim', method: 'in_person' }));
    const produced = await act(director, caseId, 'productions', { categories: ['circulation_history'], recipient: 'Det. Kim, Springfield PD', method: 'in_person', inventory: '2 pages' }).expect(201);
    expect(produced.body).toMatchObject({ status: 'closed', outcome: 'released_in_part' });

    const asCounsel = await read(counsel, caseId).expect(200);
    expect(asCounsel.body).toMatchObject({
      status: 'closed',
      outcome: 'released_in_part',
      access: 'full',
      patron: { ref: 'CARD-LE-55501' },
      counselUserId: counsel.userId,
      instruments: [expect.objectContaining({ instrumentId: instrument.body.instrumentId, type: 'court_order', scope: { categories: ['circulation_history', 'ill_records'] } })],
      advice: expect.objectContaining({ advice: 'comply_in_part', counselUserId: counsel.userId, permitsCategories: ['circulation_history'] }),
      decision: expect.objectContaining({ decision: 'release_in_part', categories: ['circulation_history'], decidedBy: director.userId }),
      production: expect.objectContaining({ categories: ['circulation_history'], recipient: 'Det. Kim, Springfield PD', inventory: '2 pages' }),
      releasedCategories: ['circulation_history'],
      counselReferral: expect.objectContaining({ counselUserId: counsel.userId, note: 'Return date in two weeks' }),
      productions: [expect.objectContaining({ categories: ['circulation_history'], recipient: 'Det. Kim, Springfield PD', method: 'in_person' })],
    });
    expect(asCounsel.body.timeline.map((entry: { type: string; actor: { userId: string } }) => entry.actor.userId)).toEqual([
      staff.userId,
      staff.userId,
      staff.userId,
      director.userId,
      director.userId,
      director.userId,
      counsel.userId,
      director.userId,
      director.userId,
      director.userId,
    ]);
    expect(asCounsel.body.timeline.map((entry: { type: string; by: { role: string } }) => `${entry.type}:${entry.by.role}`)).toEqual([
      'DisclosureRequested:staff',
      'ReferredToDirector:staff',
      'NotificationQueued:staff',
      'LegalInstrumentRecorded:director',
      'ReferredToCounsel:director',
      'NotificationQueued:director',
      'CounselAdviceRecorded:counsel',
      'ReleaseDecided:director',
      'RecordsProduced:director',
      'CaseClosed:director',
    ]);
    await read(otherCounsel, caseId).expect(403);
    expect((await read(auditor, caseId).expect(200)).body.patron.ref).toBeUndefined();
  });

  it('without an instrument: no release decision (LE-INSTRUMENT-REQUIRED); the policy is explained and the case closes refused_no_instrument', async () => {
    const caseId = await openLawEnforcementCase(['name']);
    const noInstrument = await act(director, caseId, 'release-decisions', { decision: 'release', categories: ['name'], rationale: 'x' }).expect(422);
    expect(noInstrument.body).toMatchObject({ rule: 'LE-INSTRUMENT-REQUIRED', citation: expect.any(String) });
    expectDirectorOnly(await act(staff, caseId, 'refusals', { reason: 'No subpoena' }));
    expectDirectorOnly(await act(staff, caseId, 'policy-explanations', { note: 'Explained' }));
    const explained = await act(designee, caseId, 'policy-explanations', { note: 'Explained CGS § 11-25: a subpoena or court order is needed' }).expect(201);
    expect(explained.body).toMatchObject({ status: 'closed', outcome: 'refused_no_instrument' });
    const asDesignee = await read(designee, caseId).expect(200);
    expect(asDesignee.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(['DisclosureRequested', 'PolicyExplained', 'CaseClosed']);
    expect(asDesignee.body.timeline[1].by).toEqual({ userId: designee.userId, role: 'staff' });
  });

  it('no policy explanation once an instrument is on record (409 CASE-STATE)', async () => {
    const caseId = await openLawEnforcementCase(['name']);
    await act(director, caseId, 'legal-instruments', subpoena(['name'])).expect(201);
    const conflict = await act(director, caseId, 'policy-explanations', {}).expect(409);
    expect(conflict.body.rule).toBe('CASE-STATE');
  });

  it('a sealed case (non-disclosure order): 403 SEALED for the opener and auditors; the director, designees, the referred counsel and need-to-know see it', async () => {
    const caseId = await openLawEnforcementCase(['circulation_history']);
    const sealedBy = await act(designee, caseId, 'legal-instruments', subpoena(['circulation_history'], { type: 'court_order', nondisclosureOrder: true })).expect(201);
    expect(sealedBy.body.status).toBe('with_director');
    await act(director, caseId, 'counsel-referrals', { counselUserId: counsel.userId }).expect(201);

    for (const outsider of [staff, auditor]) {
      const refused = await read(outsider, caseId).expect(403);
      expect(refused.body).toMatchObject({ status: 403, rule: 'SEALED', citation: expect.any(String) });
      expect(JSON.stringify(refused.body)).not.toContain('CARD-LE-55501');
    }
    await read(otherCounsel, caseId).expect(403);
    for (const named of [director, designee, counsel]) {
      const seen = await read(named, caseId).expect(200);
      expect(seen.body).toMatchObject({ sealed: true, access: 'full', patron: { ref: 'CARD-LE-55501' } });
    }

    await act(staff, caseId, 'need-to-know', { userId: auditor.userId }).expect(403);
    await act(designee, caseId, 'need-to-know', { userId: auditor.userId }).expect(403);
    const admins = await act(director, caseId, 'need-to-know', { userId: (await ledger.user('admin')).userId }).expect(422);
    expect(admins.body.rule).toBe('ADMIN-NO-CASE-DATA');
    await act(director, caseId, 'need-to-know', { userId: auditor.userId }).expect(201);
    const granted = await read(auditor, caseId).expect(200);
    expect(granted.body).toMatchObject({ sealed: true, access: 'pseudonymised', needToKnow: [auditor.userId] });
    expect(granted.body.patron.ref).toBeUndefined();
    await read(staff, caseId).expect(403);

    // Every read is in the access log, the refused ones too.
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ caseId, minPosition: position }).set(bearer(auditor.token)).expect(200);
    const reads = log.body.items.filter((item: { action: string }) => item.action === 'case_read');
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: staff.userId, caseId, outcome: 'denied', status: 403 }),
        expect.objectContaining({ userId: director.userId, caseId, outcome: 'allowed', status: 200 }),
        expect.objectContaining({ userId: auditor.userId, caseId, outcome: 'allowed', status: 200 }),
      ]),
    );
  });

  it('a sealed case: a staff member the director grants need-to-know reads it in full; the opener still gets 403 SEALED', async () => {
    const caseId = await openLawEnforcementCase(['name']);
    await act(director, caseId, 'legal-instruments', subpoena(['name'], { nondisclosureOrder: true })).expect(201);
    const clerk = await ledger.user('staff', 'Records Clerk');
    const before = await read(clerk, caseId).expect(403);
    expect(before.body.rule).toBe('SEALED'); // not a party at all: SEALED like everyone else without need-to-know (API.md)
    expect((await read(staff, caseId).expect(403)).body.rule).toBe('SEALED');
    await act(director, caseId, 'need-to-know', { userId: clerk.userId }).expect(201);
    const seen = await read(clerk, caseId).expect(200);
    expect(seen.body).toMatchObject({ sealed: true, access: 'full', needToKnow: [clerk.userId], patron: { ref: 'CARD-LE-55501' } });
    expect((await read(staff, caseId).expect(403)).body.rule).toBe('SEALED');
    expect((await act(director, caseId, 'need-to-know', { userId: '5b0d0000-0000-4000-8000-000000000001' })).status).toBe(404);
  });

  it('a search warrant executed on the spot: staff may record it inside the warrant; the case stays open for counsel', async () => {
    const caseId = await openLawEnforcementCase(['circulation_history', 'name']);
    const noWarrant = await act(staff, caseId, 'warrant-executions', { categories: ['name'], inventory: 'x', counselPresent: false }).expect(422);
    expect(noWarrant.body.rule).toBe('LE-WARRANT-REQUIRED');
    const warrant = await act(director, caseId, 'legal-instruments', subpoena(['circulation_history'], { type: 'search_warrant' })).expect(201);
    const outside = await act(staff, caseId, 'warrant-executions', { categories: ['name'], inventory: 'x', counselPresent: false }).expect(422);
    expect(outside.body.rule).toBe('LE-SCOPE');
    const executed = await act(staff, caseId, 'warrant-executions', {
      categories: ['circulation_history'],
      officers: 'Det. Kim, Ofc. Lane',
      inventory: 'Circulation history printout, 3 pages',
      counselPresent: false,
    }).expect(201);
    expect(executed.body).toMatchObject({ status: 'with_director' });
    expect(executed.body.outcome).toBeUndefined();
    const seen = await read(director, caseId).expect(200);
    expect(seen.body.warrantExecutions).toEqual([expect.objectContaining({ instrumentId: warrant.body.instrumentId, categories: ['circulation_history'], counselPresent: false })]);
    expect(seen.body.releasedCategories).toEqual(['circulation_history']);
  });

  it('a designee whose appointment has ended is just staff again (403 LE-DIRECTOR-ONLY)', async () => {
    const former = await ledger.user('staff', 'Former Deputy');
    const now = ledger.clock.now().getTime();
    await post(director, '/v1/designees', { userId: former.userId, from: new Date(now - 60_000).toISOString(), to: new Date(now + 86_400_000).toISOString() }).expect(201);
    const caseId = await openLawEnforcementCase(['name'], new Date(now - 50_000).toISOString());
    await act(former, caseId, 'legal-instruments', subpoena(['name'])).expect(201);
    await ledger.http.delete(`/v1/designees/${former.userId}`).set(bearer(director.token)).expect(204);
    ledger.clock.advanceMinutes(1);
    expectDirectorOnly(await act(former, caseId, 'counsel-referrals', { counselUserId: counsel.userId }));
    // Back-dating to when the appointment was active does not bring the powers back.
    const backdated = new Date(now - 30_000).toISOString();
    expectDirectorOnly(await act(former, caseId, 'counsel-referrals', { counselUserId: counsel.userId, occurredAt: backdated }));
  });
});

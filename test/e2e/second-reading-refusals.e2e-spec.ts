import { DEFAULT_JURISDICTION, type RuleId } from '@ledger/domain';
import type { Response } from 'supertest';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { type Actors, bearer, expectStatus, lawEnforcementCaseBody, makeActors, patronRef, CONSENT_PROOF } from '../support/http-flows.js';

const RULE_PACK = DEFAULT_JURISDICTION.rules;

/**
 * Every refusal of the rule pack's second reading, over HTTP: each answers problem+json with its rule id
 * and its citation (the policy section, and the statute where one applies), and changes nothing.
 * The allowed side of each rule is shown beside it, so a refusal cannot pass by refusing everything.
 */
describe('the second reading refuses over HTTP, naming rule and citation', () => {
  let ledger: LedgerAppHarness;
  let actors: Actors;
  const day = 86_400_000;
  const at = (offsetMs: number) => new Date(ledger.clock.now().getTime() + offsetMs).toISOString();

  beforeAll(async () => {
    ledger = await startLedgerApp();
    actors = await makeActors(ledger);
  }, 120_000);
  afterAll(async () => {
    await ledger.close();
  });

  const post = (token: string, path: string, body: object) => ledger.http.post(path).set(bearer(token)).send(body);
  const act = (token: string, caseId: string, step: string, body: object) => post(token, `/v1/cases/${caseId}/${step}`, body);
  const ok = async (request: PromiseLike<Response>) => expectStatus(request, 201);

  const instrument = (type: string, extra: object = {}) => ({
    type,
    issuedBy: 'Superior Court, Hartford',
    servedAt: at(-60_000),
    returnDate: at(20 * day),
    scope: { categories: ['circulation_history', 'address'] },
    nondisclosureOrder: false,
    ...extra,
  });

  /** A law-enforcement case with the director, the given instrument on record. */
  async function withInstrument(type: string, extra: object = {}): Promise<string> {
    const { caseId } = await ok(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()));
    await ok(act(actors.staff.token, caseId, 'director-referrals', { note: 'Officer at the desk' }));
    await ok(act(actors.director.token, caseId, 'legal-instruments', instrument(type, extra)));
    return caseId;
  }

  /** …referred to counsel, who advised compliance. */
  async function advised(type: string, extra: object = {}): Promise<string> {
    const caseId = await withInstrument(type, extra);
    await ok(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }));
    await ok(act(actors.counsel.token, caseId, 'counsel-advice', { advice: 'comply' }));
    return caseId;
  }

  /** Sends the refused request and checks the answer and that the ledger did not move (a read is logged: one access-log event). */
  async function expectRefused(send: () => PromiseLike<Response>, status: 422 | 403, rule: RuleId): Promise<Response> {
    const position = async () => BigInt((await ledger.http.get('/health').expect(200)).body.position);
    const before = await position();
    const response = await send();
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(response.body).toMatchObject({ status, rule, citation: RULE_PACK[rule].citation });
    expect(await position()).toBe(rule === 'SEALED' ? before + 1n : before);
    return response;
  }

  interface Refusal {
    readonly rule: RuleId;
    readonly status: 422 | 403;
    readonly what: string;
    /** Sets up a case and sends the refused request. */
    readonly refused: () => Promise<() => PromiseLike<Response>>;
    /** The same step where the rule allows it. */
    readonly allowed: () => Promise<void>;
  }

  const productionBody = { categories: ['circulation_history'], recipient: 'Det. Lane, State Police', method: 'in_person' };
  const decide = (caseId: string, decision = 'release') => act(actors.director.token, caseId, 'release-decisions', { decision, rationale: 'Per counsel' });

  /** A court order for circulation history from 90 to 30 days ago, advised and decided on. */
  async function decidedUnderDatedCourtOrder(): Promise<string> {
    const caseId = await advised('court_order', { scope: { categories: ['circulation_history'], from: at(-90 * day), to: at(-30 * day) } });
    await ok(decide(caseId));
    return caseId;
  }
  async function producedInsideDatedCourtOrder(): Promise<void> {
    await ok(act(actors.director.token, await decidedUnderDatedCourtOrder(), 'productions', { ...productionBody, recordsFrom: at(-80 * day), recordsTo: at(-40 * day) }));
  }

  const refusals: Refusal[] = [
    {
      rule: 'LE-STATUTE-COURT-ORDER',
      status: 422,
      what: 'a release decision on a subpoena alone',
      refused: async () => {
        const caseId = await advised('subpoena');
        return () => decide(caseId);
      },
      allowed: async () => {
        await ok(decide(await advised('court_order')));
      },
    },
    {
      rule: 'LE-NSL-NOT-APPLICABLE',
      status: 422,
      what: 'a release decision on a national security letter alone',
      refused: async () => {
        const caseId = await advised('national_security_letter', { nondisclosureOrder: true });
        return () => decide(caseId);
      },
      allowed: async () => {
        // Recording the letter, its non-disclosure order and the referral to counsel stay allowed.
        const caseId = await withInstrument('national_security_letter', { nondisclosureOrder: true });
        await ok(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }));
      },
    },
    {
      rule: 'LE-COUNSEL-FIRST',
      status: 422,
      what: 'a deny decision before counsel has advised',
      refused: async () => {
        const caseId = await withInstrument('court_order');
        return () => decide(caseId, 'deny');
      },
      allowed: async () => {
        await ok(decide(await advised('court_order'), 'deny'));
      },
    },
    {
      rule: 'LE-COUNSEL-FIRST',
      status: 422,
      what: 'a refusal before counsel has advised',
      refused: async () => {
        const caseId = await withInstrument('subpoena');
        return () => act(actors.director.token, caseId, 'refusals', { reason: 'We will not comply' });
      },
      allowed: async () => {
        await ok(act(actors.director.token, await advised('subpoena'), 'refusals', { reason: 'Counsel advises the subpoena fails the statute' }));
      },
    },
    {
      rule: 'LE-SCOPE',
      status: 422,
      what: 'a production that does not say which period of records it hands over, under a court order bounded by dates',
      refused: async () => {
        const caseId = await decidedUnderDatedCourtOrder();
        return () => act(actors.director.token, caseId, 'productions', productionBody);
      },
      allowed: producedInsideDatedCourtOrder,
    },
    {
      rule: 'LE-STATUTE-COURT-ORDER',
      status: 422,
      what: 'a production of records from outside the dates the court order covers (third reading: the door is the court order’s own period)',
      refused: async () => {
        const caseId = await decidedUnderDatedCourtOrder();
        return () => act(actors.director.token, caseId, 'productions', { ...productionBody, recordsFrom: at(-120 * day), recordsTo: at(-40 * day) });
      },
      allowed: producedInsideDatedCourtOrder,
    },
    {
      rule: 'LE-DIRECTOR-ONLY',
      status: 403,
      what: 'staff recording any instrument but a search warrant',
      refused: async () => {
        const { caseId } = await ok(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()));
        await ok(act(actors.staff.token, caseId, 'director-referrals', {}));
        return () => act(actors.staff.token, caseId, 'legal-instruments', instrument('subpoena'));
      },
      allowed: async () => {
        // A warrant served while no director or designee is there: staff record it (WARRANT-STAFF-RECORDED asks the director to review).
        const { caseId } = await ok(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()));
        await ok(act(actors.staff.token, caseId, 'legal-instruments', instrument('search_warrant')));
      },
    },
    {
      rule: 'LE-DIRECTOR-ONLY',
      status: 403,
      what: 'staff without designee powers recording the end of a non-disclosure order (third reading)',
      refused: async () => {
        const caseId = await withInstrument('court_order', { nondisclosureOrder: true });
        const { instruments } = (await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)).expect(200)).body;
        // Named in the sealed case (need-to-know), so that the rule refusing them is the director's, not the seal's.
        await ok(act(actors.director.token, caseId, 'need-to-know', { userId: actors.staff.userId }));
        return () => act(actors.staff.token, caseId, 'nondisclosure-end', { instrumentId: instruments[0].instrumentId, endedAt: at(0), how: 'expired' });
      },
      allowed: async () => {
        const caseId = await withInstrument('court_order', { nondisclosureOrder: true });
        const { instruments } = (await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)).expect(200)).body;
        await ok(act(actors.activeDesignee.token, caseId, 'nondisclosure-end', { instrumentId: instruments[0].instrumentId, endedAt: at(0), how: 'expired' }));
      },
    },
    {
      rule: 'LE-DIRECTOR-ONLY',
      status: 403,
      what: 'staff without designee powers attaching the patrons a request about a resource concerns (third reading)',
      refused: async () => {
        const { patron: _none, ...body } = lawEnforcementCaseBody();
        const { caseId } = await ok(post(actors.staff.token, '/v1/cases', { ...body, subject: { kind: 'resource', description: 'Public computer 4' } }));
        return () => act(actors.staff.token, caseId, 'patrons', { patronRefs: [patronRef()] });
      },
      allowed: async () => {
        const { patron: _none, ...body } = lawEnforcementCaseBody();
        const { caseId } = await ok(post(actors.staff.token, '/v1/cases', { ...body, subject: { kind: 'resource', description: 'Public computer 4' } }));
        await ok(act(actors.director.token, caseId, 'patrons', { patronRefs: [patronRef()] }));
      },
    },
    {
      rule: 'SEALED',
      status: 403,
      what: 'an auditor without need-to-know reading a sealed case',
      refused: async () => {
        const caseId = await withInstrument('court_order', { nondisclosureOrder: true });
        return () => ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.auditor.token));
      },
      allowed: async () => {
        const caseId = await withInstrument('court_order', { nondisclosureOrder: true });
        await ok(act(actors.director.token, caseId, 'need-to-know', { userId: actors.auditor.userId }));
        await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.auditor.token)).expect(200);
      },
    },
    {
      rule: 'LE-ADVICE-AGAINST',
      status: 422,
      what: 'a release decision after counsel advised objecting',
      refused: async () => {
        const caseId = await withInstrument('court_order');
        await ok(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }));
        await ok(act(actors.counsel.token, caseId, 'counsel-advice', { advice: 'object', filedAt: at(-1000) }));
        return () => decide(caseId);
      },
      allowed: async () => {
        const caseId = await withInstrument('court_order');
        await ok(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }));
        await ok(act(actors.counsel.token, caseId, 'counsel-advice', { advice: 'object' }));
        await ok(decide(caseId, 'deny'));
      },
    },
    {
      rule: 'LE-STATUTE-COURT-ORDER',
      status: 422,
      what: 'a release decision taking in a subpoena’s category beside a court order for another (third reading: per instrument)',
      refused: async () => {
        const caseId = await courtOrderAndSubpoena();
        return () => decide(caseId);
      },
      allowed: async () => {
        const caseId = await courtOrderAndSubpoena();
        await ok(act(actors.director.token, caseId, 'release-decisions', { decision: 'release_in_part', categories: ['circulation_history'], rationale: 'The court order only' }));
      },
    },
    {
      rule: 'LE-STAFF-NO-RELEASE',
      status: 422,
      what: 'a release across the desk to a town official holding the patron’s consent (GOVERNMENT-REFER)',
      refused: async () => {
        const ref = patronRef();
        await consent(ref, 'Pat Jones');
        const opened = await ok(post(actors.staff.token, '/v1/cases', townOfficialBody(ref, { kind: 'other', name: 'Pat Jones', agency: 'Town Social Services' })));
        expect(opened.evaluation).toMatchObject({ route: 'refer_to_director', permittedCategories: [], rules: [expect.objectContaining({ id: 'GOVERNMENT-REFER' })] });
        return () => act(actors.staff.token, opened.caseId, 'releases', { categories: ['checkouts'], method: 'in_person' });
      },
      allowed: async () => {
        const opened = await ok(post(actors.staff.token, '/v1/cases', townOfficialBody(patronRef(), { kind: 'government_agency', name: 'Pat Jones' })));
        expect(opened.evaluation.rules.map((rule: { id: string }) => rule.id)).toEqual(['GOVERNMENT-REFER']);
        await ok(act(actors.staff.token, opened.caseId, 'director-referrals', { note: 'Town official at the desk' }));
      },
    },
    {
      rule: 'CONSENT-INACTIVE',
      status: 422,
      what: 'a release under a written consent the patron revoked after the case was opened',
      refused: async () => {
        const ref = patronRef();
        const consentId = await consent(ref, 'Bo Chen');
        const opened = await ok(post(actors.staff.token, '/v1/cases', townOfficialBody(ref, { kind: 'other', name: 'Bo Chen' })));
        expect(opened.evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['checkouts'] });
        await ledger.http.delete(`/v1/patrons/consents/${consentId}`).set(bearer(actors.staff.token)).expect(204);
        return () => act(actors.staff.token, opened.caseId, 'releases', { categories: ['checkouts'], method: 'in_person' });
      },
      allowed: async () => {
        const ref = patronRef();
        await consent(ref, 'Bo Chen');
        const opened = await ok(post(actors.staff.token, '/v1/cases', townOfficialBody(ref, { kind: 'other', name: 'Bo Chen' })));
        await ok(act(actors.staff.token, opened.caseId, 'releases', { categories: ['checkouts'], method: 'in_person' }));
      },
    },
  ];

  /** A court order for circulation history and a subpoena for the address on one case, advised `comply`. */
  async function courtOrderAndSubpoena(): Promise<string> {
    const caseId = await withInstrument('court_order', { scope: { categories: ['circulation_history'] } });
    await ok(act(actors.director.token, caseId, 'legal-instruments', instrument('subpoena', { scope: { categories: ['address'] } })));
    await ok(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }));
    await ok(act(actors.counsel.token, caseId, 'counsel-advice', { advice: 'comply' }));
    return caseId;
  }

  /** The patron's written consent for `grantee` to learn their checkouts. */
  async function consent(ref: string, grantee: string): Promise<string> {
    const { consentId } = await ok(post(actors.staff.token, '/v1/patrons/consents', { patronRef: ref, grantee, categories: ['checkouts'], ...CONSENT_PROOF }));
    return consentId;
  }

  function townOfficialBody(ref: string, requester: object) {
    return { requester, channel: 'in_person', patron: { ref }, requestedCategories: ['checkouts'], identification: [{ kind: 'photo_id' }] };
  }

  it.each(refusals.map((refusal) => [refusal.rule, refusal.what, refusal] as const))('%s: %s', async (_rule, _what, refusal) => {
    const send = await refusal.refused();
    await expectRefused(send, refusal.status, refusal.rule);
    await refusal.allowed();
  });

  it('the sealed refusal says only that the case is sealed: never the statute of a national security letter, nor the court', async () => {
    const caseId = await withInstrument('national_security_letter', { nondisclosureOrder: true, issuedBy: 'FBI Boston Field Office' });
    const refused = await expectRefused(() => ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.auditor.token)), 403, 'SEALED');
    expect(JSON.stringify(refused.body)).not.toMatch(/2709|national security|FBI/i);
  });

  /** Requests that the evaluation narrows or denies at opening, then the release that goes beyond it. */
  const deskCase = (requester: object, extra: object) => ({ requester, channel: 'in_person', patron: { ref: patronRef() }, ...extra });
  const desk: { rule: RuleId; what: string; body: () => object; permitted: string[]; refusedRelease: string[] }[] = [
    {
      rule: 'PATRON-PERSONAL-INFO-PHOTO-ID',
      what: 'a patron at the desk with only their card asks for their address',
      body: () => deskCase({ kind: 'patron', name: 'Pat Patron' }, { requestedCategories: ['address', 'checkouts'], identification: [{ kind: 'library_card' }] }),
      permitted: ['checkouts'],
      refusedRelease: ['address'],
    },
    {
      rule: 'MINOR-GUARDIAN',
      what: "a guardian with the child's card asks for the child's circulation history",
      body: () => ({
        ...deskCase({ kind: 'parent_or_guardian', name: 'Gail Guardian' }, { requestedCategories: ['circulation_history', 'checkouts', 'holds'], identification: [{ kind: 'library_card' }] }),
        patron: { ref: patronRef(), isMinor: true },
      }),
      permitted: ['checkouts', 'holds'],
      refusedRelease: ['circulation_history'],
    },
    {
      rule: 'VENDOR-NOT-APPROVED',
      what: 'a vendor not on the approved list asks for patron details',
      body: () => ({
        requester: { kind: 'vendor', name: 'Unlisted Analytics' },
        channel: 'online',
        patron: { ref: patronRef() },
        requestedCategories: ['name', 'card_number'],
        identification: [{ kind: 'vendor_credentials', detail: 'not-a-vendor-id' }],
      }),
      permitted: [],
      refusedRelease: ['name'],
    },
  ];

  it.each(desk.map((row) => [row.rule, row.what, row] as const))('%s: %s — the evaluation says so with its citation, and releasing more is refused', async (_rule, _what, row) => {
    const opened = await ok(post(actors.staff.token, '/v1/cases', row.body()));
    expect(opened.evaluation.permittedCategories).toEqual(row.permitted);
    expect(opened.evaluation.rules).toContainEqual(expect.objectContaining({ id: row.rule, citation: RULE_PACK[row.rule].citation }));
    await expectRefused(() => act(actors.staff.token, opened.caseId, 'releases', { categories: row.refusedRelease, method: 'in_person' }), 422, 'RELEASE-SCOPE');
    if (row.permitted.length > 0) await ok(act(actors.staff.token, opened.caseId, 'releases', { categories: row.permitted, method: 'in_person' }));
  });

  it('a referral back-dated by staff is late by its recording time until the Director confirms the dated time; only the Director may, and only an act on record', async () => {
    const hour = 3_600_000;
    const { caseId } = await ok(post(actors.staff.token, '/v1/cases', { ...lawEnforcementCaseBody(), occurredAt: at(-3 * hour) }));
    // Dated ten minutes after receipt (inside the 60-minute SLA), recorded three hours after it.
    await ok(act(actors.staff.token, caseId, 'director-referrals', { occurredAt: at(-3 * hour + 10 * 60_000) }));
    const lateReferrals = async (minPosition: string) =>
      (await ledger.http.get('/v1/audit/findings').query({ rule: 'LE-REFERRAL-LATE', minPosition }).set(bearer(actors.auditor.token)).expect(200)).body.items.filter(
        (finding: { caseId: string }) => finding.caseId === caseId,
      );
    const before = await ok(act(actors.director.token, caseId, 'need-to-know', { userId: actors.auditor.userId }));
    expect(await lateReferrals(before.position)).toEqual([expect.objectContaining({ rule: 'LE-REFERRAL-LATE', severity: 'warning' })]);

    // Nothing to confirm: no counsel has advised on this case.
    const noAdvice = await act(actors.director.token, caseId, 'time-confirmations', { act: 'counsel_advice' });
    expect({ status: noAdvice.status, rule: noAdvice.body.rule }).toEqual({ status: 409, rule: 'CASE-STATE' });
    expect((await act(actors.staff.token, caseId, 'time-confirmations', { act: 'director_referral' })).status).toBe(403);
    expect((await act(actors.director.token, caseId, 'time-confirmations', { act: 'seizure' })).status).toBe(400);
    const confirmed = await ok(act(actors.director.token, caseId, 'time-confirmations', { act: 'director_referral', note: 'Referred by phone at once; recorded after the shift' }));
    expect(await lateReferrals(confirmed.position)).toEqual([]);
    const read = await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)).expect(200);
    expect(JSON.stringify(read.body.timeline)).toContain('EarlierTimeConfirmed');
  });
});

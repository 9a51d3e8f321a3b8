/**
 * Every rule in the pack, one case it allows and one it refuses. The table is typed as a record over
 * `RuleId`, so a rule added to the pack without scenarios here fails to compile.
 */
import { CONTRACT_RULE_IDS, RULE_IDS, RULE_PACK, type RuleId } from './rule-pack.js';
import { evaluateRequest, type DisclosureRequestFacts } from './evaluate-request.js';
import { initialPatronState, type PatronStanding } from '../patron/patron.state.js';
import {
  adviseCounsel,
  admin,
  auditor,
  counsel,
  decideRelease,
  defaultContext,
  designee,
  director,
  executeWarrant,
  given,
  grantNeedToKnow,
  leCaseAdvised,
  LATER,
  openCase,
  openLawEnforcementCase,
  otherCounsel,
  produce,
  recordInstrument,
  RECEIVED_AT,
  referToCounsel,
  referToDirector,
  refuse,
  release,
  staff,
  wellnessCheck,
  withPatron,
  type Outcome,
} from '../testing/case-fixtures.js';
import { at, closedCase, placeHoldOnCase, releaseHold, retentionGiven, shredByHand } from '../testing/retention-fixtures.js';

const evaluate = (facts: Partial<DisclosureRequestFacts>, patron: PatronStanding = initialPatronState) =>
  evaluateRequest(
    {
      requester: { kind: 'patron', name: 'Ann Lee' },
      channel: 'in_person',
      requestedCategories: ['checkouts'],
      identification: [],
      occurredAt: RECEIVED_AT,
      ...facts,
    },
    patron,
  );
const ids = (kinds: DisclosureRequestFacts['identification'][number]['kind'][]) => kinds.map((kind) => ({ kind }));
const fired = (evaluation: { rules: readonly { id: string }[] }) => evaluation.rules.map((rule) => rule.id);

const lostCard: PatronStanding = { cardReportedLost: true, consents: [] };
const consentFor = (grantee: string, extra: Partial<PatronStanding['consents'][number]> = {}): PatronStanding => ({
  cardReportedLost: false,
  consents: [{ consentId: 'c-1', grantee, categories: ['checkouts', 'holds'], givenAt: '2025-01-01T00:00:00Z', ...extra }],
});

function expectRefusal(outcome: Outcome, rule: RuleId, kind: 'policy' | 'forbidden' = 'policy') {
  expect(outcome.error).toMatchObject({ kind, rule, citation: RULE_PACK[rule].citation });
}
function expectAccepted(outcome: Outcome) {
  expect(outcome.error).toBeUndefined();
  expect(outcome.events.length).toBeGreaterThan(0);
}

const coverage = {
  'PATRON-SELF-IN-PERSON': {
    allows: () => {
      const evaluation = evaluate({ identification: ids(['photo_id']), requestedCategories: ['address', 'circulation_history'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['address', 'circulation_history'] });
      expect(fired(evaluation)).toContain('PATRON-SELF-IN-PERSON');
    },
    refuses: () => {
      const evaluation = evaluate({ identification: ids(['card_barcode']) });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['ID-REQUIRED']);
    },
  },
  'PATRON-SELF-ONLINE': {
    allows: () => {
      const evaluation = evaluate({ channel: 'online', identification: ids(['account_login']), requestedCategories: ['search_records'] });
      expect(evaluation.permittedCategories).toEqual(['search_records']);
      expect(fired(evaluation)).toContain('PATRON-SELF-ONLINE');
    },
    refuses: () => {
      expect(evaluate({ channel: 'online', identification: ids(['photo_id']) }).route).toBe('deny');
    },
  },
  'PATRON-SELF-PHONE': {
    allows: () => {
      const evaluation = evaluate({ channel: 'phone', identification: ids(['caller_id_match']), requestedCategories: ['holds', 'address'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'] });
      expect(fired(evaluation)).toContain('PATRON-SELF-PHONE');
    },
    refuses: () => {
      const evaluation = evaluate({ channel: 'phone', identification: ids(['card_barcode']), requestedCategories: ['address'] });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['PATRON-SELF-PHONE', 'REQUEST-OUTSIDE-BASIS']);
    },
  },
  'ID-REQUIRED': {
    allows: () => {
      expect(fired(evaluate({ identification: ids(['library_card']) }))).not.toContain('ID-REQUIRED');
    },
    refuses: () => {
      for (const channel of ['mail', 'email'] as const) {
        const evaluation = evaluate({ channel, identification: ids(['library_card', 'photo_id', 'account_login']) });
        expect(evaluation.route).toBe('deny');
        expect(fired(evaluation)).toContain('ID-REQUIRED');
      }
    },
  },
  'CARD-LOST': {
    allows: () => {
      const replaced: PatronStanding = { cardReportedLost: false, consents: [] };
      expect(evaluate({ identification: ids(['library_card']) }, replaced).route).toBe('staff_may_release');
      expect(evaluate({ identification: ids(['library_card', 'photo_id']) }, lostCard).route).toBe('staff_may_release');
    },
    refuses: () => {
      const evaluation = evaluate({ identification: ids(['library_card']) }, lostCard);
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['CARD-LOST', 'ID-REQUIRED']);
      const outcome = given().when(openCase({ ids: ['library_card'] }), withPatron(lostCard));
      expect(outcome.events[0]).toMatchObject({ data: { evaluation: { route: 'deny' } } });
    },
  },
  'FAMILY-CARD': {
    allows: () => {
      const evaluation = evaluate({
        requester: { kind: 'family_or_friend', name: 'Sam Lee' },
        identification: ids(['library_card']),
        purpose: 'pick up holds',
        requestedCategories: ['holds', 'circulation_history'],
      });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'] });
      expect(fired(evaluation)).toContain('FAMILY-CARD');
    },
    refuses: () => {
      const evaluation = evaluate({
        requester: { kind: 'family_or_friend', name: 'Sam Lee' },
        channel: 'phone',
        identification: ids(['card_barcode']),
        purpose: 'renewals',
      });
      expect(evaluation.route).toBe('deny');
    },
  },
  'FAMILY-NO-CONTACT': {
    allows: () => {
      const family = openCase({ kind: 'family_or_friend', purpose: 'pick up holds', requestedCategories: ['holds', 'address'] });
      const outcome = given(family).when(release(['holds']));
      expectAccepted(outcome);
      expect(outcome.events[1]).toMatchObject({ type: 'CaseClosed', data: { outcome: 'released_in_part' } });
    },
    refuses: () => {
      const family = openCase({ kind: 'family_or_friend', purpose: 'pick up holds', requestedCategories: ['holds', 'address'] });
      const history = given(family);
      expect(fired(history.history[0]!.type === 'DisclosureRequested' ? history.history[0]!.data.evaluation : { rules: [] })).toContain(
        'FAMILY-NO-CONTACT',
      );
      expectRefusal(history.when(release(['holds', 'address'])), 'FAMILY-NO-CONTACT');
    },
  },
  'FAMILY-PURPOSE-REQUIRED': {
    allows: () => {
      expect(given().when(openCase({ kind: 'family_or_friend', purpose: 'pay a fine' })).state).toMatchObject({
        route: 'staff_may_release',
      });
    },
    refuses: () => {
      const evaluation = evaluate({ requester: { kind: 'family_or_friend', name: 'Sam' }, identification: ids(['library_card']), purpose: '  ' });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toContain('FAMILY-PURPOSE-REQUIRED');
    },
  },
  'DEBT-PAYER': {
    allows: () => {
      const evaluation = evaluate({ requester: { kind: 'debt_payer', name: 'Aunt May' }, channel: 'email', requestedCategories: ['amount_owed'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['amount_owed'] });
    },
    refuses: () => {
      const evaluation = evaluate({ requester: { kind: 'debt_payer', name: 'Aunt May' }, requestedCategories: ['checkouts'] });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['DEBT-PAYER', 'REQUEST-OUTSIDE-BASIS']);
    },
  },
  'MINOR-GUARDIAN': {
    allows: () => {
      const guardian = { requester: { kind: 'parent_or_guardian', name: 'Pat Lee' }, patronIsMinor: true } as const;
      const byPhone = evaluate({ ...guardian, channel: 'phone', identification: ids(['card_barcode']), requestedCategories: ['checkouts', 'address'] });
      expect(byPhone).toMatchObject({ route: 'staff_may_release', permittedCategories: ['checkouts'] });
      const inPerson = evaluate({ ...guardian, identification: ids(['cosigner_photo_id']), requestedCategories: ['checkouts', 'address'] });
      expect(inPerson.permittedCategories).toEqual(['address', 'checkouts']);
      expect(fired(inPerson)).toEqual(['MINOR-GUARDIAN']);
    },
    refuses: () => {
      const guardian = { requester: { kind: 'parent_or_guardian', name: 'Pat Lee' }, patronIsMinor: true } as const;
      const evaluation = evaluate({ ...guardian, channel: 'phone', identification: ids(['cosigner_photo_id']) });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['ID-REQUIRED']);
    },
  },
  'MINOR-ONLY': {
    allows: () => {
      const outcome = given().when(openCase({ kind: 'parent_or_guardian', isMinor: true }));
      expect(outcome.state).toMatchObject({ route: 'staff_may_release' });
    },
    refuses: () => {
      for (const patronIsMinor of [false, undefined]) {
        const evaluation = evaluate({
          requester: { kind: 'parent_or_guardian', name: 'Pat Lee' },
          identification: ids(['library_card']),
          ...(patronIsMinor !== undefined && { patronIsMinor }),
        });
        expect(fired(evaluation)).toEqual(['MINOR-ONLY']);
        expect(evaluation.route).toBe('deny');
      }
    },
  },
  'LE-REFER': {
    allows: () => {
      const outcome = given(openLawEnforcementCase()).when(referToDirector());
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'with_director', route: 'refer_to_director' });
    },
    refuses: () => {
      const evaluation = evaluate(
        { requester: { kind: 'law_enforcement', name: 'Officer Dibble' }, identification: ids(['photo_id']) },
        consentFor('Officer Dibble'),
      );
      expect(evaluation).toEqual(
        expect.objectContaining({ route: 'refer_to_director', permittedCategories: [], consentIds: ['c-1'] }),
      );
      expect(fired(evaluation)).toEqual(['LE-REFER']);
    },
  },
  'VENDOR-AUTH': {
    allows: () => {
      const evaluation = evaluate({ requester: { kind: 'vendor', name: 'eBooks Inc' }, channel: 'online', requestedCategories: ['name', 'card_number'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['name', 'card_number'] });
    },
    refuses: () => {
      const vendor = openCase({ kind: 'vendor', ids: [], requestedCategories: ['name', 'circulation_history'] });
      expectRefusal(given(vendor).when(release(['name', 'circulation_history'])), 'RELEASE-SCOPE');
    },
  },
  'FOIA-EXEMPT': {
    allows: () => {
      const evaluation = evaluate(
        { requester: { kind: 'public_records', name: 'Bo Chen' }, identification: ids(['photo_id']) },
        consentFor('Bo Chen'),
      );
      expect(evaluation.route).toBe('staff_may_release');
      expect(fired(evaluation)).toEqual(['FOIA-EXEMPT', 'WRITTEN-CONSENT']);
    },
    refuses: () => {
      const evaluation = evaluate({ requester: { kind: 'public_records', name: 'Daily News' }, channel: 'email' });
      expect(evaluation).toMatchObject({ route: 'deny', permittedCategories: [] });
      expect(fired(evaluation)).toEqual(['FOIA-EXEMPT']);
    },
  },
  'WRITTEN-CONSENT': {
    allows: () => {
      const evaluation = evaluate(
        { requester: { kind: 'other', name: '  bo   CHEN ' }, identification: ids(['photo_id']), requestedCategories: ['holds', 'address'] },
        consentFor('Bo Chen', { expiresAt: '2025-03-03T10:00:01Z' }),
      );
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'], consentIds: ['c-1'] });
      expect(fired(evaluation)).toEqual(['WRITTEN-CONSENT']);
    },
    refuses: () => {
      const request = { requester: { kind: 'other', name: 'Bo Chen' }, identification: ids(['photo_id']) } as const;
      for (const patron of [
        consentFor('Bo Chen', { expiresAt: RECEIVED_AT }),
        consentFor('Bo Chen', { revokedAt: '2025-04-01T00:00:00Z' }),
        consentFor('Bo Chen', { givenAt: LATER }),
        consentFor('Bo Cheng'),
      ]) {
        const evaluation = evaluate(request, patron);
        expect(evaluation.route).toBe('deny');
        expect(fired(evaluation)).toEqual(['OTHER-NO-BASIS']);
      }
    },
  },
  'CONSENT-GRANTEE-ID': {
    allows: () => {
      const evaluation = evaluate({ requester: { kind: 'other', name: 'Bo Chen' }, channel: 'online', identification: ids(['photo_id']) }, consentFor('Bo Chen'));
      expect(evaluation.route).toBe('staff_may_release');
    },
    refuses: () => {
      for (const facts of [
        { channel: 'in_person', identification: ids(['card_barcode']) },
        { channel: 'email', identification: ids(['photo_id']) },
      ] as const) {
        const evaluation = evaluate({ requester: { kind: 'other', name: 'Bo Chen' }, ...facts }, consentFor('Bo Chen'));
        expect(evaluation.route).toBe('deny');
        expect(fired(evaluation)).toEqual(['CONSENT-GRANTEE-ID', 'OTHER-NO-BASIS']);
      }
    },
  },
  'OTHER-NO-BASIS': {
    allows: () => {
      const outcome = given({ command: openCase({ kind: 'other', name: 'Bo Chen', ids: ['photo_id'] }), context: withPatron(consentFor('Bo Chen')) }).when(
        release(['checkouts']),
      );
      expectAccepted(outcome);
    },
    refuses: () => {
      const evaluation = evaluate({ requester: { kind: 'other', name: 'A Stranger' }, identification: ids(['photo_id']) });
      expect(evaluation).toMatchObject({ route: 'deny', permittedCategories: [] });
      expect(fired(evaluation)).toEqual(['OTHER-NO-BASIS']);
    },
  },
  'REQUEST-OUTSIDE-BASIS': {
    allows: () => {
      expect(fired(evaluate({ requester: { kind: 'vendor', name: 'DB' }, requestedCategories: ['name'] }))).toEqual(['VENDOR-AUTH']);
    },
    refuses: () => {
      const evaluation = evaluate({ requester: { kind: 'vendor', name: 'DB' }, requestedCategories: ['circulation_history'] });
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['VENDOR-AUTH', 'REQUEST-OUTSIDE-BASIS']);
    },
  },
  'RELEASE-SCOPE': {
    allows: () => {
      const outcome = given(openCase({ requestedCategories: ['checkouts', 'holds'] })).when(release(['checkouts', 'holds']));
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'closed', outcome: 'released', releasedCategories: ['checkouts', 'holds'] });
    },
    refuses: () => {
      const denied = given(openCase({ channel: 'email' }));
      expect(denied.state).toMatchObject({ status: 'open', route: 'deny' });
      expectRefusal(denied.when(release(['checkouts'])), 'RELEASE-SCOPE');
      expectRefusal(given(openCase({ requestedCategories: ['checkouts'] })).when(release(['checkouts', 'holds'])), 'RELEASE-SCOPE');
    },
  },
  'LE-STAFF-NO-RELEASE': {
    allows: () => {
      expectAccepted(given(openLawEnforcementCase()).when(referToDirector(staff)));
    },
    refuses: () => {
      for (const actor of [staff, designee, director]) {
        expectRefusal(given(openLawEnforcementCase()).when(release(['name'], actor)), 'LE-STAFF-NO-RELEASE');
      }
      expectRefusal(leCaseAdvised(['name']).when(release(['name'], director)), 'LE-STAFF-NO-RELEASE');
    },
  },
  'LE-DIRECTOR-ONLY': {
    allows: () => {
      const referred = given(openLawEnforcementCase(), referToDirector());
      expectAccepted(referred.when({ ...recordInstrument(['name']), actor: designee }));
      expectAccepted(given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel()).when(adviseCounsel('comply')));
      expectAccepted(referred.when(refuse(designee)));
    },
    refuses: () => {
      const referred = given(openLawEnforcementCase(), referToDirector());
      for (const actor of [staff, counsel, auditor, admin]) {
        expectRefusal(referred.when({ ...recordInstrument(['name']), actor }), 'LE-DIRECTOR-ONLY', 'forbidden');
      }
      expectRefusal(referred.when(refuse(staff)), 'LE-DIRECTOR-ONLY', 'forbidden');
      const atCounsel = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel());
      expectRefusal(atCounsel.when(adviseCounsel('comply', undefined, otherCounsel)), 'LE-DIRECTOR-ONLY', 'forbidden');
      expectRefusal(atCounsel.when(adviseCounsel('comply', undefined, director)), 'LE-DIRECTOR-ONLY', 'forbidden');
    },
  },
  'LE-INSTRUMENT-REQUIRED': {
    allows: () => {
      expectAccepted(leCaseAdvised(['name']).when(decideRelease('release')));
    },
    refuses: () => {
      const noInstrument = given(openLawEnforcementCase(), referToDirector(), referToCounsel(), adviseCounsel('comply'));
      expectRefusal(noInstrument.when(decideRelease('release', ['name'])), 'LE-INSTRUMENT-REQUIRED');
    },
  },
  'LE-COUNSEL-FIRST': {
    allows: () => {
      expectAccepted(leCaseAdvised(['name'], 'comply_in_part', ['name']).when(decideRelease('release_in_part', ['name'])));
    },
    refuses: () => {
      const noAdvice = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel());
      expectRefusal(noAdvice.when(decideRelease('release', ['name'])), 'LE-COUNSEL-FIRST');
    },
  },
  'LE-ADVICE-AGAINST': {
    allows: () => {
      const outcome = leCaseAdvised(['name'], 'move_to_quash').when(decideRelease('deny'));
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'closed', outcome: 'refused' });
    },
    refuses: () => {
      for (const advice of ['object', 'move_to_quash', 'decline'] as const) {
        expectRefusal(leCaseAdvised(['name'], advice).when(decideRelease('release', ['name'])), 'LE-ADVICE-AGAINST');
      }
    },
  },
  'LE-SCOPE': {
    allows: () => {
      const decided = given(...leCaseSteps(['name', 'circulation_history'], ['circulation_history']), decideRelease('release'));
      const outcome = decided.when(produce(['circulation_history']));
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'closed', outcome: 'released_in_part', releasedCategories: ['circulation_history'] });
    },
    refuses: () => {
      const advised = leCaseAdvised(['name', 'circulation_history'], 'comply_in_part', ['circulation_history', 'address']);
      expectRefusal(advised.when(decideRelease('release', ['name'])), 'LE-SCOPE');
      expectRefusal(advised.when(decideRelease('release', ['address'])), 'LE-SCOPE');
      const decided = given(...leCaseSteps(['name', 'circulation_history']), decideRelease('release_in_part', ['name']));
      expectRefusal(decided.when(produce(['circulation_history'])), 'LE-SCOPE');
      expectRefusal(
        given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'search_warrant' })).when(
          executeWarrant(['name', 'checkouts']),
        ),
        'LE-SCOPE',
      );
    },
  },
  'LE-WARRANT-REQUIRED': {
    allows: () => {
      const warrant = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'search_warrant' }));
      const outcome = warrant.when(executeWarrant(['name'], staff));
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'with_director', releasedCategories: ['name'] });
    },
    refuses: () => {
      const subpoena = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']));
      expectRefusal(subpoena.when(executeWarrant(['name'])), 'LE-WARRANT-REQUIRED');
      expectRefusal(given(openLawEnforcementCase()).when(executeWarrant(['name'], director)), 'LE-WARRANT-REQUIRED');
    },
  },
  'WELLNESS-SCOPE': {
    allows: () => {
      const outcome = given().when(wellnessCheck(['name', 'phone', 'address']));
      expect(outcome.events.map((event) => event.type)).toEqual(['WellnessCheckRequested', 'WellnessDisclosureMade', 'CaseClosed']);
      expect(outcome.state).toMatchObject({ status: 'closed', outcome: 'released', kind: 'wellness_check' });
    },
    refuses: () => {
      expectRefusal(given().when(wellnessCheck(['name', 'email'])), 'WELLNESS-SCOPE');
      expectRefusal(given().when(wellnessCheck(['checkouts'])), 'WELLNESS-SCOPE');
    },
  },
  'ROLE-NOT-PERMITTED': {
    allows: () => {
      expectAccepted(given().when(openCase()));
    },
    refuses: () => {
      for (const actor of [auditor, admin, counsel]) {
        expectRefusal(given().when({ ...openCase(), actor }), 'ROLE-NOT-PERMITTED', 'forbidden');
        expectRefusal(given().when(wellnessCheck(['name'], actor)), 'ROLE-NOT-PERMITTED', 'forbidden');
      }
    },
  },
  'NEED-TO-KNOW-DIRECTOR': {
    allows: () => {
      const outcome = given(openLawEnforcementCase()).when(grantNeedToKnow(auditor.userId));
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ needToKnow: [auditor.userId] });
    },
    refuses: () => {
      for (const actor of [designee, staff, counsel]) {
        expectRefusal(given(openLawEnforcementCase()).when(grantNeedToKnow(auditor.userId, actor)), 'NEED-TO-KNOW-DIRECTOR', 'forbidden');
      }
    },
  },
  'ADMIN-NO-CASE-DATA': {
    allows: () => {
      expectAccepted(given(openCase()).when(grantNeedToKnow(auditor.userId)));
    },
    refuses: () => {
      const context = { ...defaultContext, grantee: { userId: admin.userId, role: 'admin' as const } };
      expectRefusal(given(openCase()).when(grantNeedToKnow(admin.userId), context), 'ADMIN-NO-CASE-DATA');
    },
  },
  'LEGAL-HOLD': {
    allows: () => expect(retentionGiven(at(LATER, placeHoldOnCase('case-1')), at(LATER, releaseHold()), at(LATER, shredByHand(closedCase()))).events).toHaveLength(3),
    refuses: () => expectThrownRefusal(() => retentionGiven(at(LATER, placeHoldOnCase('case-1')), at(LATER, shredByHand(closedCase()))), 'LEGAL-HOLD'),
  },
  'RETENTION-UNTIL-RELEASED': {
    allows: () => expect(retentionGiven(at(LATER, shredByHand(closedCase({ requesterKind: 'debt_payer' })))).events).toHaveLength(1),
    refuses: () => expectThrownRefusal(() => retentionGiven(at(LATER, shredByHand(closedCase({ hasInstrument: true })))), 'RETENTION-UNTIL-RELEASED'),
  },
} satisfies Record<RuleId, { allows: () => void; refuses: () => void }>;

function expectThrownRefusal(run: () => unknown, rule: RuleId) {
  let error: unknown;
  try {
    run();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toMatchObject({ kind: 'policy', rule, citation: RULE_PACK[rule].citation });
}

function leCaseSteps(scope: Parameters<typeof recordInstrument>[0], adviceScope?: Parameters<typeof adviseCounsel>[1]) {
  return [
    openLawEnforcementCase(),
    referToDirector(),
    recordInstrument(scope),
    referToCounsel(),
    adviseCounsel(adviceScope === undefined ? 'comply' : 'comply_in_part', adviceScope),
  ];
}

describe('the rule pack', () => {
  it("holds every rule id API.md names, each with a policy-section citation and a message", () => {
    for (const id of CONTRACT_RULE_IDS) expect(RULE_IDS).toContain(id);
    for (const id of RULE_IDS) {
      expect(RULE_PACK[id].citation).toMatch(/^(Disclosure|Children|Wellness|Computer|Confidentiality)/);
      expect(RULE_PACK[id].message.length).toBeGreaterThan(20);
    }
    expect(RULE_PACK['LE-STAFF-NO-RELEASE'].citation).toBe('Disclosure to Law Enforcement, step 1; CGS § 11-25');
  });
});

describe.each(RULE_IDS)('rule %s', (id) => {
  it('allows what it should', () => coverage[id].allows());
  it('refuses what it should', () => coverage[id].refuses());
});

/**
 * Every rule in the pack, one case it allows and one it refuses. The table is typed as a record over
 * `RuleId`, so a rule added to the pack without scenarios here fails to compile.
 */
import { CONTRACT_RULE_IDS, RULE_IDS, type RuleId } from './rule-text.js';
import { isLibraryReading } from './rules.js';
import { RULE_PACK } from './us-ct/rule-pack.js';
import { sealedRefusal, whatMayBeShown } from '../case/what-may-be-shown.js';
import type { ExistingCase } from '../case/case.state.js';
import { evaluateRequest, type DisclosureRequestFacts } from './evaluate-request.js';
import { evolvePatron, initialPatronState, type PatronStanding, type PatronState, standingThrough } from '../patron/patron.state.js';
import { decidePatron } from '../patron/patron.decider.js';
import type { GiveWrittenConsent } from '../patron/patron.commands.js';
import type { VendorList } from '../vendor/vendor.state.js';
import {
  adviseCounsel,
  admin,
  approvedVendors,
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
  openStatisticsRequest,
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
import { approveErasure, approveProposal, at, recordErasure, CLOSED_AT, closedCase, daysAfter, placeHoldOnCase, placeHoldOnPatron, proposeSchedule, releaseHold, retentionCounsel, retentionDirector, retentionGiven, scheduleWith, setSchedule, shredByHand } from '../testing/retention-fixtures.js';

const evaluate = (facts: Partial<DisclosureRequestFacts>, patron: PatronStanding = initialPatronState, vendors: VendorList = approvedVendors) =>
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
    vendors,
  );
const giveConsent = (overrides: Partial<GiveWrittenConsent> = {}): GiveWrittenConsent => ({
  type: 'GiveWrittenConsent',
  patron: { blindIndex: 'bi-consent', pseudonym: 'P-consent' },
  actor: staff,
  occurredAt: RECEIVED_AT,
  recordedAt: RECEIVED_AT,
  consentId: 'c-proof',
  grantee: 'Bo Chen',
  categories: ['holds'],
  documentSha256: 'cd'.repeat(32),
  identification: 'photo_id',
  ...overrides,
});
const ids = (kinds: DisclosureRequestFacts['identification'][number]['kind'][]) => kinds.map((kind) => ({ kind }));
const fired = (evaluation: { rules: readonly { id: string }[] }) => evaluation.rules.map((rule) => rule.id);

const lostCard: PatronStanding = { cardReportedLost: true, consents: [] };
/** A patron's two identifiers' streams: card A reported lost (and replaced), the other one untouched. */
function patronWithLostCardA(replaced = false): { cardA: PatronState; other: PatronState } {
  const card = (type: 'LibraryCardReportedLost' | 'LibraryCardReplaced') => ({ type, data: { blindIndex: 'bi-a', pseudonym: 'P-a', occurredAt: '2025-01-01T00:00:00Z', by: 'u-staff' } }) as const;
  const events = replaced ? [card('LibraryCardReportedLost'), card('LibraryCardReplaced')] : [card('LibraryCardReportedLost')];
  return { cardA: events.reduce(evolvePatron, initialPatronState), other: initialPatronState };
}
const consentFor = (grantee: string, extra: Partial<PatronStanding['consents'][number]> = {}): PatronStanding => ({
  cardReportedLost: false,
  consents: [{ consentId: 'c-1', grantee, categories: ['checkouts', 'holds'], givenAt: '2025-01-01T00:00:00Z', ...extra }],
});

const newsletterVendors: VendorList = {
  vendors: [
    ...approvedVendors.vendors,
    { vendorId: 'v-news', name: 'Mail Monkey', service: 'Email newsletter', approvedAt: '2025-01-01T00:00:00.000Z', approvedBy: 'u-director' },
  ],
};

const vendorRequest = (facts: Partial<DisclosureRequestFacts> = {}): Partial<DisclosureRequestFacts> => ({
  requester: { kind: 'vendor', name: 'eBooks Inc' },
  channel: 'online',
  identification: [{ kind: 'vendor_credentials', detail: 'v-ebooks' }],
  requestedCategories: ['name', 'card_number'],
  ...facts,
});

/** A case whose only instrument is `instrumentType`, advised `comply` by counsel. */
const advisedUnder = (instrumentType: Parameters<typeof recordInstrument>[1] extends infer O ? O extends { instrumentType?: infer T } ? T : never : never, scope: Parameters<typeof recordInstrument>[0] = ['name']) =>
  given(openLawEnforcementCase(), referToDirector(), recordInstrument(scope, { instrumentType }), referToCounsel(), adviseCounsel('comply'));

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
  'PATRON-PERSONAL-INFO-PHOTO-ID': {
    allows: () => {
      const evaluation = evaluate({ identification: ids(['library_card', 'photo_id']), requestedCategories: ['address', 'birth_date', 'holds'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['address', 'birth_date', 'holds'] });
      expect(fired(evaluation)).not.toContain('PATRON-PERSONAL-INFO-PHOTO-ID');
      const online = evaluate({ channel: 'online', identification: ids(['account_login']), requestedCategories: ['email'] });
      expect(online.permittedCategories).toEqual(['email']);
    },
    refuses: () => {
      const evaluation = evaluate({ identification: ids(['library_card']), requestedCategories: ['address', 'phone', 'email', 'birth_date', 'holds'] });
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'] });
      expect(fired(evaluation)).toEqual(['PATRON-SELF-IN-PERSON', 'PATRON-PERSONAL-INFO-PHOTO-ID']);
      const contactOnly = given(openCase({ ids: ['library_card'], requestedCategories: ['email'] }));
      expect(contactOnly.state).toMatchObject({ route: 'deny' });
      expectRefusal(contactOnly.when(release(['email'])), 'RELEASE-SCOPE');
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
      // Card A reported lost: the patron's other identifier (the ILS id, a new card) still identifies them.
      const { cardA, other } = patronWithLostCardA();
      expect(evaluate({ identification: ids(['library_card']) }, standingThrough(other, [cardA, other])).route).toBe('staff_may_release');
      expect(evaluate({ identification: ids(['library_card', 'photo_id']) }, lostCard).route).toBe('staff_may_release');
    },
    refuses: () => {
      const evaluation = evaluate({ identification: ids(['library_card']) }, lostCard);
      expect(evaluation.route).toBe('deny');
      expect(fired(evaluation)).toEqual(['CARD-LOST', 'ID-REQUIRED']);
      // A replaced card stays dead.
      const { cardA, other } = patronWithLostCardA(true);
      expect(fired(evaluate({ identification: ids(['library_card']) }, standingThrough(cardA, [cardA, other])))).toContain('CARD-LOST');
      const outcome = given().when(openCase({ ids: ['library_card'] }), withPatron(lostCard));
      expect(outcome.events[0]).toMatchObject({ data: { evaluation: { route: 'deny' } } });
      // Reported lost after the case was opened: the release weighs the card again.
      expectRefusal(given(openCase({ ids: ['library_card'] })).when(release(['checkouts']), withPatron(lostCard)), 'CARD-LOST');
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
      expect(fired(history.history[0].type === 'DisclosureRequested' ? history.history[0].data.evaluation : { rules: [] })).toContain(
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
      const account = ['name', 'card_number', 'patron_id', 'account_status', 'checkouts', 'holds', 'amount_owed'] as const;
      const inPerson = evaluate({ ...guardian, identification: ids(['cosigner_photo_id']), requestedCategories: [...account] });
      expect(inPerson.permittedCategories).toEqual(account);
      expect(fired(inPerson)).toEqual(['MINOR-GUARDIAN']);
    },
    refuses: () => {
      const guardian = { requester: { kind: 'parent_or_guardian', name: 'Pat Lee' }, patronIsMinor: true } as const;
      const beyondAccount = ['address', 'email', 'circulation_history', 'search_records', 'reference_interviews', 'ill_records', 'facility_use', 'registrations', 'payment_info'] as const;
      for (const channel of ['in_person', 'online'] as const) {
        const wide = evaluate({ ...guardian, channel, identification: ids(['library_card']), requestedCategories: [...beyondAccount, 'holds'] });
        expect(wide).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'] });
      }
      const minor = given(openCase({ kind: 'parent_or_guardian', isMinor: true, requestedCategories: ['circulation_history', 'checkouts'] }));
      expectRefusal(minor.when(release(['circulation_history', 'checkouts'])), 'RELEASE-SCOPE');
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
  'GOVERNMENT-REFER': {
    allows: () => {
      // A social worker holding the patron's consent still goes to the Director, as an agency's "agent".
      for (const requester of [{ kind: 'government_agency', name: 'Bo Chen' }, { kind: 'other', name: 'Bo Chen', agency: 'Town Social Services' }] as const) {
        const evaluation = evaluate({ requester, identification: ids(['photo_id']) }, consentFor('Bo Chen'));
        expect(evaluation).toEqual(expect.objectContaining({ route: 'refer_to_director', permittedCategories: [], consentIds: ['c-1'] }));
        expect(fired(evaluation)).toEqual(['GOVERNMENT-REFER']);
      }
      const outcome = given(openCase({ kind: 'government_agency', name: 'Town Clerk' })).when(referToDirector());
      expectAccepted(outcome);
      expect(outcome.state).toMatchObject({ status: 'with_director', route: 'refer_to_director' });
      // Without an agency, someone else holding a consent is answered at the desk as before.
      expect(evaluate({ requester: { kind: 'other', name: 'Bo Chen' }, identification: ids(['photo_id']) }, consentFor('Bo Chen')).route).toBe('staff_may_release');
    },
    refuses: () => {
      const government = given({ command: openCase({ kind: 'government_agency', name: 'Bo Chen', ids: ['photo_id'] }), context: withPatron(consentFor('Bo Chen')) });
      expect(government.state).toMatchObject({ route: 'refer_to_director', ruleIds: ['GOVERNMENT-REFER'] });
      expectRefusal(government.when(release(['checkouts']), withPatron(consentFor('Bo Chen'))), 'LE-STAFF-NO-RELEASE');
      expectRefusal(government.when(release(['checkouts'], director), withPatron(consentFor('Bo Chen'))), 'LE-STAFF-NO-RELEASE');
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
      const evaluation = evaluate(vendorRequest());
      expect(evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['name', 'card_number'], vendorId: 'v-ebooks' });
      const byName = evaluate(vendorRequest({ identification: ids(['vendor_credentials']) }));
      expect(byName).toMatchObject({ route: 'staff_may_release', vendorId: 'v-ebooks' });
      // The newsletter service also receives the email address patrons who sign up agree to share.
      const newsletter = evaluate(
        vendorRequest({ requester: { kind: 'vendor', name: 'Mail Monkey' }, identification: [{ kind: 'vendor_credentials', detail: 'v-news' }], requestedCategories: ['name', 'email'] }),
        initialPatronState,
        newsletterVendors,
      );
      expect(newsletter).toMatchObject({ route: 'staff_may_release', permittedCategories: ['name', 'email'], vendorId: 'v-news' });
    },
    refuses: () => {
      // Any other vendor never receives the email address.
      expect(evaluate(vendorRequest({ requestedCategories: ['name', 'email'] }), initialPatronState, newsletterVendors).permittedCategories).toEqual(['name']);
      const vendor = openCase({ kind: 'vendor', name: 'eBooks Inc', channel: 'online', ids: ['vendor_credentials'], requestedCategories: ['name', 'circulation_history'] });
      expectRefusal(given(vendor).when(release(['name', 'circulation_history'])), 'RELEASE-SCOPE');
    },
  },
  'VENDOR-NOT-APPROVED': {
    allows: () => {
      expectAccepted(given(openCase({ kind: 'vendor', name: 'eBooks Inc', channel: 'online', ids: ['vendor_credentials'], requestedCategories: ['name'] })).when(release(['name'])));
    },
    refuses: () => {
      const withdrawn: VendorList = { vendors: [{ ...approvedVendors.vendors[0], withdrawnAt: '2025-02-01T00:00:00.000Z' }] };
      for (const [facts, vendors] of [
        [vendorRequest({ requester: { kind: 'vendor', name: 'Data Brokers LLC' }, identification: ids(['vendor_credentials']) }), approvedVendors],
        [vendorRequest({ identification: [{ kind: 'vendor_credentials', detail: 'v-unknown' }] }), approvedVendors],
        [vendorRequest({ identification: ids(['account_login']) }), approvedVendors],
        [vendorRequest({ channel: 'email' }), approvedVendors],
        [vendorRequest(), withdrawn],
      ] as const) {
        const evaluation = evaluate(facts, initialPatronState, vendors);
        expect(evaluation).toMatchObject({ route: 'deny', permittedCategories: [] });
        expect(fired(evaluation)).toEqual(['VENDOR-NOT-APPROVED']);
      }
      // Withdrawn after the case was opened: the release finds the vendor no longer approved.
      const opened = given(openCase({ kind: 'vendor', name: 'eBooks Inc', channel: 'online', ids: ['vendor_credentials'], requestedCategories: ['name'] }));
      expectRefusal(opened.when(release(['name']), { ...defaultContext, vendors: withdrawn }), 'VENDOR-NOT-APPROVED');
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
        withPatron(consentFor('Bo Chen')),
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
      expect(fired(evaluate(vendorRequest({ requestedCategories: ['name'] })))).toEqual(['VENDOR-AUTH']);
    },
    refuses: () => {
      const evaluation = evaluate(vendorRequest({ requestedCategories: ['circulation_history'] }));
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
      // A search warrant served while no director or designee is there: staff record it and its execution.
      const served = given(openLawEnforcementCase()).when({ ...recordInstrument(['name'], { instrumentType: 'search_warrant' }), actor: staff });
      expectAccepted(served);
      expect(served.state).toMatchObject({ status: 'with_director' });
      expect(served.events[0]).toMatchObject({ type: 'LegalInstrumentRecorded', data: { staffRecorded: true } });
      const executed = given(openLawEnforcementCase(), { ...recordInstrument(['name'], { instrumentType: 'search_warrant' }), actor: staff }).when(executeWarrant(['name'], staff));
      expect(executed.events[0]).toMatchObject({ type: 'WarrantExecuted', data: { staffRecorded: true } });
      const byDirector = given(openLawEnforcementCase(), recordInstrument(['name'], { instrumentType: 'search_warrant' })).when(executeWarrant(['name'], director));
      expect(byDirector.events[0]?.data).not.toHaveProperty('staffRecorded');
    },
    refuses: () => {
      const referred = given(openLawEnforcementCase(), referToDirector());
      for (const actor of [staff, counsel, auditor, admin]) {
        expectRefusal(referred.when({ ...recordInstrument(['name']), actor }), 'LE-DIRECTOR-ONLY', 'forbidden');
      }
      for (const instrumentType of ['subpoena', 'court_order', 'national_security_letter', 'administrative_request', 'other'] as const) {
        expectRefusal(referred.when({ ...recordInstrument(['name'], { instrumentType }), actor: staff }), 'LE-DIRECTOR-ONLY', 'forbidden');
      }
      for (const actor of [counsel, auditor]) {
        expectRefusal(referred.when({ ...recordInstrument(['name'], { instrumentType: 'search_warrant' }), actor }), 'LE-DIRECTOR-ONLY', 'forbidden');
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
  'LE-NSL-NOT-APPLICABLE': {
    allows: () => {
      const nsl = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter', nondisclosureOrder: true }));
      expect(nsl.state).toMatchObject({ sealed: true, status: 'with_director' });
      const advised = nsl.when(referToCounsel());
      expectAccepted(advised);
      const objected = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter' }), referToCounsel(), adviseCounsel('object'));
      expectAccepted(objected.when(decideRelease('deny')));
      const withCourtOrder = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter' }),
        recordInstrument(['name'], { instrumentId: 'ins-2', instrumentType: 'court_order' }), referToCounsel(), adviseCounsel('comply'));
      expectAccepted(withCourtOrder.when(decideRelease('release')));
      // Counsel records that the library provides an electronic communication service (the § 2709(f)
      // proviso): the letter is then an instrument like any that is not a court's, so the statute decides.
      const provider = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter' }), referToCounsel(),
        { ...adviseCounsel('comply'), providesCommunicationService: true });
      expect(provider.state).toMatchObject({ advice: { providesCommunicationService: true } });
      expectRefusal(provider.when(decideRelease('release')), 'LE-STATUTE-COURT-ORDER');
      expectAccepted(provider.when(decideRelease('release'), withPatron(consentForPolice(['name']))));
    },
    refuses: () => {
      const nsl = advisedUnder('national_security_letter');
      expectRefusal(nsl.when(decideRelease('release', ['name'])), 'LE-NSL-NOT-APPLICABLE');
      // Most specific first: NSL before the statute, even with no consent on record.
      const unadvised = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter' }));
      expectRefusal(unadvised.when(decideRelease('release', ['name'])), 'LE-NSL-NOT-APPLICABLE');
    },
  },
  'LE-STATUTE-COURT-ORDER': {
    allows: () => {
      for (const instrumentType of ['court_order', 'search_warrant'] as const) {
        const decided = advisedUnder(instrumentType).when(decideRelease('release'));
        expectAccepted(decided);
      }
      const consent: PatronStanding = { cardReportedLost: false, consents: [{ consentId: 'c-9', grantee: 'State Police', categories: ['name'], givenAt: '2025-01-01T00:00:00Z' }] };
      const subpoena = advisedUnder('subpoena');
      const decided = subpoena.when(decideRelease('release'), withPatron(consent));
      expectAccepted(decided);
      const produced = given(...subpoenaSteps(), { command: decideRelease('release'), context: withPatron(consent) }).when(produce(['name']), withPatron(consent));
      expectAccepted(produced);
      expect(produced.events[0]).toMatchObject({ type: 'RecordsProduced', data: { consentIds: ['c-9'] } });
      // Each category through a door of its own: the court order's name, the consent's checkouts.
      const mixed = given(...courtOrderAndSubpoenaSteps(), { command: decideRelease('release'), context: withPatron(consentForPolice(['checkouts'])) });
      const both = mixed.when(produce(['name', 'checkouts']), withPatron(consentForPolice(['checkouts'])));
      expectAccepted(both);
      expect(both.events[0]).toMatchObject({ type: 'RecordsProduced', data: { categories: ['name', 'checkouts'], consentIds: ['c-9'] } });
      expectAccepted(given(...courtOrderAndSubpoenaSteps()).when(decideRelease('release_in_part', ['name'])));
    },
    refuses: () => {
      for (const instrumentType of ['subpoena', 'administrative_request', 'other'] as const) {
        const outcome = advisedUnder(instrumentType).when(decideRelease('release'));
        expectRefusal(outcome, 'LE-STATUTE-COURT-ORDER');
        expect((outcome.error as Error).message).toMatch(/court order.*written permission/);
      }
      // Any requester kind: a civil litigant's subpoena on an `other` request is no door either.
      const civil = given(openCase({ kind: 'other', name: 'Jones & Co' }), recordInstrument(['checkouts'], { instrumentType: 'subpoena' }), referToCounsel(), adviseCounsel('comply'));
      expectRefusal(civil.when(decideRelease('release')), 'LE-STATUTE-COURT-ORDER');
      // A consent that does not cover the categories, or names someone else, opens nothing.
      const narrow: PatronStanding = { cardReportedLost: false, consents: [{ consentId: 'c-9', grantee: 'State Police', categories: ['holds'], givenAt: '2025-01-01T00:00:00Z' }] };
      expectRefusal(advisedUnder('subpoena').when(decideRelease('release'), withPatron(narrow)), 'LE-STATUTE-COURT-ORDER');
      expectRefusal(advisedUnder('subpoena').when(decideRelease('release'), withPatron(consentFor('Bo Chen'))), 'LE-STATUTE-COURT-ORDER');
      // A consent revoked between decision and production closes the door again.
      const consent: PatronStanding = { cardReportedLost: false, consents: [{ consentId: 'c-9', grantee: 'State Police', categories: ['name'], givenAt: '2025-01-01T00:00:00Z' }] };
      const decided = given(...subpoenaSteps(), { command: decideRelease('release'), context: withPatron(consent) });
      const revoked: PatronStanding = { cardReportedLost: false, consents: [{ ...consent.consents[0], revokedAt: LATER }] };
      expectRefusal(decided.when(produce(['name']), withPatron(revoked)), 'LE-STATUTE-COURT-ORDER');
      // A court order for name opens no door for the subpoena's checkouts: the scope is per instrument.
      const mixed = given(...courtOrderAndSubpoenaSteps());
      const outcome = mixed.when(decideRelease('release'));
      expectRefusal(outcome, 'LE-STATUTE-COURT-ORDER');
      expect((outcome.error as Error).message).toMatch(/covers checkouts \(/);
      expect((outcome.error as Error).message).not.toMatch(/covers name/);
      // Nor does a court order's door open outside its own period, though the subpoena's covers it.
      const dated = given(
        openLawEnforcementCase(),
        referToDirector(),
        recordInstrument(['name'], { scope: { categories: ['name'], from: '2024-01-01T00:00:00.000Z', to: '2024-01-31T23:59:59.999Z' } }),
        recordInstrument(['name'], { instrumentId: 'ins-2', instrumentType: 'subpoena', scope: { categories: ['name'], from: '2023-01-01T00:00:00.000Z', to: '2024-12-31T23:59:59.999Z' } }),
        referToCounsel(),
        adviseCounsel('comply'),
        decideRelease('release'),
      );
      const march = dated.when({ ...produce(['name']), recordsFrom: '2024-03-01T00:00:00.000Z', recordsTo: '2024-03-31T00:00:00.000Z' });
      expectRefusal(march, 'LE-STATUTE-COURT-ORDER');
      expect((march.error as Error).message).toMatch(/for the period produced/);
      expectAccepted(dated.when({ ...produce(['name']), recordsFrom: '2024-01-05T00:00:00.000Z', recordsTo: '2024-01-20T00:00:00.000Z' }));
    },
  },
  'LE-COUNSEL-FIRST': {
    allows: () => {
      expectAccepted(leCaseAdvised(['name'], 'comply_in_part', ['name']).when(decideRelease('release_in_part', ['name'])));
      expectAccepted(leCaseAdvised(['name'], 'object').when(decideRelease('deny')));
      expectAccepted(leCaseAdvised(['name'], 'decline').when(refuse(director)));
      // No instrument, nothing for counsel to review: the director may deny or refuse at once.
      expectAccepted(given(openLawEnforcementCase(), referToDirector()).when(refuse(director)));
    },
    refuses: () => {
      const noAdvice = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel());
      expectRefusal(noAdvice.when(decideRelease('release', ['name'])), 'LE-COUNSEL-FIRST');
      expectRefusal(noAdvice.when(decideRelease('deny')), 'LE-COUNSEL-FIRST');
      expectRefusal(noAdvice.when(refuse(director)), 'LE-COUNSEL-FIRST');
      const notYetReferred = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']));
      expectRefusal(notYetReferred.when(refuse(designee)), 'LE-COUNSEL-FIRST');
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
      // Outside every instrument, the address has no door of the statute's either: that refusal comes first.
      expectRefusal(advised.when(decideRelease('release', ['address'])), 'LE-STATUTE-COURT-ORDER');
      const decided = given(...leCaseSteps(['name', 'circulation_history']), decideRelease('release_in_part', ['name']));
      expectRefusal(decided.when(produce(['circulation_history'])), 'LE-SCOPE');
      expectRefusal(
        given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'search_warrant' })).when(
          executeWarrant(['name', 'checkouts']),
        ),
        'LE-SCOPE',
      );
      // An instrument bounded by dates binds the period of the records produced.
      const dated = given(
        openLawEnforcementCase(),
        referToDirector(),
        recordInstrument(['name'], { scope: { categories: ['name'], from: '2024-01-01T00:00:00.000Z', to: '2024-06-30T23:59:59.999Z' } }),
        referToCounsel(),
        adviseCounsel('comply'),
        decideRelease('release'),
      );
      expectRefusal(dated.when(produce(['name'])), 'LE-SCOPE');
      // Outside the only court order's period, the records have no door at all (the statute's refusal first).
      expectRefusal(dated.when({ ...produce(['name']), recordsFrom: '2023-12-01T00:00:00.000Z', recordsTo: '2024-03-01T00:00:00.000Z' }), 'LE-STATUTE-COURT-ORDER');
      // Under a subpoena with the patron's consent, the subpoena's period still binds what is produced.
      const consent: PatronStanding = { cardReportedLost: false, consents: [{ consentId: 'c-9', grantee: 'State Police', categories: ['name'], givenAt: '2025-01-01T00:00:00Z' }] };
      const datedSubpoena = given(
        openLawEnforcementCase(),
        referToDirector(),
        recordInstrument(['name'], { instrumentType: 'subpoena', scope: { categories: ['name'], from: '2024-01-01T00:00:00.000Z', to: '2024-06-30T23:59:59.999Z' } }),
        referToCounsel(),
        adviseCounsel('comply'),
        { command: decideRelease('release'), context: withPatron(consent) },
      );
      expectRefusal(datedSubpoena.when({ ...produce(['name']), recordsFrom: '2023-12-01T00:00:00.000Z', recordsTo: '2024-03-01T00:00:00.000Z' }, withPatron(consent)), 'LE-SCOPE');
      const inside = dated.when({ ...produce(['name']), recordsFrom: '2024-02-01T00:00:00.000Z', recordsTo: '2024-03-01T00:00:00.000Z' });
      expectAccepted(inside);
      expect(inside.events[0]).toMatchObject({ data: { recordsFrom: '2024-02-01T00:00:00.000Z', recordsTo: '2024-03-01T00:00:00.000Z' } });
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
      const subpoena = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena' }));
      expectRefusal(subpoena.when(executeWarrant(['name'])), 'LE-WARRANT-REQUIRED');
      expectRefusal(given(openLawEnforcementCase()).when(executeWarrant(['name'], director)), 'LE-WARRANT-REQUIRED');
    },
  },
  'CONSENT-INACTIVE': {
    allows: () => {
      const patron = consentFor('Bo Chen', { expiresAt: '2026-01-01T00:00:00Z' });
      const opened = given({ command: openCase({ kind: 'other', name: 'Bo Chen', ids: ['photo_id'], requestedCategories: ['checkouts', 'holds'] }), context: withPatron(patron) });
      expectAccepted(opened.when(release(['checkouts']), withPatron(patron)));
    },
    refuses: () => {
      const patron = consentFor('Bo Chen', { expiresAt: '2026-01-01T00:00:00Z' });
      const opened = given({ command: openCase({ kind: 'other', name: 'Bo Chen', ids: ['photo_id'], requestedCategories: ['checkouts', 'holds'] }), context: withPatron(patron) });
      const revokedSince = consentFor('Bo Chen', { revokedAt: LATER });
      const expiredSince = consentFor('Bo Chen', { expiresAt: '2025-03-03T10:00:01Z' });
      for (const now of [revokedSince, expiredSince]) {
        const outcome = opened.when(release(['checkouts']), withPatron(now));
        expectRefusal(outcome, 'CONSENT-INACTIVE');
        expect((outcome.error as Error).message).toMatch(/c-1/);
      }
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
  'WELLNESS-IMMEDIATE-ONLY': {
    allows: () => {
      const outcome = given().when(wellnessCheck(['name', 'phone']));
      expectAccepted(outcome);
      expect(outcome.events[0]).toMatchObject({ type: 'WellnessCheckRequested', data: { immediateThreat: true, observed: expect.stringContaining('collapsed') } });
    },
    refuses: () => {
      const { immediateThreat: _threat, observed: _observed, ...bare } = wellnessCheck(['name']);
      for (const command of [bare, { ...bare, immediateThreat: false, observed: 'Seemed upset' }, { ...bare, immediateThreat: true }, { ...bare, immediateThreat: true, observed: '   ' }]) {
        const outcome = given().when(command);
        expectRefusal(outcome, 'WELLNESS-IMMEDIATE-ONLY');
        expect(outcome.events).toEqual([]);
      }
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
    allows: () => expect(retentionGiven(at(LATER, placeHoldOnCase('case-1')), at(LATER, releaseHold()), at(A_YEAR_ON, shredByHand(closedCase()))).events).toHaveLength(3),
    refuses: () => {
      expectThrownRefusal(() => retentionGiven(at(LATER, placeHoldOnCase('case-1')), at(A_YEAR_ON, shredByHand(closedCase()))), 'LEGAL-HOLD');
      // Held through the patron's ILS id, a case opened under their card is kept.
      const underCard = closedCase({ blindIndex: 'c'.repeat(64), patronIdentifiers: ['d'.repeat(64), 'c'.repeat(64)] });
      expectThrownRefusal(() => retentionGiven(at(LATER, placeHoldOnPatron('d'.repeat(64))), at(A_YEAR_ON, shredByHand(underCard))), 'LEGAL-HOLD');
    },
  },
  'LEGAL-PROCESS-HOLD': {
    // A closed family case of a patron with an open subpoena case: kept until that case closes and counsel releases it.
    allows: () => {
      const family = closedCase({ caseId: 'case-family', requesterKind: 'family_or_friend' });
      const subpoena = closedCase({ caseId: 'case-subpoena', requesterKind: 'law_enforcement', hasInstrument: true });
      const released = { type: 'ReleaseCaseRetention', actor: retentionCounsel, case: subpoena, reason: 'Matter closed' } as const;
      expect(retentionGiven(at(LATER, released), at(A_YEAR_ON, shredByHand(family, retentionDirector, [family, subpoena]))).events).toHaveLength(2);
    },
    refuses: () => {
      const family = closedCase({ caseId: 'case-family', requesterKind: 'family_or_friend' });
      const subpoena = closedCase({ caseId: 'case-subpoena', requesterKind: 'law_enforcement', hasInstrument: true, closedAt: null });
      expectThrownRefusal(() => retentionGiven(at(A_YEAR_ON, shredByHand(family, retentionDirector, [family, subpoena]))), 'LEGAL-PROCESS-HOLD');
      // The subpoena names the patron's ILS id, the family case their card: one patron.
      const identifiers = ['d'.repeat(64), 'c'.repeat(64)];
      const underCard = { ...family, blindIndex: 'c'.repeat(64), patronIdentifiers: identifiers };
      const underIlsId = { ...subpoena, blindIndex: 'd'.repeat(64), patronIdentifiers: identifiers };
      expectThrownRefusal(() => retentionGiven(at(A_YEAR_ON, shredByHand(underCard, retentionDirector, [underCard, underIlsId]))), 'LEGAL-PROCESS-HOLD');
    },
  },
  'RETENTION-UNTIL-RELEASED': {
    allows: () => expect(retentionGiven(at(A_YEAR_ON, shredByHand(closedCase({ requesterKind: 'debt_payer' })))).events).toHaveLength(1),
    refuses: () => expectThrownRefusal(() => retentionGiven(at(A_YEAR_ON, shredByHand(closedCase({ hasInstrument: true })))), 'RETENTION-UNTIL-RELEASED'),
  },
  'ERASURE-ID': {
    allows: () => {
      const { events } = retentionGiven(at(LATER, recordErasure()), at(LATER, approveErasure([closedCase()])));
      expect(events.map((event) => event.type)).toEqual(['ErasureRequestRecorded', 'PatronIdentityShredded', 'ErasureRequestAnswered']);
    },
    refuses: () => {
      for (const overrides of [{ requesterKind: 'parent_or_guardian' }, { requesterKind: 'family_or_friend' }, { channel: 'phone' }, { identification: ['card_barcode'] }]) {
        expectThrownRefusal(() => retentionGiven(at(LATER, recordErasure(overrides))), 'ERASURE-ID');
      }
    },
  },
  'CONSENT-PROOF': {
    allows: () => {
      const minor = decidePatron(giveConsent({ minor: true, guardianIdentification: 'photo_id', identification: 'card_with_signature_on_file' }), initialPatronState);
      expect(minor[0]).toMatchObject({ type: 'WrittenConsentGiven', data: { documentSha256: 'cd'.repeat(32), minor: true } });
    },
    refuses: () => {
      for (const overrides of [{ documentSha256: undefined }, { identification: undefined }, { minor: true }]) {
        expectThrownRefusal(() => decidePatron(giveConsent(overrides), initialPatronState), 'CONSENT-PROOF');
      }
      expectThrownRefusal(() => decidePatron(giveConsent({ identification: 'card_with_signature_on_file' }), { ...initialPatronState, cardReportedLost: true }), 'CONSENT-PROOF');
    },
  },
  'RETENTION-NOT-DUE': {
    // A routine case closed on CLOSED_AT is due 90 days on: a purge by hand waits for it.
    allows: () => expect(retentionGiven(at(daysAfter(CLOSED_AT, 90), shredByHand(closedCase()))).events).toHaveLength(1),
    refuses: () => expectThrownRefusal(() => retentionGiven(at(daysAfter(CLOSED_AT, 89), shredByHand(closedCase()))), 'RETENTION-NOT-DUE'),
  },
  'RETENTION-COUNSEL-APPROVAL': {
    allows: () => {
      // Lengthening takes effect at once; shortening a subpoena case's keep takes effect when counsel approves it.
      expect(retentionGiven(at(LATER, setSchedule(scheduleWith({ patron_self_service: { keepDays: 120 } })))).state.schedule.version).toBe(1);
      const approved = retentionGiven(at(LATER, proposeSchedule(scheduleWith({ law_enforcement: { keepDays: 3650 } }))), at(LATER, approveProposal()));
      expect(approved.state.schedule.rules).toContainEqual(expect.objectContaining({ caseKind: 'law_enforcement', keepDays: 3650 }));
    },
    refuses: () => {
      expectThrownRefusal(() => retentionGiven(at(LATER, setSchedule(scheduleWith({ with_instrument: { keepDays: 0 } })))), 'RETENTION-COUNSEL-APPROVAL');
      expectThrownRefusal(() => retentionGiven(at(LATER, setSchedule(scheduleWith({ family_or_friend: { keepDays: 30 } })))), 'RETENTION-COUNSEL-APPROVAL');
    },
  },
  SEALED: {
    allows: () => {
      const sealed = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter', nondisclosureOrder: true }));
      expect(sealed.state.exists && whatMayBeShown(director, sealed.state)).toBe('full');
      expect(sealed.state.exists && whatMayBeShown(auditor, sealed.when(grantNeedToKnow(auditor.userId)).state as ExistingCase)).toBe('pseudonymised');
    },
    refuses: () => {
      const nsl = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter', nondisclosureOrder: true }));
      if (!nsl.state.exists) throw new Error('no case');
      expect(whatMayBeShown(auditor, nsl.state)).toBe('sealed');
      expect(whatMayBeShown(staff, nsl.state)).toBe('sealed');
      // Whatever order sealed it, the reader learns only that the case is sealed: not that an NSL did, nor which court.
      const gagged = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { issuedBy: 'Superior Court, Hartford', nondisclosureOrder: true }));
      if (!gagged.state.exists) throw new Error('no case');
      expect(whatMayBeShown(auditor, gagged.state)).toBe('sealed');
      const refusal = sealedRefusal();
      expect(refusal).toMatchObject({ kind: 'forbidden', rule: 'SEALED', citation: 'Non-disclosure order on record; Disclosure to Law Enforcement; CGS § 11-25' });
      expect(`${refusal.citation} ${refusal.message}`).not.toMatch(/2709|national security|Superior Court/i);
    },
  },
} satisfies Record<RuleId, { allows: () => void; refuses: () => void }>;

const A_YEAR_ON = daysAfter(CLOSED_AT, 366);

function expectThrownRefusal(run: () => unknown, rule: RuleId) {
  let error: unknown;
  try {
    run();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toMatchObject({ kind: 'policy', rule, citation: RULE_PACK[rule].citation });
}

/** A court order for `name` and a subpoena for `checkouts` on one case, advised `comply`. */
function courtOrderAndSubpoenaSteps() {
  return [
    openLawEnforcementCase(['name', 'checkouts']),
    referToDirector(),
    recordInstrument(['name']),
    recordInstrument(['checkouts'], { instrumentId: 'ins-2', instrumentType: 'subpoena' }),
    referToCounsel(),
    adviseCounsel('comply'),
  ];
}

function consentForPolice(categories: PatronStanding['consents'][number]['categories']): PatronStanding {
  return { cardReportedLost: false, consents: [{ consentId: 'c-9', grantee: 'State Police', categories, givenAt: '2025-01-01T00:00:00Z' }] };
}

function subpoenaSteps() {
  return [openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena' }), referToCounsel(), adviseCounsel('comply')];
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
      expect(RULE_PACK[id].citation.length).toBeGreaterThan(5);
      expect(RULE_PACK[id].message.length).toBeGreaterThan(20);
    }
    expect(RULE_PACK['LE-STAFF-NO-RELEASE'].citation).toBe('Disclosure to Law Enforcement, step 1; CGS § 11-25');
  });

  it('cites the statute where the statute decides: written permission, the opening paragraph, FOIA', () => {
    expect(RULE_PACK['WRITTEN-CONSENT'].citation).toMatch(/^CGS § 11-25\(b\)\(2\)\(B\);/);
    expect(RULE_PACK['CONSENT-GRANTEE-ID'].citation).toMatch(/^CGS § 11-25\(b\)\(2\)\(B\);/);
    expect(RULE_PACK['LE-INSTRUMENT-REQUIRED'].citation).toMatch(/^Disclosure to Law Enforcement, opening paragraph/);
    expect(RULE_PACK['FOIA-EXEMPT'].citation).toMatch(/^CGS § 11-25\(b\)\(1\); CGS § 1-210\(a\);/);
    expect(RULE_PACK['VENDOR-AUTH'].citation).toMatch(/^CGS § 11-25\(b\)\(1\);/);
    expect(RULE_PACK['LE-NSL-NOT-APPLICABLE'].message).toContain('"unless the library is providing the services defined in section 2510(15)"');
    expect(RULE_PACK['LE-COUNSEL-FIRST'].citation).toMatch(/^Disclosure to Law Enforcement, second paragraph/);
    // A release the policy allows and the statute has no door for says so, so counsel sees it.
    for (const id of ['DEBT-PAYER', 'MINOR-GUARDIAN', 'FAMILY-CARD'] as const) expect(RULE_PACK[id].citation).toContain('(policy basis alone: no statutory door)');
    expect(RULE_PACK['WRITTEN-CONSENT'].citation).not.toContain('policy basis alone');
    expect(RULE_PACK['LE-NSL-NOT-APPLICABLE'].citation).toMatch(/^18 U\.S\.C\. § 2709\(f\)/);
    expect(RULE_PACK['LE-STATUTE-COURT-ORDER'].citation).toMatch(/CGS § 11-25\(b\)\(2\)/);
  });

  it("says so in the message where a rule is the library's own reading", () => {
    for (const id of ['FAMILY-PURPOSE-REQUIRED', 'CONSENT-GRANTEE-ID', 'REQUEST-OUTSIDE-BASIS', 'LE-ADVICE-AGAINST', 'LE-WARRANT-REQUIRED', 'ROLE-NOT-PERMITTED', 'NEED-TO-KNOW-DIRECTOR', 'ADMIN-NO-CASE-DATA'] as const) {
      expect(isLibraryReading(id)).toBe(true);
      expect(RULE_PACK[id].message).toMatch(/library's own reading/);
    }
    for (const id of ['LE-REFER', 'LE-STATUTE-COURT-ORDER', 'WELLNESS-SCOPE', 'FAMILY-NO-CONTACT'] as const) expect(isLibraryReading(id)).toBe(false);
  });
});

describe.each(RULE_IDS)('rule %s', (id) => {
  it('allows what it should', () => coverage[id].allows());
  it('refuses what it should', () => coverage[id].refuses());
});

describe('a public-records request for the library\u2019s own statistics (API.md third wave)', () => {
  const statistics = { requester: { kind: 'public_records' as const, name: 'Daily News' }, channel: 'email' as const, requestedCategories: ['statistics' as const], purpose: 'How many subpoenas did the library receive in 2025?' };
  const published = { ...defaultContext, publishedTransparencyReports: ['r-2025'] };
  const opened = () => given(openStatisticsRequest());

  it('allows: routed to the director, no patron named, answered by the director with a published transparency report', () => {
    expect(evaluate(statistics)).toEqual({ route: 'refer_to_director', permittedCategories: ['statistics'], rules: [], consentIds: [] });
    const answered = opened().when({ ...release(['statistics'], director), transparencyReportId: 'r-2025' }, published);
    expect(answered.error).toBeUndefined();
    expect(answered.events[0]).toMatchObject({ type: 'RecordsReleased', data: { categories: ['statistics'], transparencyReportId: 'r-2025' } });
    expect(answered.state).toMatchObject({ status: 'closed', outcome: 'released' });
  });

  it('refuses: patron records asked for beside the statistics stay FOIA-EXEMPT; staff do not answer; the answer names a published report', () => {
    const mixed = evaluate({ ...statistics, requestedCategories: ['statistics', 'checkouts'] });
    expect(mixed).toMatchObject({ route: 'deny', permittedCategories: [] });
    expect(fired(mixed)).toEqual(['FOIA-EXEMPT']);
    expect(opened().when({ ...release(['statistics'], staff), transparencyReportId: 'r-2025' }, published).error).toMatchObject({ rule: 'ROLE-NOT-PERMITTED' });
    expect(opened().when(release(['statistics'], director), published).error).toMatchObject({ field: 'transparencyReportId' });
    expect(opened().when({ ...release(['statistics'], director), transparencyReportId: 'r-draft' }, published).error).toMatchObject({ message: 'r-draft is not a published transparency report' });
    expect(given(openCase()).when({ ...release(['checkouts']), transparencyReportId: 'r-2025' }).error).toMatchObject({ field: 'transparencyReportId' });
  });

  it('refuses an answer naming a report a correction superseded, naming the field and the report in force; the correction answers', () => {
    const corrected = { ...defaultContext, publishedTransparencyReports: ['r-2025', 'r-2025b'], supersededTransparencyReports: { 'r-2025': 'r-2025b' } };
    const refused = opened().when({ ...release(['statistics'], director), transparencyReportId: 'r-2025' }, corrected);
    expect(refused.error).toMatchObject({ field: 'transparencyReportId', message: 'r-2025 was superseded by r-2025b: answer with the report that corrects it' });
    expect(refused.events).toEqual([]);
    expect(opened().when({ ...release(['statistics'], director), transparencyReportId: 'r-2025b' }, corrected).error).toBeUndefined();
  });
});

/**
 * The third reading of the rule pack on the director's path: step 3 for instruments that are neither a
 * subpoena nor a court order, an instrument's jurisdiction, and counsel's finding on § 2709(f)'s proviso.
 */
import {
  adviseCounsel,
  confirmEarlierTime,
  decideRelease,
  designee,
  explainPolicy,
  given,
  openCase,
  openLawEnforcementCase,
  recordInstrument,
  referToCounsel,
  referToDirector,
  release,
  withPatron,
} from '../testing/case-fixtures.js';
import type { InstrumentType } from '../vocabulary.js';
import { decideCase } from './case.decider.js';
import { evolveCase, initialCaseState } from './case.state.js';
import type { CaseEvent } from './case.events.js';

const withOnly = (instrumentType: InstrumentType) =>
  given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType }), referToCounsel(), adviseCounsel('decline'));

describe('step 3: explaining the policy', () => {
  it.each(['administrative_request', 'national_security_letter'] as const)(
    'given only a %s, advised on by counsel, when the director explains the policy, then the case closes refused_no_instrument',
    (instrumentType) => {
      const outcome = withOnly(instrumentType).when(explainPolicy());
      expect(outcome.error).toBeUndefined();
      expect(outcome.events.map((event) => event.type)).toEqual(['PolicyExplained', 'CaseClosed']);
      expect(outcome.state).toMatchObject({ status: 'closed', outcome: 'refused_no_instrument' });
    },
  );

  it.each(['subpoena', 'court_order', 'search_warrant', 'other'] as const)('given a %s on record, when the director explains the policy, then 409: it goes to counsel', (instrumentType) => {
    const outcome = withOnly(instrumentType).when(explainPolicy());
    expect(outcome.error).toMatchObject({ kind: 'state' });
    expect(outcome.events).toEqual([]);
  });

  it('given an administrative request not yet advised on, when the director explains the policy, then counsel comes first', () => {
    const outcome = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'administrative_request' })).when(explainPolicy());
    expect(outcome.error).toMatchObject({ kind: 'policy', rule: 'LE-COUNSEL-FIRST' });
  });

  it('given no instrument, when the director explains the policy, then it is allowed at once (as before)', () => {
    expect(given(openLawEnforcementCase(), referToDirector()).when(explainPolicy()).error).toBeUndefined();
  });
});

describe('what the third reading records', () => {
  it("given a federal subpoena, when it is recorded, then the event and the state carry its jurisdiction; a bad one is refused", () => {
    const outcome = given(openLawEnforcementCase(), referToDirector()).when(recordInstrument(['name'], { instrumentType: 'subpoena', jurisdiction: 'federal' }));
    expect(outcome.events[0]).toMatchObject({ type: 'LegalInstrumentRecorded', data: { jurisdiction: 'federal' } });
    expect(outcome.state).toMatchObject({ instruments: [{ type: 'subpoena', jurisdiction: 'federal' }] });
    const bad = given(openLawEnforcementCase(), referToDirector()).when({ ...recordInstrument(['name']), jurisdiction: 'tribal' as never });
    expect(bad.error).toMatchObject({ kind: 'invalid', field: 'jurisdiction' });
  });

  it("given counsel finds the library provides an electronic communication service, then the advice records it, and only when true", () => {
    const atCounsel = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'national_security_letter' }), referToCounsel());
    const provider = atCounsel.when({ ...adviseCounsel('comply'), providesCommunicationService: true });
    expect(provider.events[0]).toMatchObject({ type: 'CounselAdviceRecorded', data: { providesCommunicationService: true } });
    const notProvider = atCounsel.when({ ...adviseCounsel('comply'), providesCommunicationService: false });
    expect(notProvider.events[0].data).not.toHaveProperty('providesCommunicationService');
    expect(atCounsel.when({ ...adviseCounsel('comply'), providesCommunicationService: 'yes' as never }).error).toMatchObject({ kind: 'invalid', field: 'providesCommunicationService' });
  });
});

describe('the Director confirms when a measured act happened', () => {
  const advisedCase = () => given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel(), adviseCounsel('object'));

  it.each([
    ['director_referral', '2025-03-03T11:00:00.000Z'],
    ['counsel_referral', '2025-03-03T11:00:00.000Z'],
    ['counsel_advice', '2025-03-03T11:00:00.000Z'],
  ] as const)('given a case with %s, when the Director confirms its dated time, then the event names the act and that time; the state does not change', (act, confirmedAt) => {
    const outcome = advisedCase().when(confirmEarlierTime(act));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([{ type: 'EarlierTimeConfirmed', data: expect.objectContaining({ act, confirmedAt, by: 'u-director' }) }]);
    expect(outcome.state).toEqual(advisedCase().state);
  });

  it('refuses a designee (who may be the person measured), an act not on the case, and an unknown act', () => {
    expect(advisedCase().when(confirmEarlierTime('director_referral', designee)).error).toMatchObject({ kind: 'forbidden', rule: 'ROLE-NOT-PERMITTED' });
    expect(advisedCase().when(confirmEarlierTime('release_decision')).error).toMatchObject({ kind: 'state' });
    expect(advisedCase().when(confirmEarlierTime('seizure' as never)).error).toMatchObject({ kind: 'invalid', field: 'act' });
    // Once a deny decision is on record, it can be confirmed too.
    const denied = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel(), adviseCounsel('object'), decideRelease('deny'));
    expect(denied.when(confirmEarlierTime('release_decision')).events).toEqual([{ type: 'EarlierTimeConfirmed', data: expect.objectContaining({ act: 'release_decision' }) }]);
  });
});

describe('a release re-weighs a case opened under an earlier reading', () => {
  it("given a town official's request answered at the desk under the second reading, when staff release now, then GOVERNMENT-REFER refuses it", () => {
    const consent = withPatron({ cardReportedLost: false, consents: [{ consentId: 'c-1', grantee: 'Pat Jones', categories: ['checkouts'], givenAt: '2025-01-01T00:00:00Z' }] });
    const [opened] = given({ command: { ...openCase({ kind: 'other', ids: ['photo_id'] }), requester: { kind: 'other', name: 'Pat Jones', agency: 'Town Social Services' } }, context: consent }).history;
    // As the second reading recorded it: answered at the desk on the consent.
    const secondReading = {
      ...opened,
      data: { ...(opened as Extract<CaseEvent, { type: 'DisclosureRequested' }>).data, evaluation: { route: 'staff_may_release', permittedCategories: ['checkouts'], rules: [], consentIds: ['c-1'] } },
    } as CaseEvent;
    const state = evolveCase(initialCaseState, secondReading);
    expect(state).toMatchObject({ route: 'staff_may_release', permittedCategories: ['checkouts'] });
    expect(() => decideCase(release(['checkouts']), state, consent)).toThrow(expect.objectContaining({ kind: 'policy', rule: 'GOVERNMENT-REFER' }));
  });
});

import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Category } from '../vocabulary.js';
import { caseTimelineEntry } from './case-timeline.js';
import { authorisedRelease, evolveCase } from './case.state.js';
import {
  adviseCounsel,
  counsel,
  decideRelease,
  defaultContext,
  designee,
  director,
  executeWarrant,
  explainPolicy,
  given,
  LATER,
  leCaseAdvised,
  NOW,
  openCase,
  openLawEnforcementCase,
  patronInput,
  produce,
  RECEIVED_AT,
  recordInstrument,
  referToCounsel,
  referToDirector,
  refuse,
  release,
  staff,
} from '../testing/case-fixtures.js';

describe('opening a case', () => {
  it('stores the evaluation and only the protected patron fields in DisclosureRequested', () => {
    const { events, state } = given().when(openCase({ requestedCategories: ['holds', 'checkouts'], purpose: 'renewals' }));
    expect(events).toEqual([
      {
        type: 'DisclosureRequested',
        data: {
          caseId: 'case-1',
          occurredAt: RECEIVED_AT,
          by: staff.userId,
          requester: { kind: 'patron', name: 'Ann Lee' },
          channel: 'in_person',
          patron: patronInput,
          requestedCategories: ['checkouts', 'holds'],
          identification: [{ kind: 'library_card' }],
          purpose: 'renewals',
          evaluation: {
            route: 'staff_may_release',
            permittedCategories: ['checkouts', 'holds'],
            rules: [expect.objectContaining({ id: 'PATRON-SELF-IN-PERSON', effect: 'permit' })],
            consentIds: [],
          },
          receivedAt: RECEIVED_AT,
          openedBy: staff.userId,
        },
      },
    ]);
    expect(state).toMatchObject({ exists: true, status: 'open', sealed: false });
  });

  it('refuses a second opening of the same case (CASE-STATE)', () => {
    expect(given(openCase()).when(openCase()).error).toBeInstanceOf(CaseStateConflict);
  });

  it('rejects repeated categories, an empty request and a future occurredAt', () => {
    expect(given().when(openCase({ requestedCategories: ['holds', 'holds'] })).error).toBeInstanceOf(InvalidCommand);
    expect(given().when(openCase({ requestedCategories: [] })).error).toBeInstanceOf(InvalidCommand);
    expect(given().when({ ...openCase(), occurredAt: '2025-03-03T12:00:01Z' }).error).toMatchObject({ field: 'occurredAt' });
  });

  it('refuses a command dated before the case was received', () => {
    expect(given(openCase()).when({ ...release(['checkouts']), occurredAt: '2025-03-03T09:59:59Z' }).error).toBeInstanceOf(
      InvalidCommand,
    );
  });

  it('answers 404 for a command on a case that does not exist', () => {
    expect(given().when(release(['checkouts'])).error).toBeInstanceOf(NotFound);
  });
});

describe('the front desk', () => {
  it('closes a deny-route case only when staff record the refusal', () => {
    const denied = given(openCase({ channel: 'mail' }));
    expect(denied.state).toMatchObject({ status: 'open', route: 'deny' });
    const { events, state } = denied.when(refuse());
    expect(events.map((event) => event.type)).toEqual(['RequestRefused', 'CaseClosed']);
    expect(state).toMatchObject({ status: 'closed', outcome: 'refused', closedAt: LATER, releasedCategories: [] });
  });

  it('releases in part when not every requested category is released', () => {
    const { state } = given(openCase({ requestedCategories: ['checkouts', 'holds'] })).when(release(['holds']));
    expect(state).toMatchObject({ outcome: 'released_in_part', releasedCategories: ['holds'] });
  });

  it('refuses anything on a closed case with CASE-STATE', () => {
    const closed = given(openCase(), release(['checkouts']));
    expect(closed.when(release(['checkouts'])).error).toBeInstanceOf(CaseStateConflict);
    expect(closed.when(refuse()).error).toBeInstanceOf(CaseStateConflict);
    expect(closed.when(referToDirector()).error).toBeInstanceOf(CaseStateConflict);
  });
});

describe('a law-enforcement case, policy steps 1–4', () => {
  it('step 3: without an instrument the director explains the policy and the case closes refused_no_instrument', () => {
    const { events, state } = given(openLawEnforcementCase(), referToDirector()).when(explainPolicy(designee));
    expect(events.map((event) => event.type)).toEqual(['PolicyExplained', 'CaseClosed']);
    expect(state).toMatchObject({ status: 'closed', outcome: 'refused_no_instrument' });
  });

  it('step 3 is over once an instrument is recorded', () => {
    const withInstrument = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']));
    expect(withInstrument.when(explainPolicy()).error).toBeInstanceOf(CaseStateConflict);
  });

  it('step 4: instrument → counsel → advice → decision → production, with the statuses of the contract', () => {
    const statuses: string[] = [];
    const steps = [
      openLawEnforcementCase(['name', 'circulation_history']),
      referToDirector(),
      recordInstrument(['name', 'circulation_history'], { instrumentType: 'court_order', returnDate: '2025-04-01T00:00:00Z' }),
      referToCounsel(),
      adviseCounsel('comply'),
      decideRelease('release'),
      produce(['name', 'circulation_history']),
    ];
    let history = given();
    for (let index = 0; index < steps.length; index += 1) {
      history = given(...steps.slice(0, index + 1));
      statuses.push(history.state.exists ? history.state.status : 'none');
    }
    expect(statuses).toEqual(['open', 'with_director', 'with_director', 'awaiting_counsel', 'awaiting_decision', 'decided', 'closed']);
    expect(history.state).toMatchObject({ outcome: 'released', releasedCategories: ['name', 'circulation_history'] });
    const produced = history.history.find((event) => event.type === 'RecordsProduced');
    expect(produced?.data).toMatchObject({ instrumentIds: ['ins-1'], instrumentTypes: ['court_order'] });
  });

  describe('the outcome a production closes with', () => {
    const underCourtOrder = (requested: Category[], instrumentScope: Category[]) => [
      openLawEnforcementCase(requested),
      referToDirector(),
      recordInstrument(instrumentScope, { instrumentType: 'court_order' }),
      referToCounsel(),
      adviseCounsel('comply'),
    ];

    it('a release the Director decided "in part" closes released in part, even when it covers every category asked for', () => {
      const { events, state } = given(...underCourtOrder(['circulation_history'], ['circulation_history']), decideRelease('release_in_part', ['circulation_history'])).when(
        produce(['circulation_history']),
      );
      expect(events.at(-1)).toMatchObject({ type: 'CaseClosed', data: { outcome: 'released_in_part', releasedCategories: ['circulation_history'] } });
      expect(state).toMatchObject({ status: 'closed', outcome: 'released_in_part' });
    });

    it('a release that leaves out part of what the instrument demands closes released in part; all of it, released', () => {
      const asked = given(...underCourtOrder(['circulation_history'], ['name', 'circulation_history']), decideRelease('release', ['circulation_history']));
      expect(asked.when(produce(['circulation_history'])).state).toMatchObject({ outcome: 'released_in_part' });
      const all = given(...underCourtOrder(['circulation_history'], ['name', 'circulation_history']), decideRelease('release'));
      expect(all.when(produce(['name', 'circulation_history'])).state).toMatchObject({ outcome: 'released' });
    });

    it('a case closed before the outcome weighed the decision is read as released in part, everywhere the fold is read', () => {
      const decided = given(...underCourtOrder(['circulation_history'], ['circulation_history']), decideRelease('release_in_part', ['circulation_history']));
      const { events } = decided.when(produce(['circulation_history']));
      const stored = events.map((event) => (event.type === 'CaseClosed' ? { ...event, data: { ...event.data, outcome: 'released' as const } } : event));
      const state = stored.reduce(evolveCase, decided.state);
      expect(state).toMatchObject({ outcome: 'released_in_part' });
      const closed = stored.find((event) => event.type === 'CaseClosed')!;
      expect(caseTimelineEntry(closed, undefined, state.exists ? state.outcome : undefined).detail).toBe('Released in part');
    });

    it('a court order or search warrant covering what left the library authorised the release; a subpoena never does', () => {
      const { state } = given(
        openLawEnforcementCase(['circulation_history']),
        referToDirector(),
        recordInstrument(['circulation_history'], { instrumentId: 'ins-s', instrumentType: 'subpoena' }),
        recordInstrument(['circulation_history'], { instrumentId: 'ins-c', instrumentType: 'court_order' }),
        recordInstrument(['name'], { instrumentId: 'ins-n', instrumentType: 'court_order' }),
        referToCounsel(),
        adviseCounsel('comply'),
        decideRelease('release', ['circulation_history']),
        produce(['circulation_history']),
      );
      if (!state.exists) throw new Error('no case');
      expect(state.instruments.map((instrument) => [instrument.instrumentId, authorisedRelease(instrument, state)])).toEqual([
        ['ins-s', false],
        ['ins-c', true],
        ['ins-n', false],
      ]);
    });
  });

  it('counsel advice "comply" without scope takes the instrument scope; a decision without categories takes all of it', () => {
    const { events } = leCaseAdvised(['name', 'checkouts']).when(decideRelease('release'));
    expect(events[0]).toMatchObject({ type: 'ReleaseDecided', data: { categories: ['name', 'checkouts'], decidedBy: director.userId } });
  });

  it('a denial closes the case refused, even without an instrument', () => {
    const { state } = given(openLawEnforcementCase(), referToDirector()).when(decideRelease('deny'));
    expect(state).toMatchObject({ status: 'closed', outcome: 'refused' });
  });

  it('a non-disclosure order seals the case', () => {
    const { state } = given(openLawEnforcementCase(), referToDirector()).when(
      recordInstrument(['name'], { nondisclosureOrder: true, instrumentType: 'national_security_letter' }),
    );
    expect(state).toMatchObject({ sealed: true });
  });

  it('a new referral to counsel needs new advice before any decision', () => {
    const reReferred = given(
      ...[openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel(), adviseCounsel('comply')],
      referToCounsel(),
    );
    expect(reReferred.state).toMatchObject({ status: 'awaiting_counsel' });
    expect(reReferred.when(decideRelease('release')).error).toMatchObject({ rule: 'LE-COUNSEL-FIRST' });
  });

  it('advice covers only the instruments on record when it was given', () => {
    const advised = leCaseAdvised(['name']);
    const later = given(
      openLawEnforcementCase(),
      referToDirector(),
      recordInstrument(['name']),
      referToCounsel(),
      adviseCounsel('comply'),
      recordInstrument(['circulation_history'], { instrumentId: 'ins-2' }),
    );
    expect(advised.when(decideRelease('release', ['name'])).error).toBeUndefined();
    expect(later.when(decideRelease('release', ['circulation_history'])).error).toMatchObject({ rule: 'LE-SCOPE' });
  });

  it('refers to counsel only a user who exists and holds the counsel role', () => {
    const referred = given(openLawEnforcementCase(), referToDirector());
    expect(referred.when(referToCounsel(), { ...defaultContext, counsel: null }).error).toBeInstanceOf(NotFound);
    expect(
      referred.when(referToCounsel(director, staff.userId), { ...defaultContext, counsel: { userId: staff.userId, role: 'staff' } }).error,
    ).toBeInstanceOf(InvalidCommand);
  });

  it('production needs a release decision first (CASE-STATE)', () => {
    expect(leCaseAdvised(['name']).when(produce(['name'])).error).toBeInstanceOf(CaseStateConflict);
  });

  it('records seized under a warrant count in the outcome even when the case is later refused', () => {
    const seized = given(
      openLawEnforcementCase(['name', 'circulation_history']),
      referToDirector(),
      recordInstrument(['name'], { instrumentType: 'search_warrant' }),
      executeWarrant(['name']),
      referToCounsel(),
      adviseCounsel('object'),
    );
    const { state } = seized.when(decideRelease('deny'));
    expect(state).toMatchObject({ status: 'closed', outcome: 'released_in_part', releasedCategories: ['name'] });
  });

  it('only the referred counsel advises, and only while the case awaits counsel or a decision', () => {
    const decided = given(...[openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel(), adviseCounsel('comply')], decideRelease('release'));
    expect(decided.when(adviseCounsel('object', undefined, counsel)).error).toBeInstanceOf(CaseStateConflict);
  });
});

describe('who is told by e-mail, queued in the same decision as its cause', () => {
  it('a law-enforcement request referred to the director queues the notice to the director and active designees with it', () => {
    const opened = given(openLawEnforcementCase());
    const { events, state } = opened.when(referToDirector());
    expect(events).toEqual([
      { type: 'ReferredToDirector', data: { caseId: 'case-1', occurredAt: LATER, by: staff.userId } },
      { type: 'NotificationQueued', data: { caseId: 'case-1', occurredAt: LATER, by: staff.userId, kind: 'law_enforcement_referral', audience: 'director_and_designees' } },
    ]);
    // The notice changes nothing in the case: it is the outbox's to send.
    expect(state).toEqual(evolveCase(opened.state, events[0]));
  });

  it('a government agency’s request is a law-enforcement one (GOVERNMENT-REFER): its referral is announced too', () => {
    const { events } = given(openCase({ kind: 'government_agency', name: 'Social Services', ids: ['officer_credentials'] })).when(referToDirector());
    expect(events.map((event) => event.type)).toEqual(['ReferredToDirector', 'NotificationQueued']);
  });

  it('a request of anyone else referred to the director queues no notice', () => {
    const { events } = given(openCase()).when(referToDirector());
    expect(events.map((event) => event.type)).toEqual(['ReferredToDirector']);
  });

  it('a referral to counsel queues the notice to the counsel referred to, naming nothing of the patron', () => {
    const { events } = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'])).when(referToCounsel());
    expect(events).toEqual([
      { type: 'ReferredToCounsel', data: { caseId: 'case-1', occurredAt: LATER, by: director.userId, counselUserId: counsel.userId } },
      { type: 'NotificationQueued', data: { caseId: 'case-1', occurredAt: LATER, by: director.userId, kind: 'counsel_referral', audience: 'counsel', counselUserId: counsel.userId } },
    ]);
    expect(JSON.stringify(events[1])).not.toContain(patronInput.encryptedRef);
  });

  it('a refused referral queues nothing', () => {
    expect(given(openLawEnforcementCase(), referToDirector()).when(referToDirector()).events).toEqual([]);
  });
});

describe('caseTimelineEntry', () => {
  it('labels every event of a case in words a librarian uses', () => {
    const { history } = given(openLawEnforcementCase(), referToDirector(), explainPolicy());
    expect(history.map((event) => caseTimelineEntry(event).label)).toEqual([
      'Disclosure requested',
      'Referred to the Director',
      'E-mail notice queued',
      'Policy explained; no instrument produced',
      'Case closed',
    ]);
    expect(caseTimelineEntry(history[4])).toMatchObject({ at: LATER, by: director.userId, detail: 'Refused: no legal instrument' });
    expect(JSON.stringify(history.map((event) => caseTimelineEntry(event)))).not.toContain(patronInput.encryptedRef);
    expect(NOW > LATER).toBe(true);
  });

  it('says what happened with the vocabulary’s words, never its codes', () => {
    const { history } = given(
      ...[openLawEnforcementCase(), referToDirector(), recordInstrument(['circulation_history'], { instrumentType: 'subpoena' }), referToCounsel(), adviseCounsel('move_to_quash')],
      decideRelease('deny'),
    );
    const details = history.map((event) => caseTimelineEntry(event).detail);
    expect(details).toEqual([
      'Law enforcement, in person, asked for name, borrowing history; policy route: refer to the Director',
      undefined,
      'The Director and active designees are told of the referral by e-mail',
      'Subpoena from Superior Court for borrowing history',
      `Counsel: user ${counsel.userId}`,
      `Counsel (user ${counsel.userId}) is told of the referral by e-mail`,
      'Move to quash; release permitted: nothing',
      'Deny',
      'Refused',
    ]);
    // No code of the vocabulary (snake_case) is left in any line.
    expect(details.join(' ')).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('names people the reader’s directory knows, and only by the id it was given otherwise', () => {
    const { history } = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel());
    const names: Record<string, string> = { [counsel.userId]: 'Cora Counsel' };
    expect(caseTimelineEntry(history[4], (userId) => names[userId]).detail).toBe('Counsel: Cora Counsel');
    expect(caseTimelineEntry(history[4], () => undefined).detail).toBe(`Counsel: user ${counsel.userId}`);
    expect(caseTimelineEntry(history[5], (userId) => names[userId]).detail).toBe('Counsel (Cora Counsel) is told of the referral by e-mail');
  });

  it('says what staff released and produced, in words', () => {
    const released = given(openCase({ requestedCategories: ['holds', 'checkouts'] }), release(['checkouts'])).history;
    expect(caseTimelineEntry(released[0]).detail).toBe('The patron themself, in person, asked for items checked out now, holds; policy route: staff may release');
    expect(caseTimelineEntry(released[1]).detail).toMatch(/^Items checked out now, (in person|by phone|online|by mail|by email)$/);
    const produced = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel(), adviseCounsel('comply'), decideRelease('release', ['name']), produce(['name'])).history;
    expect(caseTimelineEntry(produced.find((event) => event.type === 'RecordsProduced')!).detail).toBe('Name to State Police, by electronic transfer');
  });
});

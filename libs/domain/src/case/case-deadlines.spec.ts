import { caseDeadlinesOf, instrumentDeadlines, objectionFiledAt } from './case-deadlines.js';
import type { CaseEvent } from './case.events.js';
import { evolveCase, type ExistingCase } from './case.state.js';
import {
  adviseCounsel,
  counsel,
  decideRelease,
  director,
  given,
  LATER,
  openCase,
  openLawEnforcementCase,
  recordInstrument,
  referToCounsel,
  referToDirector,
  refuse,
  staff,
} from '../testing/case-fixtures.js';

const SERVED_AT = LATER; // 2025-03-03T11:00Z
const FILED_AT = '2025-03-03T11:30:00.000Z';

const subpoena = (instrumentId: string, returnDate: string) =>
  recordInstrument(['circulation_history'], { instrumentId, instrumentType: 'subpoena', servedAt: SERVED_AT, returnDate });

const objection = (filedAt = FILED_AT) => ({ ...adviseCounsel('object'), filedAt });

function existing(state: ReturnType<typeof given>['state']): ExistingCase {
  if (!state.exists) throw new Error('expected a case');
  return state;
}

describe('instrument deadlines', () => {
  it('gives a subpoena its return date and the earlier of that and 14 days after service to object', () => {
    expect(instrumentDeadlines({ instrumentId: 'i', type: 'subpoena', servedAt: SERVED_AT, returnDate: '2025-04-30T09:00+02:00' })).toEqual([
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'return_date', dueAt: '2025-04-30T07:00:00.000Z' },
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-17T11:00:00.000Z' },
    ]);
    expect(instrumentDeadlines({ instrumentId: 'i', type: 'subpoena', servedAt: SERVED_AT, returnDate: '2025-03-05T09:00:00.000Z' })[1].dueAt).toBe(
      '2025-03-05T09:00:00.000Z',
    );
  });

  it('counts a subpoena’s 14 days to object on the library’s calendar when it was recorded with the zone, across the spring change', () => {
    // Served Friday 27 February 2026 at 10:00 in New York (EST); the 14th day is Friday 13 March, on daylight time by then.
    const served = { instrumentId: 'i', type: 'subpoena' as const, servedAt: '2026-02-27T15:00:00.000Z', returnDate: '2026-04-30T13:00:00.000Z' };
    expect(instrumentDeadlines({ ...served, timeZone: 'America/New_York' })[1].dueAt).toBe('2026-03-14T04:00:00.000Z');
    // Without the zone (instruments recorded before it was kept), 14 days of 24 hours, as they were decided.
    expect(instrumentDeadlines(served)[1].dueAt).toBe('2026-03-13T15:00:00.000Z');
  });

  it('keeps the library’s zone from the decision’s context with the instrument, so every replay counts the same days', () => {
    const { state, when } = given(openLawEnforcementCase(), referToDirector());
    const outcome = when(
      recordInstrument(['circulation_history'], { instrumentId: 'tz', instrumentType: 'subpoena', servedAt: '2025-10-25T14:00:00.000Z' }),
      { timeZone: 'America/New_York' },
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.events[0].data).toMatchObject({ timeZone: 'America/New_York' });
    // Served 25 October (EDT); the 14th day, 8 November, is on standard time: it ends at 05:00 UTC on the 9th.
    expect(caseDeadlinesOf(existing(outcome.state)).find((d) => d.instrumentId === 'tz' && d.kind === 'objection_date')!.dueAt).toBe('2025-11-09T05:00:00.000Z');
    expect(existing(state).instruments).toEqual([]);
  });

  it('gives a court order only its return date, and no date at all without one', () => {
    expect(instrumentDeadlines({ instrumentId: 'i', type: 'court_order', servedAt: SERVED_AT, returnDate: '2025-03-05T09:00:00.000Z' })).toEqual([
      { instrumentId: 'i', instrumentType: 'court_order', kind: 'return_date', dueAt: '2025-03-05T09:00:00.000Z' },
    ]);
    expect(instrumentDeadlines({ instrumentId: 'i', type: 'court_order', servedAt: SERVED_AT })).toEqual([]);
  });
});

describe('the deadlines of a case (caseDeadlinesOf)', () => {
  it('given a subpoena and no objection, then every date runs', () => {
    const { state } = given(openLawEnforcementCase(), referToDirector(), subpoena('ins-1', '2025-03-20T09:00:00.000Z'));
    expect(caseDeadlinesOf(existing(state))).toEqual([
      { instrumentId: 'ins-1', instrumentType: 'subpoena', kind: 'return_date', dueAt: '2025-03-20T09:00:00.000Z', objectionFiledAt: null, clockStopped: false },
      { instrumentId: 'ins-1', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-17T11:00:00.000Z', objectionFiledAt: null, clockStopped: false },
    ]);
  });

  it('given two referrals and one objection on the first, then the objection still stops both clocks after the second referral', () => {
    const { state } = given(
      openLawEnforcementCase(),
      referToDirector(),
      subpoena('ins-1', '2025-03-20T09:00:00.000Z'),
      referToCounsel(),
      objection(),
      referToCounsel(),
      adviseCounsel('comply', ['circulation_history']),
    );
    const folded = existing(state);
    expect(folded.advice).toMatchObject({ advice: 'comply' });
    expect(folded.objectionsFiledAt).toEqual([FILED_AT]);
    expect(caseDeadlinesOf(folded)).toEqual([
      expect.objectContaining({ kind: 'return_date', objectionFiledAt: FILED_AT, clockStopped: true }),
      expect.objectContaining({ kind: 'objection_date', objectionFiledAt: FILED_AT, clockStopped: true }),
    ]);
  });

  it('given an objection filed after one instrument’s dates, then it stops only the dates after it', () => {
    const { state } = given(
      openLawEnforcementCase(),
      referToDirector(),
      subpoena('ins-early', '2025-03-03T11:15:00.000Z'),
      subpoena('ins-late', '2025-03-20T09:00:00.000Z'),
      referToCounsel(),
      objection(),
    );
    expect(caseDeadlinesOf(existing(state)).map(({ instrumentId, kind, clockStopped }) => [instrumentId, kind, clockStopped])).toEqual([
      ['ins-early', 'return_date', false],
      ['ins-early', 'objection_date', false],
      ['ins-late', 'return_date', true],
      ['ins-late', 'objection_date', true],
    ]);
  });

  it('given a filing date on advice that is not an objection (as an older event may hold), then no clock stops', () => {
    const { state } = given(openLawEnforcementCase(), referToDirector(), subpoena('ins-1', '2025-03-20T09:00:00.000Z'), referToCounsel());
    const complyWithDate: CaseEvent = {
      type: 'CounselAdviceRecorded',
      data: { caseId: 'case-1', occurredAt: LATER, by: counsel.userId, counselUserId: counsel.userId, advice: 'comply', filedAt: FILED_AT, permitsCategories: ['circulation_history'] },
    };
    const folded = existing(evolveCase(state, complyWithDate));
    expect(objectionFiledAt(complyWithDate)).toBeUndefined();
    expect(folded.objectionsFiledAt).toEqual([]);
    expect(caseDeadlinesOf(folded).map((deadline) => deadline.clockStopped)).toEqual([false, false]);
  });
});

describe('what the fold keeps of the case’s course', () => {
  it('given a court order, two referrals, an objection, advice and a decision, then the case carries each with when and by whom', () => {
    const { state } = given(
      openLawEnforcementCase(),
      referToDirector(),
      recordInstrument(['circulation_history'], { returnDate: '2025-03-20T09:00:00.000Z', docketNumber: 'CV-25-1' }),
      referToCounsel(),
      objection(),
      { ...referToCounsel(), note: 'Please look again' },
      adviseCounsel('comply', ['circulation_history']),
      decideRelease('release', ['circulation_history']),
    );
    const folded = existing(state);
    expect(folded.instruments).toEqual([
      expect.objectContaining({ instrumentId: 'ins-1', type: 'court_order', docketNumber: 'CV-25-1', servedAt: SERVED_AT, returnDate: '2025-03-20T09:00:00.000Z', recordedAt: LATER, recordedBy: director.userId }),
    ]);
    expect(folded).toMatchObject({
      counselUserId: counsel.userId,
      referredToCounselAt: LATER,
      referredToCounselBy: director.userId,
      referralNote: 'Please look again',
      advice: { advice: 'comply', counselUserId: counsel.userId, permitsCategories: ['circulation_history'], advisedAt: LATER, recordedBy: counsel.userId },
      decision: { decision: 'release', categories: ['circulation_history'], rationale: 'On advice of counsel', decidedBy: director.userId, decidedAt: LATER },
      decidedBy: director.userId,
      objectionsFiledAt: [FILED_AT],
      ruleIds: expect.arrayContaining([expect.any(String)]),
      status: 'decided',
    });
    expect(folded.advice).not.toHaveProperty('filedAt');
  });

  it('given a refusal at the desk, then whoever refused decided the case', () => {
    const { state } = given(openCase(), refuse());
    expect(existing(state).decidedBy).toBe(staff.userId);
    expect(existing(given(openCase()).state).decidedBy).toBeUndefined();
  });

  it('given a referral with a note and then one without, then the note of the current referral is none', () => {
    const { state } = given(
      openLawEnforcementCase(),
      referToDirector(),
      subpoena('ins-1', '2025-03-20T09:00:00.000Z'),
      { ...referToCounsel(), note: 'First look' },
      adviseCounsel('decline'),
      referToCounsel(),
    );
    expect(existing(state)).not.toHaveProperty('referralNote');
    expect(existing(state).advice).toBeUndefined();
  });

  it('given an objection, then the advice carries the filing as counsel gave it', () => {
    const { state } = given(openLawEnforcementCase(), referToDirector(), subpoena('ins-1', '2025-03-20T09:00:00.000Z'), referToCounsel(), objection('2025-03-03T13:30+02:00'));
    expect(existing(state).advice).toMatchObject({ advice: 'object', filedAt: '2025-03-03T13:30+02:00', advisedAt: LATER });
    expect(existing(state).objectionsFiledAt).toEqual([FILED_AT]);
  });
});

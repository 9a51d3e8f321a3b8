import fc from 'fast-check';
import { type CaseForFindings, caseForFindingsOf, caseStateFrom, type FindingFacts, findingsOf, findingsOfFacts, type FindingRule, recordedCaseFrom } from '@ledger/domain';
import { evolveFormerFindingFacts } from '../../testing/former-finding-facts.js';
import { type PlacedHistory, placedCaseHistories, placedCaseHistory, placedCourses } from '../../testing/placed-case-histories.js';
import { patronInput } from '../../testing/case-fixtures.js';

/*
 * Issue 28 item 5: findings are pure functions of the one fold. The views fold each event once, into
 * the recorded case (the decider's state and the place of each act the rules measure); the rules read
 * it. For any history, each event given a random reading, pack and recording delay, the findings are
 * what the former second fold's facts gave (`testing/former-finding-facts.ts`).
 */
type History = Omit<PlacedHistory, 'name'>;

const recorded = (history: History) => recordedCaseFrom(history.events, (revision) => history.places[revision])!;

function formerFindings(history: History, referralSlaMinutes: number, counselSlaHours?: number) {
  const facts = history.events.reduce<FindingFacts | null>((row, event, revision) => evolveFormerFindingFacts(row, { event, revision: BigInt(revision), ...history.places[revision] }), null)!;
  return findingsOfFacts(facts, referralSlaMinutes, counselSlaHours);
}

function sameAsFormer(history: History): void {
  const state = recorded(history);
  expect(findingsOf(state, 60)).toEqual(formerFindings(history, 60));
  expect(findingsOf(state, 30, 1)).toEqual(formerFindings(history, 30, 1));
}

describe('findings of the recorded case', () => {
  it('given random histories with random places, when their findings are read from the recorded case, then they are what the former second fold found', () => {
    fc.assert(fc.property(placedCaseHistory, sameAsFormer), { numRuns: 300 });
  });

  it('and so for the written-out courses (a production New York\u2019s door opened, a release to a friend, a subpoena left unanswered), under each place', () => {
    for (const course of placedCourses()) sameAsFormer(course);
  });

  it('the histories reach the rules about a case\u2019s acts and clocks, under both packs', () => {
    const histories = placedCaseHistories(300);
    const found = new Set<FindingRule>();
    for (const history of histories) {
      const { findings, due } = findingsOf(recorded(history), 60);
      for (const entry of [...findings, ...due]) found.add(entry.rule);
    }
    expect([...found].sort()).toEqual(
      expect.arrayContaining(['COUNSEL-REFERRAL-LATE', 'DEADLINE-MISSED', 'FAMILY-CARD-BASIS', 'FOI-REPLY-LATE', 'LE-REFERRAL-LATE', 'LE-RELEASE-WITHOUT-COURT-ORDER', 'PATRON-NOTICE-DUE', 'SUBPOENA-UNANSWERED', 'WARRANT-NO-COUNSEL-REVIEW', 'WARRANT-STAFF-RECORDED', 'WELLNESS-DISCLOSURE']),
    );
    expect(new Set(histories.map((history) => history.places[0]?.jurisdiction))).toEqual(new Set([undefined, 'us-ct', 'us-ny']));
  });

  it('is the decider\u2019s own state, with the acts the rules measure beside it: one fold, not two', () => {
    fc.assert(
      fc.property(placedCaseHistory, (history) => {
        const { acts: _acts, jurisdiction: _pack, openedWithoutPatron: _nobody, replyTimeZone: _zone, consentsNamed: _consents, ...state } = recorded(history);
        expect(state).toEqual(caseStateFrom(history.events));
      }),
      { numRuns: 100 },
    );
  });

  it('what the cases table keeps of each case (its JSON copy, no patron identity) gives the same findings: the findings rebuild from it alone', () => {
    fc.assert(
      fc.property(placedCaseHistory, (history) => {
        const state = recorded(history);
        const kept = JSON.parse(JSON.stringify(caseForFindingsOf(state))) as CaseForFindings;
        expect(JSON.stringify(kept)).not.toContain(patronInput.encryptedRef);
        expect(findingsOf(kept, 60)).toEqual(findingsOf(state, 60));
      }),
      { numRuns: 100 },
    );
  });
});

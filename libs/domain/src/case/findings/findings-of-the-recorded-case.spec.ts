import { createHash } from 'node:crypto';
import { type CaseForFindings, caseForFindingsOf, caseStateFrom, findingsOf, type FindingRule, recordedCaseFrom } from '@ledger/domain';
import { FORMER_FINDINGS } from '../../testing/former-findings.digests.js';
import { placedCaseHistories } from '../../testing/placed-case-histories.js';
import { patronInput } from '../../testing/case-fixtures.js';

/*
 * Issue 28 item 5: findings are pure functions of the one fold. The views fold each event once, into
 * the recorded case (the decider's state and the place of each act the rules measure); the rules read
 * it. Over generated histories, each event given a random reading, pack and recording delay, the
 * findings are what the former second fold found.
 */
describe('findings of the recorded case', () => {
  const histories = placedCaseHistories(300);
  const recorded = (history: (typeof histories)[number]) => recordedCaseFrom(history.events, (revision) => history.places[revision])!;

  it('given 300 generated histories with random places, when their findings are read from the recorded case, then they are what the former second fold found', () => {
    const digests = Object.fromEntries(
      histories.map((history) => {
        const state = recorded(history);
        const text = JSON.stringify({ sla60: findingsOf(state, 60), sla30: findingsOf(state, 30, 1) });
        return [history.name, createHash('sha256').update(text).digest('hex').slice(0, 16)];
      }),
    );
    expect(digests).toEqual(FORMER_FINDINGS);
  });

  it('the histories reach the rules about a case\u2019s acts and clocks, under both packs', () => {
    const found = new Set<FindingRule>();
    for (const history of histories) {
      const { findings, due } = findingsOf(recorded(history), 60);
      for (const entry of [...findings, ...due]) found.add(entry.rule);
    }
    expect([...found].sort()).toEqual(
      expect.arrayContaining(['COUNSEL-REFERRAL-LATE', 'DEADLINE-MISSED', 'FAMILY-CARD-BASIS', 'FOI-REPLY-LATE', 'LE-REFERRAL-LATE', 'LE-RELEASE-WITHOUT-COURT-ORDER', 'PATRON-NOTICE-DUE', 'WARRANT-NO-COUNSEL-REVIEW', 'WARRANT-STAFF-RECORDED', 'WELLNESS-DISCLOSURE']),
    );
    expect(new Set(histories.map((history) => history.places[0]?.jurisdiction))).toEqual(new Set([undefined, 'us-ct', 'us-ny']));
  });

  it('is the decider\u2019s own state, with the acts the rules measure beside it: one fold, not two', () => {
    for (const history of histories) {
      const { acts: _acts, jurisdiction: _pack, openedWithoutPatron: _nobody, replyTimeZone: _zone, consentsNamed: _consents, ...state } = recorded(history);
      expect(state).toEqual(caseStateFrom(history.events));
    }
  });

  it('what the cases table keeps of each case (its JSON copy, no patron identity) gives the same findings: the findings rebuild from it alone', () => {
    for (const history of histories) {
      const state = recorded(history);
      const kept = JSON.parse(JSON.stringify(caseForFindingsOf(state))) as CaseForFindings;
      expect(JSON.stringify(kept)).not.toContain(patronInput.encryptedRef);
      expect(findingsOf(kept, 60)).toEqual(findingsOf(state, 60));
    }
  });
});

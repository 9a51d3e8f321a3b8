import { describe, expect, it } from '@jest/globals';
import { approveErasure, at, closedCase, daysAfter, CLOSED_AT, placeHoldOnCase, placeHoldOnPatron, recordErasure, retentionCounsel, retentionGiven } from '../testing/retention-fixtures.js';
import { isUnderLegalProcess, LEGAL_PROCESS_HOLD_REASON, legalProcessHolders } from './legal-process-hold.js';
import { keptBecause } from './retention.decider.js';
import { withAttachedPatrons } from './retention-plan.js';
import type { RetentionState } from './retention.state.js';
import type { RetentionCaseFacts } from './retention-schedule.js';

const A_YEAR_ON = daysAfter(CLOSED_AT, 366);
const family = closedCase({ caseId: 'case-family', requesterKind: 'family_or_friend' });
const openSubpoena = closedCase({ caseId: 'case-subpoena', requesterKind: 'law_enforcement', hasInstrument: true, closedAt: null });
const fresh = (): RetentionState => retentionGiven().state;

describe('LEGAL-PROCESS-HOLD: a patron under legal process keeps every case', () => {
  it('given law enforcement, a government agency or an instrument, then the case is under legal process; otherwise not', () => {
    expect(isUnderLegalProcess({ requesterKind: 'law_enforcement', hasInstrument: false })).toBe(true);
    expect(isUnderLegalProcess({ requesterKind: 'government_agency', hasInstrument: false })).toBe(true);
    expect(isUnderLegalProcess({ requesterKind: 'family_or_friend', hasInstrument: true })).toBe(true);
    expect(isUnderLegalProcess({ requesterKind: 'family_or_friend', hasInstrument: false })).toBe(false);
  });

  it('given an open subpoena case of the patron, when a closed family case is weighed, then it is kept without naming the subpoena case', () => {
    expect(legalProcessHolders(family, [family, openSubpoena], fresh())).toEqual(['case-subpoena']);
    const kept = keptBecause(family, fresh(), A_YEAR_ON, 'erasure_request', [family, openSubpoena]);
    expect(kept).toEqual({ rule: 'LEGAL-PROCESS-HOLD', reason: LEGAL_PROCESS_HOLD_REASON });
    expect(kept!.reason).not.toContain('case-subpoena');
  });

  it("given the subpoena case is another patron's, then it holds nothing", () => {
    const elsewhere = { ...openSubpoena, blindIndex: 'c'.repeat(64) };
    expect(keptBecause(family, fresh(), A_YEAR_ON, 'erasure_request', [family, elsewhere])).toBeNull();
  });

  it('given the subpoena case closed, then it still holds until counsel releases it from retention, and not after', () => {
    const closed = { ...openSubpoena, closedAt: CLOSED_AT };
    expect(legalProcessHolders(family, [family, closed], fresh())).toEqual(['case-subpoena']);
    const released = retentionGiven(at(A_YEAR_ON, { type: 'ReleaseCaseRetention', actor: retentionCounsel, case: closed, reason: 'Matter closed' })).state;
    expect(legalProcessHolders(family, [family, closed], released)).toEqual([]);
  });

  it('given a closed law-enforcement case under a schedule that keeps it for days, then its hold ends when it closes', () => {
    const le = closedCase({ caseId: 'case-le', requesterKind: 'law_enforcement' });
    const state = { ...fresh(), schedule: { version: 1, rules: fresh().schedule.rules.map((rule) => (rule.caseKind === 'law_enforcement' ? { ...rule, keepDays: 3650 } : rule)) } };
    expect(legalProcessHolders(family, [family, le], state)).toEqual([]);
    expect(legalProcessHolders(family, [family, { ...le, closedAt: null }], state)).toEqual(['case-le']);
  });

  it('given a legal hold too, then the legal hold is the reason (it names itself)', () => {
    const state = retentionGiven(at(A_YEAR_ON, placeHoldOnCase('case-family'))).state;
    expect(keptBecause(family, state, A_YEAR_ON, 'schedule', [family, openSubpoena])?.rule).toBe('LEGAL-HOLD');
  });

  it('when the Director approves the erasure, then the family case is kept under LEGAL-PROCESS-HOLD and nothing is shredded', () => {
    const { events } = retentionGiven(at(A_YEAR_ON, recordErasure()), at(A_YEAR_ON, approveErasure([family, openSubpoena])));
    expect(events.map((event) => event.type)).toEqual(['ErasureRequestRecorded', 'ErasureRequestAnswered']);
    const answered = events[1];
    if (answered.type !== 'ErasureRequestAnswered') throw new Error('no answer');
    expect(answered.data.outcomes).toEqual([
      { caseId: 'case-family', result: 'kept', rule: 'LEGAL-PROCESS-HOLD', reason: LEGAL_PROCESS_HOLD_REASON },
      { caseId: 'case-subpoena', result: 'kept', rule: 'CASE-OPEN', reason: 'the case is still open' },
    ]);
  });

  describe('a request about a resource or a transaction, with the patrons it names attached', () => {
    const OTHER = 'e'.repeat(64);
    const computerSession = { ...openSubpoena, caseId: 'case-computer', blindIndex: '', pseudonym: '', keyId: 'c-computer', ...withAttachedPatrons([[family.blindIndex], [OTHER]]) };

    it('given the patron attached to an open request about a computer, then the request holds their closed family case', () => {
      expect(legalProcessHolders(family, [family, computerSession], fresh())).toEqual(['case-computer']);
      expect(legalProcessHolders(family, [family, { ...computerSession, ...withAttachedPatrons([[OTHER]]) }], fresh())).toEqual([]);
    });

    it('given a hold on one attached patron, then it covers the request about the resource', () => {
      const state = retentionGiven(at(A_YEAR_ON, placeHoldOnPatron(OTHER))).state;
      expect(keptBecause({ ...computerSession, closedAt: CLOSED_AT }, state, A_YEAR_ON, 'schedule', [])?.rule).toBe('LEGAL-HOLD');
    });

    it("when one attached patron's erasure is approved, then the request that names another patron too is kept (OTHER-PATRONS), and one that names only them is not", () => {
      const released = { ...computerSession, requesterKind: 'family_or_friend' as const, hasInstrument: false, closedAt: CLOSED_AT };
      const answer = (cases: RetentionCaseFacts[]) => retentionGiven(at(A_YEAR_ON, recordErasure()), at(A_YEAR_ON, approveErasure(cases))).events.map((event) => (event.type === 'ErasureRequestAnswered' ? event.data.outcomes : event.type));
      expect(answer([released])).toEqual(['ErasureRequestRecorded', [expect.objectContaining({ caseId: 'case-computer', result: 'kept', rule: 'OTHER-PATRONS' })]]);
      expect(answer([{ ...released, ...withAttachedPatrons([[family.blindIndex]]) }])).toEqual(['ErasureRequestRecorded', 'PatronIdentityShredded', [{ caseId: 'case-computer', result: 'shredded' }]]);
    });
  });

  describe('one patron, many identifiers', () => {
    const CARD = 'c'.repeat(64);
    const ILS_ID = 'd'.repeat(64);
    // The family case was opened under the card, the subpoena names the ILS id: both identifiers are the patron's.
    const familyUnderCard = { ...family, blindIndex: CARD, patronIdentifiers: [ILS_ID, CARD] };
    const subpoenaUnderIlsId = { ...openSubpoena, blindIndex: ILS_ID, patronIdentifiers: [ILS_ID, CARD] };

    it('given a subpoena case under another identifier of the patron, then it holds the case opened under the card', () => {
      expect(legalProcessHolders(familyUnderCard, [familyUnderCard, subpoenaUnderIlsId], fresh())).toEqual(['case-subpoena']);
      const unlinked = { ...familyUnderCard, patronIdentifiers: undefined };
      expect(legalProcessHolders(unlinked, [unlinked, { ...subpoenaUnderIlsId, patronIdentifiers: undefined }], fresh())).toEqual([]);
    });

    it('given a hold placed on the patron through the ILS id, then it covers the case opened under the card', () => {
      const state = retentionGiven(at(A_YEAR_ON, placeHoldOnPatron(ILS_ID))).state;
      expect(keptBecause(familyUnderCard, state, A_YEAR_ON, 'schedule', [familyUnderCard])?.rule).toBe('LEGAL-HOLD');
      expect(keptBecause({ ...familyUnderCard, patronIdentifiers: undefined }, state, A_YEAR_ON, 'schedule', [])).toBeNull();
    });

    it('when the Director approves an erasure recorded under the ILS id, then the case under the card is answered, and a stranger\'s case refused', () => {
      const { events } = retentionGiven(at(A_YEAR_ON, recordErasure({ patron: { blindIndex: ILS_ID, pseudonym: 'P-ils' } })), at(A_YEAR_ON, approveErasure([familyUnderCard])));
      expect(events.map((event) => event.type)).toEqual(['ErasureRequestRecorded', 'PatronIdentityShredded', 'ErasureRequestAnswered']);
      expect(() => retentionGiven(at(A_YEAR_ON, recordErasure({ patron: { blindIndex: ILS_ID, pseudonym: 'P-ils' } })), at(A_YEAR_ON, approveErasure([family])))).toThrow(/not this patron/);
    });

    it('when nothing of the patron is kept, the linked identifiers\' keys are recorded destroyed with the answer; when a case is kept, they stay', () => {
      const erase = (cases: RetentionCaseFacts[]) => {
        const approval = approveErasure(cases);
        const command = { ...approval, identifierKeys: [`l-${CARD}`], fingerprints: { ...approval.fingerprints, [`l-${CARD}`]: 'e'.repeat(32) } };
        const { events } = retentionGiven(at(A_YEAR_ON, recordErasure({ patron: { blindIndex: ILS_ID, pseudonym: 'P-ils' } })), at(A_YEAR_ON, command));
        const answered = events.find((event) => event.type === 'ErasureRequestAnswered');
        return answered?.type === 'ErasureRequestAnswered' ? answered.data.identifierKeysShredded : 'no answer';
      };
      expect(erase([familyUnderCard])).toEqual([{ keyId: `l-${CARD}`, keyFingerprint: 'e'.repeat(32) }]);
      expect(erase([familyUnderCard, subpoenaUnderIlsId])).toBeUndefined();
    });
  });
});

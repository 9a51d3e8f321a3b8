import type { CaseSealFacts, CaseViewer } from '../case/what-may-be-shown.js';
import { erasureAnswerShown, holdIsSealedFor, reasonShown, sealedHoldShown } from './retention-shown.js';
import { erasureStatement } from './retention.decider.js';

const sealed: CaseSealFacts = { sealed: true, needToKnow: ['u-granted'], counselUserId: 'u-counsel' };
const plain: CaseSealFacts = { sealed: false, needToKnow: [] };
const seals: Record<string, CaseSealFacts> = { 'case-sealed': sealed, 'case-plain': plain, 'case-shares-key': plain };
const sealOf = (caseId: string) => seals[caseId];
const auditor: CaseViewer = { userId: 'u-auditor', role: 'auditor', isActiveDesignee: false };
const director: CaseViewer = { userId: 'u-director', role: 'director', isActiveDesignee: false };
const referredCounsel: CaseViewer = { userId: 'u-counsel', role: 'counsel', isActiveDesignee: false };
const at = '2026-03-01T10:00:00.000Z';

describe('erasureAnswerShown: what staff read out and the patron is handed', () => {
  it('given only a sealed case kept, when the answer is shaped, then it names no case and the statement says only that some records are kept', () => {
    const shown = erasureAnswerShown({ occurredAt: at, outcomes: [{ caseId: 'case-sealed', result: 'kept', rule: 'RETENTION-UNTIL-RELEASED', reason: 'law enforcement, kept until released' }] }, sealOf, []);
    expect(shown).toEqual({ occurredAt: at, outcomes: [], someRecordsKept: true, unnamed: true });
    const statement = erasureStatement(shown);
    expect(statement).toContain('The Library must keep your identity in some records for now.');
    expect(statement).not.toMatch(/case-sealed|RETENTION|law enforcement|holds no record/);
  });

  it('given a sealed case and a plain one, when a reason would name the sealed case or a hold over it, then the plain outcome stays and loses that reason', () => {
    const shown = erasureAnswerShown(
      {
        occurredAt: at,
        outcomes: [
          { caseId: 'case-sealed', result: 'kept', rule: 'LEGAL-HOLD', reason: 'a legal hold covers it: hold-9 (matter GJ-1)' },
          { caseId: 'case-shares-key', result: 'kept', rule: 'SHARED-KEY', reason: 'its identity is under one key with case case-sealed, which is kept: …' },
          { caseId: 'case-plain', result: 'kept', rule: 'LEGAL-HOLD', reason: 'a legal hold covers it: hold-9 (matter GJ-1)' },
        ],
      },
      sealOf,
      ['hold-9'],
    );
    expect(shown.outcomes).toEqual([
      { caseId: 'case-shares-key', result: 'kept', rule: 'SHARED-KEY', reason: 'must be kept for now' },
      { caseId: 'case-plain', result: 'kept', rule: 'LEGAL-HOLD', reason: 'must be kept for now' },
    ]);
    expect(erasureStatement(shown)).toContain('in some records for now:');
    expect(erasureStatement(shown)).not.toMatch(/GJ-1|hold-9|case-sealed|2 records/);
  });

  it('given no sealed case, when the answer is shaped, then it is the decider\'s answer unchanged, counted as before', () => {
    const outcomes = [{ caseId: 'case-plain', result: 'kept' as const, rule: 'CASE-OPEN', reason: 'the case is still open' }];
    const shown = erasureAnswerShown({ occurredAt: at, outcomes }, sealOf, []);
    expect(shown.outcomes).toEqual(outcomes);
    expect(erasureStatement(shown)).toContain('keep your identity in 1 record for now');
  });

  it('given a sealed case shredded in silence, when nothing else is about the patron, then the statement does not claim the ledger holds nothing', () => {
    const shown = erasureAnswerShown({ occurredAt: at, outcomes: [{ caseId: 'case-sealed', result: 'shredded' }] }, sealOf, []);
    expect(erasureStatement(shown)).not.toMatch(/holds no record|destroyed/);
  });
});

describe('holds over sealed cases', () => {
  it('given a hold covering a sealed case, when a reader not named in it lists holds, then the hold is sealed for them and shows only its id, case and status', () => {
    expect(holdIsSealedFor(auditor, [plain, sealed])).toBe(true);
    expect(holdIsSealedFor(director, [plain, sealed])).toBe(false);
    expect(holdIsSealedFor(referredCounsel, [sealed])).toBe(false);
    expect(holdIsSealedFor({ ...auditor, userId: 'u-granted' }, [sealed])).toBe(false);
    expect(holdIsSealedFor(auditor, [plain, undefined])).toBe(false);
    const hold = { holdId: 'hold-1', caseId: 'case-sealed', reason: 'GJ subpoena', matter: 'GJ-1', placedAt: at, placedBy: 'u-counsel', status: 'in_force' };
    expect(sealedHoldShown(hold)).toEqual({ holdId: 'hold-1', caseId: 'case-sealed', status: 'in_force', sealed: true });
  });

  it('given a reason naming nothing unnamed, when shown, then it is kept word for word', () => {
    expect(reasonShown('due on 2027-01-01: 365 days after closing', ['case-sealed'])).toBe('due on 2027-01-01: 365 days after closing');
  });
});

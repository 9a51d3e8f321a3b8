import fc from 'fast-check';
import { caseDeadlinesOf, caseStateFrom, type CaseEvent, type LegalInstrumentRecorded } from '@ledger/domain';
import { buildCaseFile } from '@ledger/exports';
import { caseHistory } from '../../../../../libs/domain/src/testing/case-history.arbitrary.js';
import { recordedCase } from '../../../../../libs/exports/src/testing/recorded-case.js';
import { buildCaseView, type RecordedCaseEvent } from './case-view.js';

/*
 * Issue 14 point 1, read side: the case view (`GET /v1/cases/:caseId`) and the case file (the export)
 * answer status, outcome, instruments, the current advice and decision, and deadlines as the domain's
 * one fold says — for random valid histories made by the real deciders.
 */

const CASE_ID = 'case-1';

/** The instruments as their events recorded them: what a reader must see, whatever the fold keeps. */
function instrumentsRecordedIn(history: readonly CaseEvent[]): Omit<LegalInstrumentRecorded['data'], 'caseId'>[] {
  return history
    .filter((event): event is LegalInstrumentRecorded => event.type === 'LegalInstrumentRecorded')
    .map(({ data: { caseId: _caseId, ...recorded } }) => recorded);
}

function caseViewOf(history: readonly CaseEvent[]) {
  const state = caseStateFrom(history);
  if (!state.exists) throw new Error('no case');
  const recorded: RecordedCaseEvent[] = history.map((event, i) => ({ event, revision: BigInt(i), metadata: { recordedAt: '2025-03-03T12:00:00.000Z' } }));
  return buildCaseView(state, recorded, 'full', () => 'CARD-1');
}

describe('the case view and the case file agree with the one fold (caseStateFrom)', () => {
  it('on status, outcome, instruments, advice, decision and deadlines, for random valid histories', () => {
    fc.assert(
      fc.property(caseHistory(), (history) => {
        const folded = caseStateFrom(history);
        if (!folded.exists) return;
        const view = caseViewOf(history);
        const file = buildCaseFile({ caseId: CASE_ID, events: recordedCase(CASE_ID, history), generatedAt: '2025-03-04T09:00:00.000Z', preparedFor: 'Counsel One (counsel)' });

        expect({ status: view.status, outcome: view.outcome, closedAt: view.closedAt }).toEqual({
          status: folded.status,
          outcome: folded.outcome ?? null,
          closedAt: folded.closedAt ?? null,
        });
        expect({ status: file.summary.status, outcome: file.summary.outcome }).toEqual({ status: folded.status, outcome: folded.outcome ?? null });

        expect(view.instruments.map((instrument) => (instrument as { instrumentId: string }).instrumentId)).toEqual(folded.instruments.map((i) => i.instrumentId));
        expect(view.instruments).toEqual(instrumentsRecordedIn(history));
        expect(file.instruments).toEqual(
          instrumentsRecordedIn(history).map((recorded) => ({ caseId: CASE_ID, ...recorded, recordedAt: '2025-03-03T12:00:00.000Z' })),
        );

        expect(view.deadlines).toEqual(caseDeadlinesOf(folded));
        expect(file.deadlines).toEqual(caseDeadlinesOf(folded));

        expect(view.counselUserId).toBe(folded.counselUserId ?? null);
        expect(view.advice === null ? null : (view.advice as { advice: string }).advice).toBe(folded.advice?.advice ?? null);
        expect(view.decision === null ? null : (view.decision as { decision: string }).decision).toBe(folded.decision?.decision ?? null);
      }),
      { numRuns: 150 },
    );
  });
});

import type { CaseEvent } from '@ledger/domain';
import {
  adviseCounsel,
  decideRelease,
  given,
  openLawEnforcementCase,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
} from '../../../domain/src/testing/case-fixtures.js';

/** A law-enforcement case on a court order, through counsel's advice and the director's release, to the records produced. */
export function producedCaseHistory(period: { recordsFrom?: string; recordsTo?: string } = {}): CaseEvent[] {
  return given(
    openLawEnforcementCase(['circulation_history']),
    referToDirector(),
    recordInstrument(['circulation_history'], { returnDate: '2025-03-20T17:00:00.000Z', docketNumber: 'CV-25-0042' }),
    referToCounsel(),
    adviseCounsel('comply'),
    decideRelease('release'),
    { ...produce(['circulation_history']), ...period },
  ).history;
}

import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import { type CaseFold, foldCaseEvents } from '../cases/case-fold.js';
import { caseHistories } from './case-histories.js';

/** The case views as the app makes them, with a 60-minute referral SLA. */
export const caseViews = createCaseViewsProjection({ referralSlaMinutes: 60 });

/** A case of `caseHistories()` folded as the views fold it. */
export function foldOf(caseId: string): CaseFold {
  const fold = foldCaseEvents(caseHistories()[caseId]);
  if (fold === null) throw new Error(`no case ${caseId}`);
  return fold;
}

import { CASE_EVENT_TYPES, DEFAULT_JURISDICTION } from '@ledger/domain';
import type { Projection } from '../runner/projection.js';
import { caseProjection } from '../support/case-projection.js';
import { evolveCaseFold, type CaseFold } from './case-fold.js';
import type { CaseView } from './case-view.js';
import { casesTableView } from './cases-table.js';
import { disclosureRegisterView } from '../register/disclosure-register.projection.js';
import { directorBoardView } from '../director/director-board.projection.js';
import { myCasesView } from '../desk/my-cases.projection.js';
import { counselQueueView } from '../counsel/counsel-queue.projection.js';
import { deadlinesView } from '../deadlines/deadlines.projection.js';
import { createFindingsView, materialiseDueFindings } from '../findings/findings.projection.js';
import { BREACH_NOTICE_FINDINGS_VERSION, withBreachNotices } from '../findings/breach-notice-findings.js';
import { PURGE_APPROVAL_FINDINGS_VERSION, withPurgeApprovals } from '../findings/purge-approval-findings.js';
import { retentionCasesView } from '../retention/retention.projection.js';

/**
 * Tables earlier versions of the case views made: dropped with the views, so that a views.db made by
 * an older release does not keep them once its views are rebuilt.
 */
const FORMER_TABLES = ['deadline_cases', 'finding_facts', 'disclosure_register', 'director_board', 'retention_cases'];

/** Bump when `CaseFold` or `evolveCaseFold` change: the stored folds are then rebuilt with every case view. */
const FOLD_VERSION = 1;

export interface CaseViewsOptions {
  readonly referralSlaMinutes: number;
  readonly breachNoticeDays?: number;
  readonly counselSlaHours?: number;
}

/**
 * Every view of cases — the auditor's register, the director's board, counsel's queue, the deadlines,
 * the findings and the cases' retention facts — from one fold per case (`CaseFold`), which is never stored: a case's fold lives in
 * memory while the case is busy and is folded again from its stream when it comes back. Each event is
 * folded once; each view maps the folded case to its rows (columns, no JSON copy of the fold). The findings clock (`advanceClock`) and
 * the breach-notice findings, which share the findings' tables, come with them.
 */
export function createCaseViewsProjection(options: CaseViewsOptions): Projection {
  const noticeDays = options.breachNoticeDays ?? DEFAULT_JURISDICTION.breachNotice.days;
  // The cases table first: the views after it index it.
  const views: readonly CaseView[] = [
    casesTableView,
    disclosureRegisterView,
    directorBoardView,
    myCasesView,
    counselQueueView,
    deadlinesView,
    retentionCasesView,
    createFindingsView({ referralSlaMinutes: options.referralSlaMinutes, ...(options.counselSlaHours !== undefined && { counselSlaHours: options.counselSlaHours }) }),
  ];
  const folds = caseProjection<CaseFold>({
    name: 'case-views',
    version: versionOf([`fold@${FOLD_VERSION}`, `breach-notice-days@${noticeDays}`, `breach-notices@${BREACH_NOTICE_FINDINGS_VERSION}`, `purge-approvals@${PURGE_APPROVAL_FINDINGS_VERSION}`, ...views.map((view) => `${view.name}@${view.version}`)]),
    handles: CASE_EVENT_TYPES,
    tables: [...views.flatMap((view) => view.tables), ...FORMER_TABLES],
    ddl: views.map((view) => view.ddl).join(';\n'),
    indexesInOpeningOrder: views.flatMap((view) => view.indexesInOpeningOrder ?? []),
    evolve: evolveCaseFold,
    write(db, fold, replacing) {
      for (const view of views) view.write?.(db, fold, replacing);
    },
  });
  const rebuildInWorker = { script: new URL('./case-views-rebuild.worker.js', import.meta.url), workerData: { ...options } satisfies CaseViewsOptions, foldedTypes: CASE_EVENT_TYPES };
  return { ...withPurgeApprovals(withBreachNotices({ ...folds, advanceClock: materialiseDueFindings }, noticeDays)), rebuildInWorker };
}

/** A view version from the versions of its parts (FNV-1a, 32 bits): any part changing rebuilds the views. */
function versionOf(parts: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\n')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

import { CASE_EVENT_TYPES, DEFAULT_JURISDICTION } from '@ledger/domain';
import type Database from 'better-sqlite3';
import type { Projection } from '../runner/projection.js';
import { caseProjection, forgetStatements, statement } from '../support/case-projection.js';
import { indexNameOf, splitDdl } from '../support/ddl.js';
import { evolveCaseFold, type CaseFold } from './case-fold.js';
import type { CaseView } from './case-view.js';
import { casesTableView } from './cases-table.js';
import { disclosureRegisterView } from '../register/disclosure-register.projection.js';
import { directorBoardView } from '../director/director-board.projection.js';
import { caseSearchView } from '../search/case-search.projection.js';
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

/** Bump when `CaseFold` or `evolveCaseFold` change: every case view is then rebuilt by a replay of the ledger. */
const FOLD_VERSION = 1;

export interface CaseViewsOptions {
  readonly referralSlaMinutes: number;
  readonly breachNoticeDays?: number;
  /** The library's zone (`LEDGER_TIMEZONE`): breach-notice days end at its midnight; absent, they are 24-hour days. */
  readonly timeZone?: string;
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
  const findings = createFindingsView({ referralSlaMinutes: options.referralSlaMinutes, ...(options.counselSlaHours !== undefined && { counselSlaHours: options.counselSlaHours }) });
  // The cases table first: the views after it index it.
  const ownVersioned: readonly CaseView[] = [...OWN_VERSIONED_VIEWS, findings];
  const views: readonly CaseView[] = [casesTableView, ...ownVersioned];
  const folds = caseProjection<CaseFold>({
    name: 'case-views',
    // What every view reads (the fold, the cases table) and the breach-notice and purge-approval findings, which
    // fold other streams: a change to one of these replays the ledger. The others (the findings too) version on their own.
    version: versionOf([`fold@${FOLD_VERSION}`, `breach-notice-days@${noticeDays}`, `breach-notice-zone@${options.timeZone ?? 'none'}`, `breach-notices@${BREACH_NOTICE_FINDINGS_VERSION}`, `purge-approvals@${PURGE_APPROVAL_FINDINGS_VERSION}`, `${casesTableView.name}@${casesTableView.version}`]),
    handles: CASE_EVENT_TYPES,
    tables: [...views.flatMap((view) => view.tables), CASE_VIEW_VERSIONS, ...FORMER_TABLES],
    ddl: [...views.map((view) => view.ddl), CASE_VIEW_VERSIONS_DDL].join(';\n'),
    indexesInOpeningOrder: views.flatMap((view) => view.indexesInOpeningOrder ?? []),
    evolve: evolveCaseFold,
    write(db, fold, replacing) {
      for (const view of views) view.write?.(db, fold, replacing);
    },
    refresh: async (db, foldOf) => void (await refreshStaleViews(db, foldOf, ownVersioned)),
  });
  const versioned: Projection = {
    ...folds,
    setup(db, setupOptions) {
      folds.setup(db, setupOptions);
      // A rebuild replays every view, and views over no case yet have nothing to rebuild: each is as its code makes it.
      // Otherwise a view with no version row (one added since) is stale and rebuilt on its own.
      if (setupOptions?.rebuilding || db.prepare('SELECT 1 FROM cases LIMIT 1').get() === undefined) for (const view of ownVersioned) recordVersion(db, view);
    },
  };
  const rebuildInWorker = { script: new URL('./case-views-rebuild.worker.js', import.meta.url), workerData: { ...options } satisfies CaseViewsOptions, foldedTypes: CASE_EVENT_TYPES };
  return { ...withPurgeApprovals(withBreachNotices({ ...versioned, advanceClock: materialiseDueFindings }, { days: noticeDays, ...(options.timeZone !== undefined && { timeZone: options.timeZone }) })), rebuildInWorker };
}

/**
 * The case views that version on their own: a bump of one rebuilds only its tables and indexes (and, for
 * a view whose columns are in the cases table, those columns), from the cases table and each case's fold,
 * when the runner next catches up (`refreshStaleViews`). Their versions are rows of `case_view_versions`.
 * The findings (made with the server's SLAs) version on their own too, rebuilt from the cases table alone.
 */
const OWN_VERSIONED_VIEWS: readonly CaseView[] = [disclosureRegisterView, directorBoardView, myCasesView, caseSearchView, counselQueueView, deadlinesView, retentionCasesView];

const CASE_VIEW_VERSIONS = 'case_view_versions';
const CASE_VIEW_VERSIONS_DDL = `CREATE TABLE IF NOT EXISTS ${CASE_VIEW_VERSIONS} (name TEXT PRIMARY KEY, version INTEGER NOT NULL)`;

function recordVersion(db: Database.Database, view: CaseView): void {
  statement(db, `INSERT OR REPLACE INTO ${CASE_VIEW_VERSIONS} (name, version) VALUES (?, ?)`).run(view.name, view.version);
}

/**
 * Rebuilds the case views whose stored version is not their code's: drops their tables and indexes,
 * makes them again, and writes every case's rows (in the cases table's opening order) from the case's
 * fold up to the checkpoint. A view without tables of its own (indexes over the cases table) only has
 * its indexes made again; a view the cases table alone gives (`rebuildFromCasesTable`) is rewritten from
 * it, after the folds, with no event read. The other views' tables are not touched.
 */
export async function refreshStaleViews(db: Database.Database, foldOf: (caseId: string) => Promise<CaseFold | null>, views: readonly CaseView[] = OWN_VERSIONED_VIEWS): Promise<readonly string[]> {
  const stored = new Map((db.prepare(`SELECT name, version FROM ${CASE_VIEW_VERSIONS}`).all() as { name: string; version: number }[]).map((row) => [row.name, row.version]));
  const stale = views.filter((view) => stored.get(view.name) !== view.version);
  if (stale.length === 0) return [];
  const folded = stale.filter((view) => view.rebuildFromCasesTable === undefined);
  for (const view of folded) {
    const { indexes } = splitDdl(view.ddl);
    db.exec([...indexes.map((index) => `DROP INDEX IF EXISTS ${indexNameOf(index)};`), ...view.tables.map((table) => `DROP TABLE IF EXISTS ${table};`)].join('\n'));
  }
  forgetStatements(db);
  for (const view of folded) db.exec(view.ddl);
  const writers = folded.filter((view) => view.write !== undefined);
  const casesColumns = folded.some((view) => view.columnsInCasesTable === true);
  if (writers.length > 0 || casesColumns) {
    const caseIds = db.prepare('SELECT case_id FROM cases ORDER BY opened_at, case_id').pluck().all() as string[];
    for (const caseId of caseIds) {
      const fold = await foldOf(caseId);
      if (fold === null) continue;
      if (casesColumns) casesTableView.write!(db, fold, true);
      for (const view of writers) view.write!(db, fold, false);
    }
  }
  for (const view of stale) view.rebuildFromCasesTable?.(db);
  for (const view of stale) recordVersion(db, view);
  return stale.map((view) => view.name);
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

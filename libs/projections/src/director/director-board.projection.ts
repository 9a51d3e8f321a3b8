import type Database from 'better-sqlite3';
import type { CaseStatus, RequesterKind } from '@ledger/domain';
import { CASE_STATUSES, caseDeadlinesOf, type ExistingCase, isLawEnforcementCase, OPEN_CASE_STATUSES } from '@ledger/domain';
import { earliest } from '../support/case-projection.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import type { CaseFold, WellnessCheckFacts } from '../cases/case-fold.js';
import type { CaseView } from '../cases/case-view.js';

export type { WellnessCheckFacts } from '../cases/case-fold.js';

/** The board's own columns of a case (in the cases table): what it waits for, and a wellness check's call. */
export interface DirectorBoardColumns {
  readonly nextAction: string | null;
  readonly nextDeadline: string | null;
  /** A wellness check: when staff made it, who recorded it, whom they called and what they told. */
  readonly wellness?: WellnessCheckFacts;
}

/** What the case waits for, in the words of the director's desk. */
export function nextActionOf(row: Pick<ExistingCase, 'requesterKind' | 'ruleIds' | 'kind' | 'status' | 'route' | 'instruments'>): string | null {
  // A government agency's request the evaluation sent to the Director goes the law-enforcement way (GOVERNMENT-REFER).
  const lawEnforcement = isLawEnforcementCase(row) && row.kind === 'disclosure_request';
  switch (row.status) {
    case 'closed':
      return null;
    case 'open':
      if (row.kind === 'wellness_check') return 'Record the wellness disclosure';
      if (lawEnforcement || row.route === 'refer_to_director') return 'Refer to the director';
      return row.route === 'deny' ? 'Refuse the request' : 'Release or refuse at the desk';
    case 'with_director':
      if (!lawEnforcement) return 'Release or refuse the request';
      return row.instruments.length === 0 ? 'Explain the policy or record the instrument' : 'Refer to counsel';
    case 'awaiting_counsel':
      return "Record counsel's advice";
    case 'awaiting_decision':
      return 'Decide whether to release';
    case 'decided':
      return 'Record the production';
    default:
      return null;
  }
}

/**
 * The earliest date still running: a date whose clock an objection or motion to quash stopped is not
 * what the director must act on next (the deadlines view shows it as "objection filed").
 */
function nextDeadlineOf(state: ExistingCase): string | null {
  if (state.status === 'closed') return null;
  return earliest(caseDeadlinesOf(state).flatMap((deadline) => (deadline.clockStopped ? [] : [deadline.dueAt])));
}

/** Pure: the board's columns of a case, mapped from the one fold. */
export function directorBoardColumnsOf({ case: state, course }: CaseFold): DirectorBoardColumns {
  return { nextAction: nextActionOf(state), nextDeadline: nextDeadlineOf(state), ...(course.wellness && { wellness: course.wellness }) };
}

/**
 * The director's board: its columns (what each case waits for and its next deadline) are in the cases
 * table (`casesTableView`, mapped by `directorBoardColumnsOf`); the board keeps its indexes over it. The
 * index by case kind ends with the status, so that a walk of one kind in opening order (e.g. the open
 * wellness checks) reads each case's status from the index instead of from its row.
 */
export const directorBoardView: CaseView = {
  name: 'director-board',
  version: 5,
  tables: [],
  indexesInOpeningOrder: ['director_board_by_status', 'director_board_by_kind', 'director_board_by_case_kind'],
  ddl: `CREATE INDEX IF NOT EXISTS director_board_by_status ON cases (status, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS director_board_by_kind ON cases (requester_kind, status, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS director_board_by_case_kind ON cases (kind, opened_at, case_id, status);`,
};

export type BoardStatusFilter = 'open' | 'closed' | 'all' | CaseStatus;

export interface DirectorBoardFilter {
  readonly status: BoardStatusFilter;
  readonly kind?: RequesterKind;
  /** Only disclosure requests, or only wellness checks (`status: 'all'` with it lists every wellness check). */
  readonly caseKind?: ExistingCase['kind'];
  readonly limit: number;
  readonly cursor?: string;
}

export interface DirectorBoardItem {
  readonly caseId: string;
  readonly kind: ExistingCase['kind'];
  readonly requesterKind: RequesterKind;
  readonly status: CaseStatus;
  readonly nextAction: string | null;
  readonly nextDeadline: string | null;
  readonly openedAt: string;
  readonly sealed: boolean;
  readonly wellness?: WellnessCheckFacts;
}

/** Newest first, paged by an opaque cursor over (openedAt, caseId). */
export function queryDirectorBoard(db: Database.Database, filter: DirectorBoardFilter): Page<DirectorBoardItem> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.status === 'open') (where.push(`status IN (${OPEN_CASE_STATUSES.map(() => '?').join(', ')})`), params.push(...OPEN_CASE_STATUSES));
  else if (filter.status !== 'all') (where.push('status = ?'), params.push(filter.status));
  if (filter.kind) (where.push('requester_kind = ?'), params.push(filter.kind));
  if (filter.caseKind) (where.push('kind = ?'), params.push(filter.caseKind));
  if (filter.cursor) {
    const [openedAt, caseId] = decodeCursor(filter.cursor, 2);
    where.push('(opened_at < ? OR (opened_at = ? AND case_id < ?))');
    params.push(openedAt!, openedAt!, caseId!);
  }
  // A requester kind with a status goes through the board's index on both: with the register's index by
  // requester kind on the same table, SQLite would rather walk every case of that kind in opening order
  // than take the few still open. Every other filter is left to the planner, over the board's own indexes.
  const index = filter.kind && filter.status !== 'all' ? 'INDEXED BY director_board_by_kind' : '';
  const rows = db
    .prepare(
      `SELECT case_id, kind, requester_kind, status, next_action, next_deadline, opened_at, sealed, wellness FROM cases ${index}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, case_id DESC LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map(
    (row): DirectorBoardItem => ({
      caseId: row.case_id as string,
      kind: row.kind as ExistingCase['kind'],
      requesterKind: row.requester_kind as RequesterKind,
      status: row.status as CaseStatus,
      nextAction: row.next_action as string | null,
      nextDeadline: row.next_deadline as string | null,
      openedAt: row.opened_at as string,
      sealed: row.sealed === 1,
      ...(row.wellness !== null && { wellness: JSON.parse(row.wellness as string) as WellnessCheckFacts }),
    }),
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.openedAt, last.caseId]) : null };
}

export const isBoardStatusFilter = (value: string): value is BoardStatusFilter =>
  value === 'open' || value === 'all' || (CASE_STATUSES as readonly string[]).includes(value);

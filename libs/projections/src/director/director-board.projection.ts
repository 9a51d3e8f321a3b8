import type Database from 'better-sqlite3';
import type { CaseStatus, RequesterKind } from '@ledger/domain';
import { CASE_STATUSES, caseDeadlinesOf, type ExistingCase, isLawEnforcementCase, isStatisticsRequest, OPEN_CASE_STATUSES, publicRecordsReplyDeadlineOf } from '@ledger/domain';
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
  /** The agency that asked (police department, government office), in clear; a requester's own name is protected. */
  readonly requesterAgency: string | null;
}

/** What the case waits for, in the words of the director's desk. */
export function nextActionOf(row: Pick<ExistingCase, 'requesterKind' | 'requestedCategories' | 'ruleIds' | 'kind' | 'status' | 'route' | 'instruments'>): string | null {
  // A government agency's request the evaluation sent to the Director goes the law-enforcement way (GOVERNMENT-REFER).
  const lawEnforcement = isLawEnforcementCase(row) && row.kind === 'disclosure_request';
  // The director answers it from a transparency report, at whatever stage (the public-records law's clock, in the jurisdiction pack, runs from receipt).
  if (row.status !== 'closed' && isStatisticsRequest(row)) return 'Reply to the public-records request';
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
 * what the director must act on next (the deadlines view shows it as "objection filed"); a
 * public-records request for statistics runs its reply clock until it is answered.
 */
function nextDeadlineOf({ case: state }: CaseFold): string | null {
  if (state.status === 'closed') return null;
  return earliest([...caseDeadlinesOf(state).flatMap((deadline) => (deadline.clockStopped ? [] : [deadline.dueAt])), publicRecordsReplyDeadlineOf(state)]);
}

/** Pure: the board's columns of a case, mapped from the one fold. */
export function directorBoardColumnsOf(fold: CaseFold): DirectorBoardColumns {
  const { case: state, course } = fold;
  return {
    nextAction: nextActionOf(state),
    nextDeadline: nextDeadlineOf(fold),
    ...(course.wellness && { wellness: course.wellness }),
    requesterAgency: requesterAgencyOf(state),
  };
}

/** The agency a case's requester spoke for: the second of the requester's names (the first is the person's). */
function requesterAgencyOf(state: ExistingCase): string | null {
  if (state.kind === 'wellness_check') return state.requesterNames[0] ?? null;
  return state.requesterNames[1] ?? null;
}

/**
 * Whether the case waits for the Director's own decision (the board says "needs your decision"): a
 * request the Director decides, or a law-enforcement case whose advice is in.
 */
export function needsDirectorDecision(row: Pick<ExistingCase, 'requesterKind' | 'ruleIds' | 'kind' | 'status'>): boolean {
  if (row.kind !== 'disclosure_request') return false;
  if (row.status === 'awaiting_decision') return true;
  return row.status === 'with_director' && !isLawEnforcementCase(row);
}

/**
 * The director's board: its columns (what each case waits for and its next deadline) are in the cases
 * table (`casesTableView`, mapped by `directorBoardColumnsOf`); the board keeps its indexes over it. The
 * index by case kind ends with the status, so that a walk of one kind in opening order (e.g. the open
 * wellness checks) reads each case's status from the index instead of from its row.
 */
export const directorBoardView: CaseView = {
  name: 'director-board',
  columnsInCasesTable: true,
  version: 7,
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
  /** `opened`: newest first (the default); `deadline`: the soonest next deadline first, cases without one last. */
  readonly sort?: BoardSort;
  /**
   * A law-enforcement request still at the desk must reach the Director within this many minutes of
   * opening: that is its next deadline, if sooner than the case's own.
   */
  readonly referralSlaMinutes?: number;
}

export const BOARD_SORTS = ['opened', 'deadline'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

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
  /** The agency that asked, when there is one. */
  readonly requesterAgency: string | null;
  /** The case waits for the Director's own decision. */
  readonly needsDecision: boolean;
}

/** The latest an ISO instant can be: cases without a deadline sort after every case with one. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * Newest first, or soonest deadline first, paged by an opaque cursor over the sort key. The referral
 * SLA of a law-enforcement request still at the desk is computed here, so that the order and the
 * deadline shown are the same value.
 */
export function queryDirectorBoard(db: Database.Database, filter: DirectorBoardFilter): Page<DirectorBoardItem> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status === 'open') { where.push(`status IN (${OPEN_CASE_STATUSES.map(() => '?').join(', ')})`); params.push(...OPEN_CASE_STATUSES); }
  else if (filter.status !== 'all') { where.push('status = ?'); params.push(filter.status); }
  if (filter.kind) { where.push('requester_kind = ?'); params.push(filter.kind); }
  if (filter.caseKind) { where.push('kind = ?'); params.push(filter.caseKind); }
  // A requester kind with a status goes through the board's index on both: with the register's index by
  // requester kind on the same table, SQLite would rather walk every case of that kind in opening order
  // than take the few still open. Every other filter is left to the planner, over the board's own indexes.
  const index = filter.kind && filter.status !== 'all' ? 'INDEXED BY director_board_by_kind' : '';
  const due =
    filter.referralSlaMinutes === undefined
      ? 'next_deadline'
      : `CASE WHEN status = 'open' AND kind = 'disclosure_request' AND requester_kind = 'law_enforcement'
          THEN min(coalesce(next_deadline, '${NO_DEADLINE}'), strftime('%Y-%m-%dT%H:%M:%fZ', opened_at, '+${Math.trunc(filter.referralSlaMinutes)} minutes'))
          ELSE next_deadline END`;
  const byDeadline = filter.sort === 'deadline';
  const after: string[] = [];
  const afterParams: string[] = [];
  if (filter.cursor) {
    if (byDeadline) {
      const [dueKey, openedAt, caseId] = decodeCursor(filter.cursor, 3);
      after.push('(due_key > ? OR (due_key = ? AND (opened_at < ? OR (opened_at = ? AND case_id < ?))))');
      afterParams.push(dueKey, dueKey, openedAt, openedAt, caseId);
    } else {
      const [openedAt, caseId] = decodeCursor(filter.cursor, 2);
      after.push('(opened_at < ? OR (opened_at = ? AND case_id < ?))');
      afterParams.push(openedAt, openedAt, caseId);
    }
  }
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT case_id, kind, requester_kind, status, next_action, ${due} AS due, coalesce(${due}, '${NO_DEADLINE}') AS due_key,
                opened_at, sealed, wellness, requester_agency, rules FROM cases ${index}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
       ${after.length ? `WHERE ${after.join(' AND ')}` : ''}
       ORDER BY ${byDeadline ? 'due_key ASC, ' : ''}opened_at DESC, case_id DESC LIMIT ?`,
    )
    .all(...params, ...afterParams, filter.limit + 1) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map((row): DirectorBoardItem => {
    const requesterKind = row.requester_kind as RequesterKind;
    const kind = row.kind as ExistingCase['kind'];
    const status = row.status as CaseStatus;
    return {
      caseId: row.case_id as string,
      kind,
      requesterKind,
      status,
      nextAction: row.next_action as string | null,
      nextDeadline: row.due === NO_DEADLINE ? null : (row.due as string | null),
      openedAt: row.opened_at as string,
      sealed: row.sealed === 1,
      ...(row.wellness !== null && { wellness: JSON.parse(row.wellness as string) as WellnessCheckFacts }),
      requesterAgency: row.requester_agency as string | null,
      // The rule ids of the evaluation say whether a government agent was sent the law-enforcement way.
      needsDecision: needsDirectorDecision({ kind, status, requesterKind, ruleIds: JSON.parse(row.rules as string) as string[] }),
    };
  });
  const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
  const nextCursor = last
    ? encodeCursor(byDeadline ? [last.due_key as string, last.opened_at as string, last.case_id as string] : [last.opened_at as string, last.case_id as string])
    : null;
  return { items, nextCursor };
}

export const isBoardStatusFilter = (value: string): value is BoardStatusFilter =>
  value === 'open' || value === 'all' || (CASE_STATUSES as readonly string[]).includes(value);

import type Database from 'better-sqlite3';
import type { Category, CaseStatus, RequesterKind, Route } from '@ledger/domain';
import { CASE_EVENT_TYPES, CASE_STATUSES, caseStatusAfter, OPEN_CASE_STATUSES } from '@ledger/domain';
import { type CaseEventAt, caseProjection, earliest, statement, utc } from '../support/case-projection.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import { type InstrumentFacts, instrumentDeadlines } from '../deadlines/instrument-deadlines.js';

/** One case as the director tracks it. */
export interface DirectorBoardRow {
  readonly caseId: string;
  readonly kind: 'disclosure_request' | 'wellness_check';
  readonly requesterKind: RequesterKind;
  readonly route: Route;
  readonly status: CaseStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly sealed: boolean;
  readonly instruments: readonly InstrumentFacts[];
  readonly counselUserId: string | null;
  readonly nextAction: string | null;
  readonly nextDeadline: string | null;
  /** A wellness check: when staff made it, who recorded it, whom they called and what they told. */
  readonly wellness?: WellnessCheckFacts;
}

/** What the director reviews of each wellness check (the board keeps every one, closed or not). */
export interface WellnessCheckFacts {
  readonly occurredAt: string;
  readonly recordedBy: string;
  readonly agency: string;
  readonly officer?: string;
  readonly categories: readonly Category[];
}

/** What the case waits for, in the words of the director's desk. */
export function nextActionOf(row: Omit<DirectorBoardRow, 'nextAction' | 'nextDeadline'>): string | null {
  const lawEnforcement = row.requesterKind === 'law_enforcement' && row.kind === 'disclosure_request';
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

function withDerived(row: Omit<DirectorBoardRow, 'nextAction' | 'nextDeadline'>): DirectorBoardRow {
  const nextDeadline =
    row.status === 'closed' ? null : earliest(row.instruments.flatMap((instrument) => instrumentDeadlines(instrument).map((d) => d.dueAt)));
  return { ...row, nextAction: nextActionOf(row), nextDeadline };
}

/** Pure: the board row after one more event of its case. */
export function evolveDirectorBoard(row: DirectorBoardRow | null, { event }: CaseEventAt): DirectorBoardRow | null {
  if (event.type === 'DisclosureRequested' || event.type === 'WellnessCheckRequested') {
    const wellness = event.type === 'WellnessCheckRequested';
    return withDerived({
      caseId: event.data.caseId,
      kind: wellness ? 'wellness_check' : 'disclosure_request',
      requesterKind: wellness ? 'law_enforcement' : event.data.requester.kind,
      route: wellness ? 'staff_may_release' : event.data.evaluation.route,
      status: 'open',
      openedAt: utc(event.data.receivedAt),
      closedAt: null,
      sealed: false,
      instruments: [],
      counselUserId: null,
      ...(wellness && {
        wellness: {
          occurredAt: utc(event.data.occurredAt),
          recordedBy: event.data.openedBy,
          agency: event.data.agency,
          ...(event.data.officer !== undefined && { officer: event.data.officer }),
          categories: event.data.requestedCategories,
        },
      }),
    });
  }
  if (row === null) return null;
  switch (event.type) {
    case 'ReferredToDirector':
      return withDerived({ ...row, status: caseStatusAfter(row.status, event) });
    case 'LegalInstrumentRecorded': {
      const { instrumentId, type, servedAt, returnDate, nondisclosureOrder } = event.data;
      if (row.instruments.some((instrument) => instrument.instrumentId === instrumentId)) return row;
      return withDerived({
        ...row,
        status: caseStatusAfter(row.status, event),
        sealed: row.sealed || nondisclosureOrder,
        instruments: [...row.instruments, { instrumentId, type, servedAt: utc(servedAt), ...(returnDate ? { returnDate: utc(returnDate) } : {}) }],
      });
    }
    case 'ReferredToCounsel':
      return withDerived({ ...row, status: caseStatusAfter(row.status, event), counselUserId: event.data.counselUserId });
    case 'CounselAdviceRecorded':
      return withDerived({ ...row, status: caseStatusAfter(row.status, event) });
    case 'ReleaseDecided':
      return event.data.decision === 'deny' ? row : withDerived({ ...row, status: caseStatusAfter(row.status, event) });
    case 'CaseClosed':
      return withDerived({ ...row, status: caseStatusAfter(row.status, event), closedAt: utc(event.data.occurredAt) });
    default:
      return row;
  }
}

export const directorBoardProjection = caseProjection<DirectorBoardRow>({
  name: 'director-board',
  version: 2,
  handles: CASE_EVENT_TYPES,
  table: 'director_board',
  tables: ['director_board'],
  ddl: `CREATE TABLE IF NOT EXISTS director_board (
      case_id TEXT PRIMARY KEY, position INTEGER NOT NULL, state TEXT NOT NULL,
      kind TEXT NOT NULL, requester_kind TEXT NOT NULL, status TEXT NOT NULL, next_action TEXT, next_deadline TEXT,
      opened_at TEXT NOT NULL, sealed INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS director_board_by_status ON director_board (status, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS director_board_by_kind ON director_board (requester_kind, status, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS director_board_by_time ON director_board (opened_at, case_id);
    CREATE INDEX IF NOT EXISTS director_board_by_case_kind ON director_board (kind, opened_at, case_id);`,
  evolve: evolveDirectorBoard,
  write(db, row, state, position) {
    statement(
      db,
      `INSERT OR REPLACE INTO director_board (case_id, position, state, kind, requester_kind, status, next_action, next_deadline, opened_at, sealed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.caseId, position, state, row.kind, row.requesterKind, row.status, row.nextAction, row.nextDeadline, row.openedAt, row.sealed ? 1 : 0);
  },
});

export type BoardStatusFilter = 'open' | 'closed' | 'all' | CaseStatus;

export interface DirectorBoardFilter {
  readonly status: BoardStatusFilter;
  readonly kind?: RequesterKind;
  /** Only disclosure requests, or only wellness checks (`status: 'all'` with it lists every wellness check). */
  readonly caseKind?: DirectorBoardRow['kind'];
  readonly limit: number;
  readonly cursor?: string;
}

export interface DirectorBoardItem {
  readonly caseId: string;
  readonly kind: DirectorBoardRow['kind'];
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
  const rows = db
    .prepare(
      `SELECT case_id, kind, requester_kind, status, next_action, next_deadline, opened_at, sealed, state FROM director_board
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, case_id DESC LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map(
    (row): DirectorBoardItem => ({
      caseId: row.case_id as string,
      kind: row.kind as DirectorBoardRow['kind'],
      requesterKind: row.requester_kind as RequesterKind,
      status: row.status as CaseStatus,
      nextAction: row.next_action as string | null,
      nextDeadline: row.next_deadline as string | null,
      openedAt: row.opened_at as string,
      sealed: row.sealed === 1,
      ...(row.kind === 'wellness_check' && { wellness: (JSON.parse(row.state as string) as DirectorBoardRow).wellness }),
    }),
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.openedAt, last.caseId]) : null };
}

export const isBoardStatusFilter = (value: string): value is BoardStatusFilter =>
  value === 'open' || value === 'all' || (CASE_STATUSES as readonly string[]).includes(value);

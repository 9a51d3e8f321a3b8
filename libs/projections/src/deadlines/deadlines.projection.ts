import type Database from 'better-sqlite3';
import { caseDeadlinesOf, type CaseStatus, type InstrumentType, publicRecordsReplyDeadlineOf } from '@ledger/domain';
import { statement } from '../support/case-projection.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import type { DeadlineKind } from '@ledger/domain';
import type { CaseView } from '../cases/case-view.js';

/** What is due: an instrument's date, or the reply to a public-records request for the library's statistics. */
export type DeadlineItemKind = DeadlineKind | 'public_records_reply';

/**
 * The reply deadline has no instrument: its row's `instrument_id` (part of the key) is empty and its
 * `instrument_type` null; the items say null for both.
 */
const NO_INSTRUMENT = '';

/**
 * The deadlines of every case's legal instruments, with whether the case is still open, and the reply
 * deadline of a public-records request for statistics while it is unanswered.
 */
export const deadlinesView: CaseView = {
  name: 'deadlines',
  version: 4,
  tables: ['deadlines'],
  ddl: `CREATE TABLE IF NOT EXISTS deadlines (
      case_id TEXT NOT NULL, instrument_id TEXT NOT NULL, kind TEXT NOT NULL, instrument_type TEXT,
      due_at TEXT NOT NULL, status TEXT NOT NULL, case_open INTEGER NOT NULL, sealed INTEGER NOT NULL, objection_filed_at TEXT,
      PRIMARY KEY (case_id, instrument_id, kind));
    CREATE INDEX IF NOT EXISTS deadlines_open_by_due ON deadlines (case_open, due_at, case_id, instrument_id, kind);`,
  write(db, fold, replacing) {
    if (replacing) statement(db, 'DELETE FROM deadlines WHERE case_id = ?').run(fold.caseId);
    const replyDueAt = publicRecordsReplyDeadlineOf(fold.case);
    if (fold.case.instruments.length === 0 && replyDueAt === null) return;
    const { status, sealed } = fold.case;
    const insert = statement(
      db,
      `INSERT INTO deadlines (case_id, instrument_id, kind, instrument_type, due_at, status, case_open, sealed, objection_filed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const deadline of caseDeadlinesOf(fold.case)) {
      insert.run(fold.caseId, deadline.instrumentId, deadline.kind, deadline.instrumentType, deadline.dueAt, status, status === 'closed' ? 0 : 1, sealed ? 1 : 0, deadline.objectionFiledAt);
    }
    if (replyDueAt !== null) insert.run(fold.caseId, NO_INSTRUMENT, 'public_records_reply', null, replyDueAt, status, 1, sealed ? 1 : 0, null);
  },
};

export interface DeadlineItem {
  readonly caseId: string;
  /** Null for a public-records reply, which no instrument sets. */
  readonly instrumentId: string | null;
  readonly instrumentType: InstrumentType | null;
  readonly kind: DeadlineItemKind;
  readonly dueAt: string;
  /** The date has passed, the case is still open and no objection stopped the clock. */
  readonly missed: boolean;
  /** When counsel's objection or motion to quash was filed, before this date: the clock stopped (shown as "objection filed"). */
  readonly objectionFiledAt: string | null;
  readonly status: CaseStatus;
  readonly sealed: boolean;
}

export interface DeadlineFilter {
  readonly now: Date;
  /** How far ahead to look, in milliseconds. */
  readonly withinMs: number;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Deadlines of open cases that fall before `now + within`: missed ones first (they are the earliest),
 * then the soonest; paged over (dueAt, caseId, instrumentId, kind).
 */
export function queryDeadlines(db: Database.Database, filter: DeadlineFilter): Page<DeadlineItem> {
  const now = filter.now.toISOString();
  const horizon = new Date(filter.now.getTime() + filter.withinMs).toISOString();
  const where = ['case_open = 1', 'due_at <= ?'];
  const params: string[] = [horizon];
  if (filter.cursor) {
    const [dueAt, caseId, instrumentId, kind] = decodeCursor(filter.cursor, 4);
    where.push('(due_at, case_id, instrument_id, kind) > (?, ?, ?, ?)');
    params.push(dueAt, caseId, instrumentId, kind);
  }
  const rows = db
    .prepare(
      `SELECT case_id, instrument_id, instrument_type, kind, due_at, status, sealed, objection_filed_at FROM deadlines WHERE ${where.join(' AND ')}
       ORDER BY due_at, case_id, instrument_id, kind LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map(
    (row): DeadlineItem => ({
      caseId: row.case_id as string,
      instrumentId: row.instrument_id === NO_INSTRUMENT ? null : (row.instrument_id as string),
      instrumentType: row.instrument_type as InstrumentType | null,
      kind: row.kind as DeadlineItemKind,
      dueAt: row.due_at as string,
      missed: row.objection_filed_at === null && (row.due_at as string) < now,
      objectionFiledAt: row.objection_filed_at as string | null,
      status: row.status as CaseStatus,
      sealed: row.sealed === 1,
    }),
  );
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.dueAt, last.caseId, last.instrumentId ?? NO_INSTRUMENT, last.kind]) : null,
  };
}

import type Database from 'better-sqlite3';
import { caseStatusAfter, type CaseStatus, type InstrumentType } from '@ledger/domain';
import { type CaseEventAt, caseProjection, statement, utc } from '../support/case-projection.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import { type DeadlineKind, type InstrumentFacts, instrumentDeadlines, objectionFiledAt, objectionFiledBefore } from './instrument-deadlines.js';

/** A case's legal instruments and whether the case is still open: what its deadlines depend on. */
export interface DeadlineCaseRow {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly sealed: boolean;
  readonly instruments: readonly InstrumentFacts[];
  /** When counsel's objections or motions to quash were filed (sorted): each stops the clock of the dates after it. */
  readonly objectionsFiledAt?: readonly string[];
}

/** Pure. Every case has a row (its status matters once an instrument arrives); only instruments make deadlines. */
export function evolveDeadlines(row: DeadlineCaseRow | null, { event }: CaseEventAt): DeadlineCaseRow | null {
  switch (event.type) {
    case 'DisclosureRequested':
    case 'WellnessCheckRequested':
      return { caseId: event.data.caseId, status: 'open', sealed: false, instruments: [] };
    case 'ReferredToDirector':
      return row && { ...row, status: caseStatusAfter(row.status, event) };
    case 'LegalInstrumentRecorded': {
      const { instrumentId, type, servedAt, returnDate, nondisclosureOrder } = event.data;
      if (!row) return null;
      const current = row;
      if (current.instruments.some((instrument) => instrument.instrumentId === instrumentId)) return current;
      return {
        ...current,
        status: caseStatusAfter(current.status, event),
        sealed: current.sealed || nondisclosureOrder,
        instruments: [...current.instruments, { instrumentId, type, servedAt: utc(servedAt), ...(returnDate ? { returnDate: utc(returnDate) } : {}) }],
      };
    }
    case 'ReferredToCounsel':
      return row && { ...row, status: caseStatusAfter(row.status, event) };
    case 'CounselAdviceRecorded': {
      if (!row) return null;
      const filedAt = objectionFiledAt(event);
      const objected = filedAt === undefined ? {} : { objectionsFiledAt: [...(row.objectionsFiledAt ?? []), filedAt].sort() };
      return { ...row, status: caseStatusAfter(row.status, event), ...objected };
    }
    case 'ReleaseDecided':
      return row && { ...row, status: caseStatusAfter(row.status, event) };
    case 'CaseClosed':
      return row && { ...row, status: caseStatusAfter(row.status, event) };
    default:
      return row;
  }
}

export const deadlinesProjection = caseProjection<DeadlineCaseRow>({
  name: 'deadlines',
  version: 2,
  handles: ['DisclosureRequested', 'WellnessCheckRequested', 'ReferredToDirector', 'LegalInstrumentRecorded', 'ReferredToCounsel', 'CounselAdviceRecorded', 'ReleaseDecided', 'CaseClosed'],
  table: 'deadline_cases',
  tables: ['deadline_cases', 'deadlines'],
  ddl: `CREATE TABLE IF NOT EXISTS deadline_cases (case_id TEXT PRIMARY KEY, position INTEGER NOT NULL, state TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS deadlines (
      case_id TEXT NOT NULL, instrument_id TEXT NOT NULL, kind TEXT NOT NULL, instrument_type TEXT NOT NULL,
      due_at TEXT NOT NULL, status TEXT NOT NULL, case_open INTEGER NOT NULL, sealed INTEGER NOT NULL, objection_filed_at TEXT,
      PRIMARY KEY (case_id, instrument_id, kind));
    CREATE INDEX IF NOT EXISTS deadlines_open_by_due ON deadlines (case_open, due_at, case_id, instrument_id, kind);`,
  evolve: evolveDeadlines,
  write(db, row, state, position, replacing) {
    statement(db, 'INSERT OR REPLACE INTO deadline_cases (case_id, position, state) VALUES (?, ?, ?)').run(row.caseId, position, state);
    if (replacing) statement(db, 'DELETE FROM deadlines WHERE case_id = ?').run(row.caseId);
    if (row.instruments.length === 0) return;
    const insert = statement(
      db,
      `INSERT INTO deadlines (case_id, instrument_id, kind, instrument_type, due_at, status, case_open, sealed, objection_filed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const instrument of row.instruments) {
      for (const deadline of instrumentDeadlines(instrument)) {
        const objection = objectionFiledBefore(row.objectionsFiledAt, deadline.dueAt) ?? null;
        insert.run(row.caseId, deadline.instrumentId, deadline.kind, deadline.instrumentType, deadline.dueAt, row.status, row.status === 'closed' ? 0 : 1, row.sealed ? 1 : 0, objection);
      }
    }
  },
});

export interface DeadlineItem {
  readonly caseId: string;
  readonly instrumentId: string;
  readonly instrumentType: InstrumentType;
  readonly kind: DeadlineKind;
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
    params.push(dueAt!, caseId!, instrumentId!, kind!);
  }
  const rows = db
    .prepare(
      `SELECT case_id, instrument_id, instrument_type, kind, due_at, status, sealed, objection_filed_at FROM deadlines WHERE ${where.join(' AND ')}
       ORDER BY due_at, case_id, instrument_id, kind LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number>[];
  const items = rows.slice(0, filter.limit).map(
    (row): DeadlineItem => ({
      caseId: row.case_id as string,
      instrumentId: row.instrument_id as string,
      instrumentType: row.instrument_type as InstrumentType,
      kind: row.kind as DeadlineKind,
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
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.dueAt, last.caseId, last.instrumentId, last.kind]) : null,
  };
}

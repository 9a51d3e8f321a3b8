import type Database from 'better-sqlite3';
import type { RecordAccessedData } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { decodeCursor, encodeCursor } from '../support/cursor.js';
import { createTables } from '../support/ddl.js';
import { statement, utc } from '../support/case-projection.js';

export interface AccessLogRow {
  readonly position: string;
  readonly occurredAt: string;
  readonly userId: string;
  readonly role: string;
  readonly action: string;
  readonly caseId: string | null;
  readonly query: Record<string, string> | null;
  readonly format: string | null;
  readonly outcome: string;
  readonly status: number;
}

/** Who read or exported what, and when: one row per RecordAccessed event, keyed by its position. */
export const accessLogProjection: Projection = {
  name: 'access-log',
  version: 1,
  handles: ['RecordAccessed'],
  setup(db, options) {
    createTables(
      db,
      `CREATE TABLE IF NOT EXISTS access_log (
        position INTEGER PRIMARY KEY, occurred_at TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
        action TEXT NOT NULL, case_id TEXT, query_json TEXT, format TEXT, outcome TEXT NOT NULL, status INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS access_log_by_time ON access_log (occurred_at, position);
      CREATE INDEX IF NOT EXISTS access_log_by_user ON access_log (user_id, occurred_at, position);
      CREATE INDEX IF NOT EXISTS access_log_by_case ON access_log (case_id, occurred_at, position);`,
      options,
    );
  },
  teardown(db) {
    db.exec('DROP TABLE IF EXISTS access_log;');
  },
  apply(db, event: ProjectedEvent<RecordAccessedData>) {
    const entry = event.data;
    statement(
      db,
      `INSERT OR REPLACE INTO access_log (position, occurred_at, user_id, role, action, case_id, query_json, format, outcome, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.position,
      entry.occurredAt,
      entry.userId,
      entry.role,
      entry.action,
      entry.caseId ?? null,
      entry.query ? JSON.stringify(entry.query) : null,
      entry.format ?? null,
      entry.outcome,
      entry.status,
    );
  },
};

export interface AccessLogFilter {
  readonly from?: string;
  readonly to?: string;
  readonly userId?: string;
  readonly caseId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Newest first, paged by an opaque cursor over (occurredAt, position). */
export function queryAccessLog(db: Database.Database, filter: AccessLogFilter): { items: AccessLogRow[]; nextCursor: string | null } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.from) { where.push('occurred_at >= ?'); params.push(utc(filter.from)); }
  if (filter.to) { where.push('occurred_at < ?'); params.push(utc(filter.to)); }
  if (filter.userId) { where.push('user_id = ?'); params.push(filter.userId); }
  if (filter.caseId) { where.push('case_id = ?'); params.push(filter.caseId); }
  if (filter.cursor) {
    const [occurredAt, position] = decodeCursor(filter.cursor, 2);
    where.push('(occurred_at < ? OR (occurred_at = ? AND position < ?))');
    params.push(occurredAt, occurredAt, Number(position));
  }
  const rows = db
    .prepare(
      `SELECT position, occurred_at, user_id, role, action, case_id, query_json, format, outcome, status FROM access_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY occurred_at DESC, position DESC LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number | null>[];
  const page = rows.slice(0, filter.limit).map(
    (row): AccessLogRow => ({
      position: String(row.position),
      occurredAt: row.occurred_at as string,
      userId: row.user_id as string,
      role: row.role as string,
      action: row.action as string,
      caseId: (row.case_id as string | null) ?? null,
      query: row.query_json ? (JSON.parse(row.query_json as string) as Record<string, string>) : null,
      format: (row.format as string | null) ?? null,
      outcome: row.outcome as string,
      status: row.status as number,
    }),
  );
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.occurredAt, last.position]) : null };
}

/**
 * A user's sign-in attempts recorded since `since` (ISO), newest first, from every instance that shares the
 * store: what the per-account sign-in limit counts, so that N instances do not allow N times the guesses.
 */
export function recentSignIns(db: Database.Database, userId: string, since: string): { occurredAt: string; query: Record<string, string> | null }[] {
  const rows = statement(
    db,
    `SELECT occurred_at, query_json FROM access_log WHERE user_id = ? AND occurred_at >= ? AND action = 'sign_in'
     ORDER BY occurred_at DESC, position DESC LIMIT 200`,
  ).all(userId, utc(since)) as { occurred_at: string; query_json: string | null }[];
  return rows.map((row) => ({ occurredAt: row.occurred_at, query: row.query_json ? (JSON.parse(row.query_json) as Record<string, string>) : null }));
}

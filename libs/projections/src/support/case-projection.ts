import type Database from 'better-sqlite3';
import type { CaseEvent } from '@ledger/domain';
import { isCaseEvent } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';

/** What a per-case evolve sees of an event: the domain event plus where it sits in the ledger. */
export interface CaseEventAt {
  readonly event: CaseEvent;
  /** Revision in the case stream: deterministic across replays, used to name per-event findings. */
  readonly revision: bigint;
}

/** Prepared statements per connection: a rebuild applies hundreds of thousands of events. */
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** Forgets the prepared statements of a connection (after its tables were dropped and made again). */
export function forgetStatements(db: Database.Database): void {
  statementCache.delete(db);
}

/** The rows a batch has changed, per connection, until `flush` writes each of them once. */
type PendingRows<R> = WeakMap<Database.Database, Map<string, { row: R; position: bigint }>>;

export interface CaseProjectionSpec<R> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** The table holding one row per case with at least `case_id TEXT PRIMARY KEY, position INTEGER, state TEXT`. */
  readonly table: string;
  readonly ddl: string;
  readonly tables: readonly string[];
  /** Pure: the next row of a case, or null when the case is of no interest to this view. */
  evolve(row: R | null, at: CaseEventAt): R | null;
  /** Writes the row's columns and side tables (the helper has already decided that the event is new). */
  write(db: Database.Database, row: R, state: string, position: bigint): void;
}

/**
 * A projection keyed by case: reads the case's row, skips an event it has already applied (the row
 * remembers the position of the last event it took), folds the event with the pure `evolve` and
 * writes the result. The runner gives exactly-once through its checkpoint; this makes `apply`
 * idempotent on its own as well.
 */
export function caseProjection<R extends { readonly caseId: string }>(spec: CaseProjectionSpec<R>): Projection & { readonly spec: CaseProjectionSpec<R> } {
  // A case's events mostly arrive in the same batch: fold them in memory and write the row once.
  const pending: PendingRows<R> = new WeakMap();
  const pendingOf = (db: Database.Database) => {
    let rows = pending.get(db);
    if (!rows) pending.set(db, (rows = new Map()));
    return rows;
  };
  return {
    spec,
    name: spec.name,
    version: spec.version,
    handles: spec.handles,
    setup(db) {
      forgetStatements(db);
      pending.delete(db);
      db.exec(spec.ddl);
    },
    teardown(db) {
      forgetStatements(db);
      pending.delete(db);
      db.exec(spec.tables.map((table) => `DROP TABLE IF EXISTS ${table};`).join('\n'));
    },
    apply(db, projected: ProjectedEvent) {
      const event = { type: projected.type, data: projected.data } as CaseEvent;
      if (!isCaseEvent(event)) return;
      const rows = pendingOf(db);
      let previous: R | null;
      const held = rows.get(event.data.caseId);
      if (held) {
        if (held.position >= projected.position) return;
        previous = held.row;
      } else {
        const stored = statement(db, `SELECT position, state FROM ${spec.table} WHERE case_id = ?`).get(event.data.caseId) as
          | { position: number | bigint; state: string }
          | undefined;
        if (stored && BigInt(stored.position) >= projected.position) return;
        previous = stored ? (JSON.parse(stored.state) as R) : null;
      }
      const next = spec.evolve(previous, { event, revision: projected.revision });
      if (next === null) return;
      rows.set(event.data.caseId, { row: next, position: projected.position });
    },
    flush(db) {
      const rows = pending.get(db);
      if (!rows) return;
      pending.delete(db);
      for (const { row, position } of rows.values()) spec.write(db, row, JSON.stringify(row), position);
    },
  };
}

/** Every instant a view stores or compares is UTC `…Z`, so that SQL can compare them as text. */
export function utc(iso: string): string {
  return new Date(iso).toISOString();
}

export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

export function plusDays(iso: string, days: number): string {
  return plusMinutes(iso, days * 24 * 60);
}

export function earliest(values: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const value of values) if (value && (best === null || value < best)) best = value;
  return best;
}

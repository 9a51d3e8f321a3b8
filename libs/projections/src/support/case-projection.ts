import type Database from 'better-sqlite3';
import type { CaseEvent } from '@ledger/domain';
import { isCaseEvent, caseStream } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { createTables } from './ddl.js';

/** What a per-case evolve sees of an event: the domain event plus where it sits in the ledger. */
export interface CaseEventAt {
  readonly event: CaseEvent;
  /** Revision in the case stream: deterministic across replays, used to name per-event findings. */
  readonly revision: bigint;
  /** The rule pack the event was decided under (its metadata): events keep the meaning they had. */
  readonly policyVersion?: string;
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

/** A case's row as `apply` left it, not yet written. */
interface HeldRow<R> {
  row: R;
  /** Of the last event folded in. */
  position: bigint;
  /** The table already holds a version of this case's row (and maybe side rows to replace). */
  readonly stored: boolean;
}

/**
 * What a view holds for one connection between `apply` and the write. While following live, every
 * row of a batch is in `recent` and is written at the batch's flush. During a rebuild rows stay
 * across batches in two generations: when `recent` is full, the rows of `older` (not touched since
 * the last turn) are written and `recent` becomes `older` — a least-recently-used bound of `2 × keep`
 * rows without a scan per eviction.
 */
interface Held<R> {
  recent: Map<string, HeldRow<R>>;
  older: Map<string, HeldRow<R>>;
  /** 0: live. */
  readonly keep: number;
}

/** Rows a case view keeps per generation during a rebuild (a few thousand cases are active at any time). */
export const REBUILD_HELD_ROWS = 8_000;

export interface CaseProjectionSpec<R> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** The table holding one row per case with at least `case_id TEXT PRIMARY KEY, position INTEGER, state TEXT`. */
  readonly table: string;
  /** Tables and indexes, idempotent (`IF NOT EXISTS`); a rebuild runs the CREATE INDEX statements last. */
  readonly ddl: string;
  readonly tables: readonly string[];
  /** Pure: the next row of a case, or null when the case is of no interest to this view. */
  evolve(row: R | null, at: CaseEventAt): R | null;
  /**
   * Writes the row's columns and side tables (the helper has already decided that the event is new).
   * `replacing`: the view already holds an earlier row of this case, so side rows may need deleting;
   * false: nothing of this case is in the view yet.
   */
  write(db: Database.Database, row: R, state: string, position: bigint, replacing: boolean): void;
}

/**
 * A projection keyed by case: reads the case's row, skips an event it has already applied (the row
 * remembers the position of the last event it took), folds the event with the pure `evolve` and
 * writes the result. The runner gives exactly-once through its checkpoint; this makes `apply`
 * idempotent on its own as well.
 *
 * Rows are folded in memory and written once: at the batch's flush while following live, and during
 * a rebuild when they leave a bounded least-recently-used set (or at `finishRebuild`), so that a
 * case whose events span several batches is neither re-read nor re-parsed nor written again.
 */
export function caseProjection<R extends { readonly caseId: string }>(spec: CaseProjectionSpec<R>): Projection & { readonly spec: CaseProjectionSpec<R> } {
  const held = new WeakMap<Database.Database, Held<R>>();
  const selectRow = `SELECT position, state FROM ${spec.table} WHERE case_id = ?`;
  const heldOf = (db: Database.Database) => {
    let state = held.get(db);
    if (!state) held.set(db, (state = { recent: new Map(), older: new Map(), keep: 0 }));
    return state;
  };
  const writeAll = (db: Database.Database, rows: Map<string, HeldRow<R>>) => {
    for (const entry of rows.values()) spec.write(db, entry.row, JSON.stringify(entry.row), entry.position, entry.stored);
    rows.clear();
  };
  const forget = (db: Database.Database, keep: number) => {
    forgetStatements(db);
    held.set(db, { recent: new Map(), older: new Map(), keep });
  };
  return {
    spec,
    name: spec.name,
    version: spec.version,
    handles: spec.handles,
    setup(db, options) {
      forget(db, options?.rebuilding ? Math.max(1, options.heldRows ?? REBUILD_HELD_ROWS) : 0);
      createTables(db, spec.ddl, options);
    },
    teardown(db) {
      forget(db, 0);
      db.exec(spec.tables.map((table) => `DROP TABLE IF EXISTS ${table};`).join('\n'));
    },
    apply(db, projected: ProjectedEvent) {
      const event = { type: projected.type, data: projected.data } as CaseEvent;
      if (!isCaseEvent(event)) return;
      const caseId = event.data.caseId;
      const state = heldOf(db);
      let entry = state.recent.get(caseId);
      if (!entry && state.older.size > 0 && (entry = state.older.get(caseId))) {
        state.older.delete(caseId);
        state.recent.set(caseId, entry);
      }
      if (entry) {
        if (entry.position >= projected.position) return;
        const next = spec.evolve(entry.row, eventAt(event, projected));
        if (next === null) return;
        entry.row = next;
        entry.position = projected.position;
        return;
      }
      // A rebuild replays `$all` once, in order, into tables it emptied: at the first event of the case's
      // own stream nothing of the case can be in the view yet, so there is nothing to read.
      const first = state.keep > 0 && projected.revision === 0n && projected.stream === caseStream(caseId);
      const stored = first ? undefined : (statement(db, selectRow).get(caseId) as { position: number | bigint; state: string } | undefined);
      if (stored && BigInt(stored.position) >= projected.position) return;
      const next = spec.evolve(stored ? (JSON.parse(stored.state) as R) : null, eventAt(event, projected));
      if (next === null) return;
      state.recent.set(caseId, { row: next, position: projected.position, stored: stored !== undefined });
      if (state.keep > 0 && state.recent.size >= state.keep) {
        writeAll(db, state.older);
        state.older = state.recent;
        state.recent = new Map();
      }
    },
    flush(db) {
      const state = heldOf(db);
      if (state.keep === 0) writeAll(db, state.recent);
    },
    finishRebuild(db) {
      const state = heldOf(db);
      writeAll(db, state.older);
      writeAll(db, state.recent);
      forget(db, 0);
    },
  };
}

function eventAt(event: CaseEvent, projected: ProjectedEvent): CaseEventAt {
  const policyVersion = projected.metadata?.policyVersion;
  return policyVersion === undefined ? { event, revision: projected.revision } : { event, revision: projected.revision, policyVersion };
}

/** Every instant a view stores or compares is UTC `…Z`, so that SQL can compare them as text. */
export function utc(iso: string): string {
  // What the ledger holds is almost always this form already; the round trip through Date costs a
  // rebuild seconds. Days past the 28th go through Date, which rolls an impossible one over (Feb 30).
  return CANONICAL_UTC.test(iso) ? iso : new Date(iso).toISOString();
}

/** `new Date(iso).toISOString()` gives back exactly these strings. */
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

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

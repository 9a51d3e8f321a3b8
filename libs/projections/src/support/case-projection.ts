import type Database from 'better-sqlite3';
import type { CaseEvent, CaseEventAt } from '@ledger/domain';
import { isCaseEvent, caseStream, plusDays, plusMinutes, utcInstant } from '@ledger/domain';
import { decodeRecorded, mayDecodeAs } from '@ledger/ledger';
import type { Projection, ProjectedEvent, StreamReader } from '../runner/projection.js';
import { createTables } from './ddl.js';

export type { CaseEventAt } from '@ledger/domain';

/** Prepared statements per connection: a rebuild applies hundreds of thousands of events. */
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map<string, Database.Statement>()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** Forgets the prepared statements of a connection (after its tables were dropped and made again). */
export function forgetStatements(db: Database.Database): void {
  statementCache.delete(db);
}

/** A case's fold as `apply` left it. */
interface HeldFold<R> {
  row: R;
  /** Of the last event folded in. */
  position: bigint;
  /** The views already hold rows of this case (side rows may need replacing). */
  stored: boolean;
  /** Folded since its rows were last written. */
  dirty: boolean;
}

/**
 * The folds a view holds for one connection, in two generations: when `recent` is full, the folds of
 * `older` (not touched since the last turn) are written if dirty and let go, and `recent` becomes
 * `older` — a least-recently-used bound of `2 × keep` folds without a scan per eviction. While
 * following live every dirty fold is also written at the batch's flush; during a rebuild a fold is
 * written when it leaves (or at `finishRebuild`), so a case whose events span batches is written once.
 */
interface Held<R> {
  recent: Map<string, HeldFold<R>>;
  older: Map<string, HeldFold<R>>;
  readonly keep: number;
  readonly rebuilding: boolean;
}

/**
 * Folds a case view keeps per generation during a rebuild. Every fold held longer is copied and then
 * promoted by the folding thread's garbage collector: over 1M events, 2,000 per generation took the
 * folding thread 16 s (22 s of CPU with its collector's helpers) and 1,000 took 13.6 s (17 s), with no
 * case read back more often (500 was no faster). A case that comes back after its fold left costs one
 * stream read.
 */
export const REBUILD_HELD_ROWS = 1_000;
/** And while following live: the cases of recent batches, so that a busy case is not read back from the ledger every batch. */
export const LIVE_HELD_ROWS = 2_000;

export interface CaseProjectionSpec<R> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** Tables and indexes, idempotent (`IF NOT EXISTS`); a rebuild runs the CREATE INDEX statements last. */
  readonly ddl: string;
  readonly tables: readonly string[];
  /** Indexes a rebuild may keep up during its replay (see `createTables`). */
  readonly indexesInOpeningOrder?: readonly string[];
  /** Pure: the case's next fold, or null when the case is of no interest to this view. */
  evolve(row: R | null, at: CaseEventAt): R | null;
  /**
   * Writes the case's rows from its fold. `replacing`: the views already hold rows of this case, so
   * side rows may need deleting; false: nothing of this case is in the views yet.
   */
  write(db: Database.Database, row: R, replacing: boolean): void;
  /**
   * Rebuilds the parts of the view whose version changed (see `Projection.refresh`); `foldOf` folds
   * a case from its stream up to the views' checkpoint.
   */
  refresh?(db: Database.Database, foldOf: (caseId: string) => Promise<R | null>): Promise<void>;
}

/**
 * A projection keyed by case that stores no fold: its rows are columns mapped from the case's fold,
 * and the fold of a case it no longer holds in memory is folded again from the case's own stream
 * (`prepare`), as the decider's state is. Each event is folded once; an event at or before the
 * fold's position is skipped, so `apply` is idempotent on its own as well as under the runner's
 * checkpoint.
 */
export function caseProjection<R extends { readonly caseId: string }>(spec: CaseProjectionSpec<R>): Projection {
  const held = new WeakMap<Database.Database, Held<R>>();
  const handled = new Set(spec.handles);
  const heldOf = (db: Database.Database) => {
    let state = held.get(db);
    if (!state) held.set(db, (state = { recent: new Map(), older: new Map(), keep: LIVE_HELD_ROWS, rebuilding: false }));
    return state;
  };
  const writeDirty = (db: Database.Database, folds: Map<string, HeldFold<R>>) => {
    for (const entry of folds.values()) {
      if (!entry.dirty) continue;
      spec.write(db, entry.row, entry.stored);
      entry.stored = true;
      entry.dirty = false;
    }
  };
  const forget = (db: Database.Database, rebuilding: boolean, keep: number) => {
    forgetStatements(db);
    held.set(db, { recent: new Map(), older: new Map(), keep, rebuilding });
  };
  const find = (state: Held<R>, caseId: string): HeldFold<R> | undefined => {
    let entry = state.recent.get(caseId);
    if (!entry && (entry = state.older.get(caseId))) {
      state.older.delete(caseId);
      state.recent.set(caseId, entry);
    }
    return entry;
  };
  /** A case's fold from its own stream, up to (not including) position `before`. */
  const foldStream = async (read: StreamReader, caseId: string, before: bigint): Promise<{ row: R | null; position: bigint }> => {
    let row: R | null = null;
    let position = -1n;
    for (const recorded of await read(caseStream(caseId))) {
      if (recorded.position >= before) break;
      if (!mayDecodeAs(recorded.type, handled)) continue;
      const { event, metadata } = decodeRecorded<CaseEvent>(recorded);
      if (!isCaseEvent(event)) continue;
      row = spec.evolve(row, eventAt(event, { revision: recorded.revision, metadata }));
      position = recorded.position;
    }
    return { row, position };
  };
  const turn = (db: Database.Database, state: Held<R>) => {
    if (state.recent.size < state.keep) return;
    writeDirty(db, state.older);
    state.older = state.recent;
    state.recent = new Map();
  };
  return {
    name: spec.name,
    version: spec.version,
    handles: spec.handles,
    setup(db, options) {
      const rebuilding = options?.rebuilding === true;
      forget(db, rebuilding, Math.max(1, options?.heldRows ?? (rebuilding ? REBUILD_HELD_ROWS : LIVE_HELD_ROWS)));
      createTables(db, spec.ddl, options, spec.indexesInOpeningOrder);
    },
    teardown(db) {
      forget(db, false, LIVE_HELD_ROWS);
      db.exec(spec.tables.map((table) => `DROP TABLE IF EXISTS ${table};`).join('\n'));
    },
    async prepare(db, events, read) {
      const state = heldOf(db);
      // Folds leave memory here and only here, so that none this batch needs can leave before its events.
      turn(db, state);
      // Each case this batch continues but no fold of which is held: where the batch first touches it.
      const missing = new Map<string, bigint>();
      const startedHere = new Set<string>();
      for (const place of events) {
        if (!mayDecodeAs(place.type, handled) || !place.stream.startsWith(CASE_STREAM_PREFIX)) continue;
        const caseId = place.stream.slice(CASE_STREAM_PREFIX.length);
        if (missing.has(caseId) || startedHere.has(caseId) || state.recent.has(caseId) || state.older.has(caseId)) continue;
        // The first event of a case starts its fold (here, or earlier in this batch).
        if (place.revision === 0n) startedHere.add(caseId);
        else missing.set(caseId, place.position);
      }
      for (const [caseId, before] of missing) {
        const { row, position } = await foldStream(read, caseId, before);
        // A case stream that exists has had its rows written (at a flush, or when its fold left memory).
        if (row !== null) state.recent.set(caseId, { row, position, stored: true, dirty: false });
      }
    },
    ...(spec.refresh && {
      async refresh(db, read, upTo) {
        await spec.refresh!(db, async (caseId) => (await foldStream(read, caseId, upTo + 1n)).row);
      },
    }),
    apply(db, projected: ProjectedEvent) {
      const event = { type: projected.type, data: projected.data } as CaseEvent;
      if (!isCaseEvent(event)) return;
      const caseId = event.data.caseId;
      const state = heldOf(db);
      const entry = find(state, caseId);
      if (entry) {
        if (entry.position >= projected.position) return;
        const next = spec.evolve(entry.row, eventAt(event, projected));
        if (next === null) return;
        entry.row = next;
        entry.position = projected.position;
        entry.dirty = true;
        return;
      }
      if (projected.revision !== 0n || projected.stream !== caseStream(caseId)) {
        throw new Error(`${spec.name}: ${projected.type} at position ${projected.position} continues a case whose fold was not prepared`);
      }
      const next = spec.evolve(null, eventAt(event, projected));
      if (next === null) return;
      state.recent.set(caseId, { row: next, position: projected.position, stored: false, dirty: true });
    },
    flush(db) {
      const state = heldOf(db);
      if (state.rebuilding) return;
      writeDirty(db, state.recent);
      writeDirty(db, state.older);
    },
    finishRebuild(db) {
      const state = heldOf(db);
      writeDirty(db, state.older);
      writeDirty(db, state.recent);
      forget(db, false, LIVE_HELD_ROWS);
    },
  };
}

const CASE_STREAM_PREFIX = caseStream('');

/**
 * An event where it sits, whose policy version is read from the metadata only when a fold asks for
 * it (two event types do): parsing every event's metadata for it was a tenth of a rebuild's folding.
 */
class EventInPlace implements CaseEventAt {
  constructor(
    readonly event: CaseEvent,
    readonly revision: bigint,
    private readonly projected: Pick<ProjectedEvent, 'metadata'>,
  ) {}

  get policyVersion(): string | undefined {
    return this.projected.metadata?.policyVersion;
  }

  get recordedAt(): string | undefined {
    return this.projected.metadata?.recordedAt;
  }

  get jurisdiction(): string | undefined {
    return this.projected.metadata?.jurisdiction;
  }
}

function eventAt(event: CaseEvent, projected: Pick<ProjectedEvent, 'revision' | 'metadata'>): CaseEventAt {
  return new EventInPlace(event, projected.revision, projected);
}

/** Every instant a view stores or compares is UTC `…Z`, so that SQL can compare them as text (the domain's one definition). */
export const utc = utcInstant;

export { plusDays, plusMinutes };


export function earliest(values: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const value of values) if (value && (best === null || value < best)) best = value;
  return best;
}

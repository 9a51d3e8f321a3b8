import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/ledger';

export interface EventActor {
  readonly userId: string;
  readonly role: string;
}

/** A recorded event as projections see it: data and metadata parsed, positions as bigint. */
export interface ProjectedEvent<D = unknown> {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: D;
  readonly metadata: {
    readonly actor?: EventActor;
    readonly occurredAt?: string;
    readonly recordedAt?: string;
    readonly policyVersion?: string;
    readonly jurisdiction?: string;
    readonly hash?: string;
    readonly [key: string]: unknown;
  };
  /** When the store recorded it; absent when a rebuild reads the ledger by whole-ledger scan (no view needs it). */
  readonly recordedAt?: Date;
}

/** Where an event sits in the ledger, before it is decoded: what `prepare` looks at. */
export interface EventPlace {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
}

/** Reads one stream of the ledger, in revision order. */
export type StreamReader = (stream: string) => Promise<readonly RecordedEvent[]>;

/**
 * A view that a rebuild may fold in a worker thread (`serveFoldingRebuild` in `script`): the worker
 * reads `$all` on its own connection, folds and maps, and the runner's thread only writes what it is
 * sent. `workerData` (structured-cloneable) is what the script needs to make the same view.
 */
export interface RebuildInWorker {
  readonly script: URL;
  readonly workerData: unknown;
  /**
   * The event types the worker folds; the view's other types (e.g. ones whose `apply` reads its
   * tables, which the worker cannot) are applied on the runner's thread as usual.
   */
  readonly foldedTypes: readonly string[];
}

/** How the runner asks a view to make its tables. */
export interface SetupOptions {
  /**
   * A rebuild is about to replay the whole ledger, in order, once, into the tables `setup` makes now
   * (the old ones were just dropped, all in the rebuild's one transaction). The view may leave out its
   * secondary indexes (the runner calls `setup` again without this flag when the replay has ended) and
   * may keep rows in memory across batches until `finishRebuild`.
   */
  readonly rebuilding?: boolean;
  /** How many rows a view may hold in memory per generation, rebuilding or not (default: its own bound). */
  readonly heldRows?: number;
  /**
   * While rebuilding: the runner's thread has time to spare during the replay (a worker folds), so a
   * view may make now the indexes that a replay fills in opening order (see `createTables`).
   */
  readonly keepIndexesInOpeningOrder?: boolean;
}

/**
 * A read model in `views.db`. `apply` runs inside the runner's transaction together with the
 * checkpoint, so each event takes effect exactly once; it must be deterministic (no clock, no
 * randomness) so that a replay gives the same view.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the view's shape or logic changes: the runner then rebuilds it from position 0. */
  readonly version: number;
  /** Event types it reads; others are skipped without parsing. */
  readonly handles: readonly string[];
  /**
   * Creates its tables and indexes (idempotent); with `rebuilding`, the tables at least (see
   * SetupOptions). Forgets whatever the view held in memory for this connection.
   */
  setup(db: Database.Database, options?: SetupOptions): void;
  /** Present when a rebuild may fold this view in a worker thread (see `RebuildInWorker`). */
  readonly rebuildInWorker?: RebuildInWorker;
  /** Drops its tables. */
  teardown(db: Database.Database): void;
  /**
   * Called before the runner applies a batch (outside its transaction, which cannot wait): loads into
   * memory what `apply` will need for these events and does not hold, e.g. a case's fold read back
   * from the case's stream. A view that has one must be given it before every `apply`.
   */
  prepare?(db: Database.Database, events: readonly EventPlace[], read: StreamReader): Promise<void>;
  apply(db: Database.Database, event: ProjectedEvent): void;
  /**
   * Writes whatever `apply` held back, inside the same transaction, before the runner records the
   * checkpoint. A projection may keep the rows of one batch in memory and write each once.
   */
  flush?(db: Database.Database): void;
  /**
   * Rebuilds on its own whatever part of the view carries a version older than the code's (see
   * `case_view_versions`), from what the views already hold up to `upTo` (the checkpoint), reading
   * streams back with `read`; inside the runner's transaction. A version bump of such a part rebuilds
   * only its tables, not every view.
   */
  refresh?(db: Database.Database, read: StreamReader, upTo: bigint): Promise<void>;
  /** The rebuild's replay has ended: write every row still held in memory (same transaction). */
  finishRebuild?(db: Database.Database): void;
  /**
   * Writes the rows that the passing of time alone has made true by `now` (e.g. a finding whose
   * deadline passed); idempotent; returns how many rows are new. It runs in the views' writer's
   * transaction (`ProjectionRunner.advanceClock`), never on another connection.
   */
  advanceClock?(db: Database.Database, now: Date): number;
}

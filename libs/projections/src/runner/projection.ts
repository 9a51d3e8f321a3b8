import type Database from 'better-sqlite3';

export interface EventActor {
  readonly userId: string;
  readonly role: string;
}

/** A recorded event as projections see it: data and metadata parsed, positions as bigint. */
export interface ProjectedEvent<D = any> {
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
    readonly hash?: string;
    readonly [key: string]: unknown;
  };
  /** When the store recorded it; absent when a rebuild reads the ledger by whole-ledger scan (no view needs it). */
  readonly recordedAt?: Date;
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
  /** While rebuilding: how many rows a view may hold in memory per generation (default: its own bound). */
  readonly heldRows?: number;
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
  /** Drops its tables. */
  teardown(db: Database.Database): void;
  apply(db: Database.Database, event: ProjectedEvent): void;
  /**
   * Writes whatever `apply` held back, inside the same transaction, before the runner records the
   * checkpoint. A projection may keep the rows of one batch in memory and write each once.
   */
  flush?(db: Database.Database): void;
  /** The rebuild's replay has ended: write every row still held in memory (same transaction). */
  finishRebuild?(db: Database.Database): void;
  /**
   * Writes the rows that the passing of time alone has made true by `now` (e.g. a finding whose
   * deadline passed); idempotent; returns how many rows are new. It runs in the views' writer's
   * transaction (`ProjectionRunner.advanceClock`), never on another connection.
   */
  advanceClock?(db: Database.Database, now: Date): number;
}

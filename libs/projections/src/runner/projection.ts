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
  readonly recordedAt: Date;
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
  /** Creates its tables and indexes (idempotent). */
  setup(db: Database.Database): void;
  /** Drops its tables. */
  teardown(db: Database.Database): void;
  apply(db: Database.Database, event: ProjectedEvent): void;
  /**
   * Writes whatever `apply` held back, inside the same transaction, before the runner records the
   * checkpoint. A projection may keep the rows of one batch in memory and write each once.
   */
  flush?(db: Database.Database): void;
}

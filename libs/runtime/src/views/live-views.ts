import type Database from 'better-sqlite3';

/**
 * What the API needs of its read models, wherever the events are applied to them: a connection to
 * `views.db` to query, how far the views have got, and a way to wait for a position
 * (read-your-writes). A `ProjectionRunner` on this thread is one; `ViewsWorker` is the other.
 */
export interface LiveViews {
  /**
   * This thread's connection to `views.db`, for queries. Only the thread that applies the events
   * writes the views (two writers would make each other's transactions fail with SQLITE_BUSY_SNAPSHOT).
   */
  readonly db: Database.Database;
  /** The `$all` position the views have reached (null: nothing yet). */
  readonly checkpoint: bigint | null;
  /** Resolves true once the views have reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs?: number): Promise<boolean>;
  /** Has the views' writer write what time alone has made true by `now` (the findings clock); resolves to the new rows. */
  advanceClock(now: Date): Promise<number>;
  close(): Promise<void>;
}

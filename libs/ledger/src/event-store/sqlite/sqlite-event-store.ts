import { randomUUID } from 'node:crypto';
import { asError } from '../as-error.js';
import { createPrivateFile } from '../../config/private-files.js';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { consecutiveRanges } from '../range-pool/ordered-range-pool.js';
import {
  EventStoreUnavailableError,
  METADATA_HEAD_CHARS,
  WrongExpectedVersionError,
  type ActualRevision,
  type AllScan,
  type CommitSignals,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type ScannedEntry,
  type ScannedEvent,
  type SharedScanSource,
  type SubscribeToAllOptions,
} from '../event-store.port.js';

export interface SqliteEventStoreOptions {
  /** Path of `events.db`; its directory is created when missing. */
  readonly file: string;
  /**
   * How often an idle subscription re-reads the file. In-process appends wake subscriptions at
   * once; the poll exists so that another process writing the same file (the CLI) is seen too.
   */
  readonly pollIntervalMs?: number;
  /** Rows fetched per query while a subscription catches up. */
  readonly subscriptionPageSize?: number;
  /**
   * How long a write waits for another connection's lock. better-sqlite3 waits synchronously,
   * so this blocks the event loop; keep it short enough to matter only when the CLI is writing.
   */
  readonly busyTimeoutMs?: number;
}

export interface SqliteEventStoreStats {
  /** Committed-or-attempted write transactions: one per group-commit batch, i.e. one fsync each. */
  readonly transactions: number;
  /** appendToStream calls that reached a batch. */
  readonly appendRequests: number;
  readonly eventsWritten: number;
}

export interface SqliteEventStoreSettings {
  readonly journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  readonly synchronous: number;
  readonly busyTimeoutMs: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;
const DEFAULT_PAGE_SIZE = 256;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** What an empty append to a stream that does not exist reports (ESDB's numeric "no stream"). */
const NO_STREAM = -1n;

const MAX_INT64 = (1n << 63n) - 1n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 0),
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
`;

interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface StreamHead {
  revision: bigint;
  position: bigint;
}

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly Required<EventToAppend>[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

/**
 * The embedded event store: one SQLite file, WAL, synchronous=FULL, with appends group-committed
 * (every append requested during one event-loop turn shares one transaction and one fsync).
 *
 * better-sqlite3 is synchronous, so a batch runs start to finish without interleaving with other
 * JavaScript; that is what makes the per-request checks inside a batch race-free.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;

  private readonly db: Database.Database;
  private readonly file: string;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly busyTimeoutMs: number;

  private queue: PendingAppend[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private closed = false;
  /** Idle subscriptions waiting for the next commit (or close). */
  private readonly wakers = new Set<() => void>();
  private readonly commitListeners = new Set<() => void>();
  private counters = { transactions: 0, appendRequests: 0, eventsWritten: 0 };

  private readonly headStmt: Database.Statement<[string], StreamHead>;
  private readonly insertStmt: Database.Statement<[string, string, bigint, string, string, string, string]>;
  private readonly streamForwardStmt: Database.Statement<[string, bigint, number], EventRow>;
  private readonly streamBackwardStmt: Database.Statement<[string, bigint, number], EventRow>;
  private readonly streamForwardUnlimitedStmt: Database.Statement<[string, bigint], EventRow>;
  private readonly streamBackwardUnlimitedStmt: Database.Statement<[string, bigint], EventRow>;
  private readonly streamLastStmt: Database.Statement<[string, bigint], EventRow>;
  private readonly allFromStmt: Database.Statement<[bigint, number], EventRow>;
  private readonly allAfterStmt: Database.Statement<[bigint, number], EventRow>;
  private readonly headPositionStmt: Database.Statement<[], bigint | null>;

  private readonly writeBatch: Database.Transaction<(batch: readonly PendingAppend[], recordedAt: string) => Outcome[]>;
  private readonly insertEvents: Database.Transaction<
    (request: PendingAppend, firstRevision: bigint, recordedAt: string) => AppendResult
  >;

  static open(file: string, options: Omit<SqliteEventStoreOptions, 'file'> = {}): SqliteEventStore {
    return new SqliteEventStore({ ...options, file });
  }

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.pageSize = options.subscriptionPageSize ?? DEFAULT_PAGE_SIZE;
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
      throw new RangeError(`subscriptionPageSize must be a positive integer, got ${this.pageSize}`);
    }
    this.file = options.file;
    createPrivateFile(options.file);

    this.db = new Database(options.file, { timeout: this.busyTimeoutMs });
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.defaultSafeIntegers(true);
      this.db.exec(SCHEMA);
    } catch (error) {
      this.db.close();
      throw error;
    }

    const columns = 'position, id, stream, revision, type, data, metadata, recorded_at';
    this.headStmt = this.db.prepare(
      'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insertStmt = this.db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // LIMIT -1 means "no limit" in SQLite.
    this.streamForwardStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.streamBackwardStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    // A bound LIMIT costs a stream read 10-15 µs more than none or a literal one (measured on SQLite
    // 3.4x via better-sqlite3 12), and every command reads streams: the usual shapes get their own.
    this.streamForwardUnlimitedStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC`,
    );
    this.streamBackwardUnlimitedStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC`,
    );
    this.streamLastStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT 1`,
    );
    this.allFromStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`,
    );
    this.allAfterStmt = this.db.prepare(
      `SELECT ${columns} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    );
    this.headPositionStmt = this.db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck();

    this.insertEvents = this.db.transaction((request: PendingAppend, firstRevision: bigint, recordedAt: string) => {
      let revision = firstRevision;
      let position = 0n;
      for (const event of request.events) {
        const info = this.insertStmt.run(
          event.id,
          request.stream,
          revision,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
        position = BigInt(info.lastInsertRowid);
        revision += 1n;
      }
      return { nextExpectedRevision: revision - 1n, position };
    });

    this.writeBatch = this.db.transaction((batch: readonly PendingAppend[], recordedAt: string) => {
      const outcomes: Outcome[] = [];
      for (const request of batch) {
        // Read inside the transaction so the heads include what earlier requests of this batch wrote.
        const head = this.headStmt.get(request.stream);
        const actual: ActualRevision = head ? head.revision : 'no_stream';
        if (!satisfies(request.expected, actual)) {
          outcomes.push({ ok: false, error: new WrongExpectedVersionError(request.stream, request.expected, actual) });
          continue;
        }
        if (request.events.length === 0) {
          const result = head
            ? { nextExpectedRevision: head.revision, position: head.position }
            : { nextExpectedRevision: NO_STREAM, position: NO_STREAM };
          outcomes.push({ ok: true, result });
          continue;
        }
        try {
          // Nested call = SAVEPOINT: a request that fails (e.g. a duplicate event id) rolls back alone.
          outcomes.push({ ok: true, result: this.insertEvents(request, head ? head.revision + 1n : 0n, recordedAt) });
        } catch (error) {
          // Some errors (disk full, I/O) make SQLite roll the whole transaction back; carrying on would
          // run the remaining requests in autocommit mode, so fail the batch instead.
          if (!this.db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }

  get stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  /** The connection's effective settings, so tests and health checks can verify durability. */
  settings(): SqliteEventStoreSettings {
    this.assertOpen();
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The sqlite event store is closed'));
    let request: Omit<PendingAppend, 'resolve' | 'reject'>;
    try {
      request = {
        stream: checkStreamName(stream),
        events: events.map(normaliseEvent),
        expected: checkExpectedRevision(options.expectedRevision ?? 'any'),
      };
    } catch (error) {
      return Promise.reject(asError(error));
    }
    // Queued synchronously so that every append requested in this turn lands in the same batch.
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.flushHandle ??= setImmediate(() => this.flush());
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamName(stream);
    const direction = options.direction ?? 'forwards';
    const limit = checkMaxCount(options.maxCount);
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (typeof from === 'bigint' && from < 0n) throw new RangeError(`fromRevision must not be negative, got ${from}`);
    if (direction === 'forwards') {
      // Forwards from the end reads past the last event: nothing, as in EventStoreDB.
      if (from === 'end') return [];
      const start = from === 'start' ? 0n : from;
      const rows = limit === -1 ? this.streamForwardUnlimitedStmt.all(stream, start) : this.streamForwardStmt.all(stream, start, limit);
      return rows.map(toRecordedEvent);
    }
    if (direction !== 'backwards') throw new RangeError(`Unknown direction ${String(direction)}`);
    const upTo = from === 'end' ? MAX_INT64 : from === 'start' ? 0n : from;
    const rows =
      limit === -1
        ? this.streamBackwardUnlimitedStmt.all(stream, upTo)
        : limit === 1
          ? this.streamLastStmt.all(stream, upTo)
          : this.streamBackwardStmt.all(stream, upTo, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = checkMaxCount(options.maxCount);
    const from = options.fromPosition ?? 'start';
    return this.allFromStmt.all(from === 'start' ? 0n : from, limit).map(toRecordedEvent);
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    return this.headPositionStmt.get() ?? null;
  }

  /**
   * `$all` as flat rows on this connection, by ranges of positions; `shared` names the file, so
   * that worker threads can read ranges of it on connections of their own (`openSqliteScan`).
   */
  allScan(): AllScan {
    this.assertOpen();
    const inMemory = this.file === ':memory:' || this.file === '';
    return scanOver(this.db, inMemory ? undefined : { kind: 'sqlite', file: resolve(this.file) });
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.fromPosition ?? -1n;
    const signal = options.signal;
    return { [Symbol.asyncIterator]: () => this.follow(after, signal) };
  }

  /**
   * Idempotent. Appends already queued are committed first (their callers get their results),
   * subscriptions end, later appends and reads fail with EventStoreUnavailableError.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushHandle) clearImmediate(this.flushHandle);
    this.flush();
    this.wakeSubscriptions();
    this.db.close();
  }

  commitSignals(): CommitSignals {
    return this;
  }

  /**
   * Calls `listener` after every commit that wrote events (e.g. to wake a follower on another
   * connection). Returns an unsubscribe.
   */
  onCommitted(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * Another connection to the same file (the API's views worker follows the ledger on its own) has
   * committed: subscriptions look now instead of at their next poll.
   */
  wake(): void {
    if (!this.closed) this.wakeSubscriptions();
  }

  private flush(): void {
    this.flushHandle = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;

    this.counters.transactions += 1;
    this.counters.appendRequests += batch.length;
    let outcomes: Outcome[];
    try {
      // IMMEDIATE takes the write lock up front, so a second process (the CLI) makes us wait
      // for busy_timeout instead of failing with a lock-upgrade deadlock halfway through.
      outcomes = this.writeBatch.immediate(batch, new Date().toISOString());
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    let wrote = false;
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        if (request.events.length > 0) {
          wrote = true;
          this.counters.eventsWritten += request.events.length;
        }
        request.resolve(outcome.result);
      } else {
        request.reject(outcome.error);
      }
    });
    if (wrote) {
      this.wakeSubscriptions();
      for (const listener of this.commitListeners) {
        try {
          listener();
        } catch {
          // The commit has succeeded and its callers have their results; a listener cannot undo that.
        }
      }
    }
  }

  private wakeSubscriptions(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }

  private async *follow(after: bigint, signal: AbortSignal | undefined): AsyncGenerator<RecordedEvent, void, undefined> {
    if (this.closed) throw new EventStoreUnavailableError('The sqlite event store is closed');
    let last = after;
    while (!this.closed && !signal?.aborted) {
      // Armed before the query: a commit landing between "page was empty" and "start waiting"
      // must still wake us.
      const wait = this.armWait();
      let rows: EventRow[];
      try {
        rows = this.allAfterStmt.all(last, this.pageSize);
      } catch (error) {
        wait.cancel();
        throw error;
      }
      if (rows.length === 0) {
        await wait.until(this.pollIntervalMs, signal);
        continue;
      }
      wait.cancel();
      for (const row of rows) {
        if (this.closed || signal?.aborted) return;
        const event = toRecordedEvent(row);
        last = event.position;
        yield event;
      }
      // Queries are synchronous and yields are microtasks: without a macrotask turn per page, a long
      // catch-up would starve timers, I/O and the group-commit flush until it reached the head.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private armWait(): { cancel(): void; until(ms: number, signal: AbortSignal | undefined): Promise<void> } {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.wakers.add(wake);
    return {
      cancel: () => {
        this.wakers.delete(wake);
      },
      until: async (ms, signal) => {
        // unref'd: an idle subscription alone must not keep the process (or jest) alive.
        const timer = setTimeout(wake, ms).unref();
        signal?.addEventListener('abort', wake, { once: true });
        try {
          await woken;
        } finally {
          clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          this.wakers.delete(wake);
        }
      },
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The sqlite event store is closed');
  }
}

/**
 * How much of the file a scan connection maps into memory: a whole-ledger scan then reads its pages
 * in place instead of copying each through a read() call into SQLite's page cache (a third of the
 * cost of reading a row). SQLite caps it at its compile-time limit (2 GiB); past that it reads.
 */
const SCAN_MMAP_BYTES = 2 ** 31;

/**
 * Opens, in the calling thread, the scan that `SqliteEventStore.allScan()` shares: a read-only
 * connection of its own to the file, memory-mapped. Close it when done.
 */
export function openSqliteScan(file: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): AllScan & { close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  db.defaultSafeIntegers(true);
  db.pragma(`mmap_size = ${SCAN_MMAP_BYTES}`);
  return { ...scanOver(db, { kind: 'sqlite', file }), close: () => db.close() };
}

/**
 * Positions a scan reads with one call into SQLite. `all()` over a chunk builds its rows in one native
 * call; `iterate()` crosses into SQLite and back once per row, which made a scan of 1M events about a
 * third slower. Events at or before `bounds().last` never change, so chunks need no common snapshot.
 */
const SCAN_CHUNK = 512;

/** The whole-ledger scan over one connection (which must return integers as bigint). */
function scanOver(db: Database.Database, shared: SharedScanSource | undefined): AllScan {
  // Two sub-queries: SQLite reads a lone MIN or MAX off the primary key, but scans the table for both at once.
  const boundsStmt = db.prepare<[], { first: bigint | null; last: bigint | null }>(
    'SELECT (SELECT MIN(position) FROM events) AS first, (SELECT MAX(position) FROM events) AS last',
  );
  // raw(): one array per row in ScannedEvent's column order, no object with named keys.
  const rangeStmt = db
    .prepare<[bigint, bigint], unknown[]>(
      'SELECT position, stream, revision, type, data, metadata FROM events WHERE position BETWEEN ? AND ? ORDER BY position',
    )
    .raw();
  const entriesStmt = db
    .prepare<[bigint, bigint], unknown[]>(
      `SELECT position, id, stream, revision, substr(metadata, 1, ${METADATA_HEAD_CHARS}) FROM events WHERE position BETWEEN ? AND ? ORDER BY position`,
    )
    .raw();
  const streamStmt = db
    .prepare<[string], unknown[]>('SELECT position, stream, revision, type, data, metadata FROM events WHERE stream = ? ORDER BY revision')
    .raw();
  return {
    bounds() {
      const { first, last } = boundsStmt.get()!;
      return first === null || last === null ? null : { first, last };
    },
    scan(from, to, visit) {
      for (const [chunkFrom, chunkTo] of consecutiveRanges(from, to, SCAN_CHUNK)) {
        for (const row of rangeStmt.all(chunkFrom, chunkTo)) if (!visit(row as unknown as ScannedEvent)) return;
      }
    },
    scanEntries(from, to, visit) {
      for (const [chunkFrom, chunkTo] of consecutiveRanges(from, to, SCAN_CHUNK)) {
        for (const row of entriesStmt.all(chunkFrom, chunkTo)) if (!visit(row as unknown as ScannedEntry)) return;
      }
    },
    scanStream(stream, visit) {
      for (const row of streamStmt.iterate(stream)) if (!visit(row as unknown as ScannedEvent)) break;
    },
    ...(shared ? { shared } : {}),
  };
}

function satisfies(expected: ExpectedRevision, actual: ActualRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

function checkStreamName(stream: string): string {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('A stream name must be a non-empty string');
  return stream;
}

function checkExpectedRevision(expected: ExpectedRevision): ExpectedRevision {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`An exact expectedRevision must not be negative, got ${expected}`);
    return expected;
  }
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  throw new TypeError(`Unknown expectedRevision ${String(expected)}`);
}

function checkMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

function normaliseEvent(event: EventToAppend): Required<EventToAppend> {
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('An event type must be a non-empty string');
  if (typeof event.data !== 'string' || typeof event.metadata !== 'string') {
    throw new TypeError('Event data and metadata must be JSON text (strings)');
  }
  // EventStoreDB only accepts UUIDs; insisting here too keeps the adapters interchangeable.
  if (event.id !== undefined && !UUID.test(event.id)) throw new TypeError(`An event id must be a UUID, got ${event.id}`);
  return { id: event.id ?? randomUUID(), type: event.type, data: event.data, metadata: event.metadata };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
  };
}

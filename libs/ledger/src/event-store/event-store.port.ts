/**
 * The event-store port. Every adapter (sqlite, eventstoredb) implements exactly this, and
 * `test/contract/event-store.contract.ts` holds the behaviour they must all share.
 *
 * `data` and `metadata` are JSON *text*: the adapter stores these exact bytes and returns them
 * unchanged, because the integrity chain hashes what is stored and must never re-serialise.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Expected-revision semantics are EventStoreDB's. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** UUID; the adapter makes one when absent. */
  readonly id?: string;
  readonly type: string;
  /** JSON text of an object, stored byte for byte. */
  readonly data: string;
  /** JSON text of an object, stored byte for byte. */
  readonly metadata: string;
}

export interface RecordedEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  /** Position in `$all`; strictly increasing in commit order. */
  readonly position: bigint;
  readonly type: string;
  /** The exact JSON text that was appended. */
  readonly data: string;
  /** The exact JSON text that was appended. */
  readonly metadata: string;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event written: the `expectedRevision` for the next append. */
  readonly nextExpectedRevision: bigint;
  /** `$all` position of the last event written. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. Default: `start` forwards, `end` backwards. */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive. Default: the start of `$all`. */
  readonly fromPosition?: bigint | 'start';
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the one after this position. Absent: from the start. */
  readonly fromPosition?: bigint;
  /** Aborting ends the iteration cleanly. */
  readonly signal?: AbortSignal;
}

/**
 * One event of `$all` as a whole-ledger scan yields it: the fields the hash chain covers plus the
 * position, as one flat row (no id, no Date, no object per event). Same values as `RecordedEvent`.
 */
export type ScannedEvent = readonly [position: bigint, stream: string, revision: bigint, type: string, data: string, metadata: string];

/**
 * How much of the stored metadata text a `ScannedEntry` carries: the longest chain fields
 * (`{"hash":"…","prev":"…"`, 148 characters), the character after them, and one more, so that a
 * cut text is still longer than any chain fields when the whole is.
 */
export const METADATA_HEAD_CHARS = 150;

/**
 * One event of `$all` as the Merkle log needs it: its place, its id, and the first
 * `METADATA_HEAD_CHARS` characters of its stored metadata (its chain fields), without the data:
 * building the log reads every event, and the data is most of its bytes.
 */
export type ScannedEntry = readonly [position: bigint, id: string, stream: string, revision: bigint, metadataHead: string];

/**
 * Optional capability (see `EventStore.allScan`): all of `$all`, read synchronously by inclusive
 * ranges of positions, for callers that read every event (`ledger verify`). Ranges let a caller
 * split `$all` and read the parts in parallel; `shared` says how another thread opens the same scan.
 */
export interface AllScan {
  /** Positions of the first and the last event in `$all` now; null when `$all` is empty. */
  bounds(): { readonly first: bigint; readonly last: bigint } | null;
  /**
   * Calls `visit` for every event with `from <= position <= to`, in `$all` order, before returning;
   * stops early when `visit` returns false. The scan must not be used again from inside `visit`.
   */
  scan(from: bigint, to: bigint, visit: (event: ScannedEvent) => boolean): void;
  /** As `scan`, but only what a log leaf commits to (see `ScannedEntry`). */
  scanEntries(from: bigint, to: bigint, visit: (entry: ScannedEntry) => boolean): void;
  /** As `scan`, over one stream's events in revision order (a rebuild's worker reads a case back with it). */
  scanStream(stream: string, visit: (event: ScannedEvent) => boolean): void;
  /** How a worker thread opens this scan on its own connection; absent when none can (`:memory:`). */
  readonly shared?: SharedScanSource;
}

/** Structured-cloneable: the sqlite adapter's `openSqliteScan(file)` opens it in any thread. */
export interface SharedScanSource {
  readonly kind: 'sqlite';
  /** Absolute path of the database file. */
  readonly file: string;
}

/**
 * Optional capability (see `EventStore.commitSignals`): an embedded store that several connections in
 * one process share (the API thread appends, the views worker follows on its own connection). Each
 * commit can wake the other connections' subscriptions at once instead of at their next poll.
 */
export interface CommitSignals {
  /** Calls `listener` after every commit that wrote events. Returns an unsubscribe. */
  onCommitted(listener: () => void): () => void;
  /** Another connection to the same ledger has committed: subscriptions look now. */
  wake(): void;
}

export type EventStoreKind = 'sqlite' | 'eventstoredb';

export interface EventStore {
  readonly kind: EventStoreKind;
  appendToStream(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** User events only (no system or stream-metadata events), in `$all` order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up, then live, with no gap and no duplicate across the hand-over. */
  subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;
  /** Position of the newest user event in `$all`, or null when empty. */
  headPosition(): Promise<bigint | null>;
  /**
   * Optional fast path for reading every event (see `AllScan`). An adapter offers it only when it
   * can read `$all` much faster than through `readAll` pages; callers must fall back to `readAll`
   * when it is absent (the eventstoredb adapter has none).
   */
  allScan?(): AllScan;
  /** Optional: commit signals between connections of one process (see `CommitSignals`); a server-based store needs none. */
  commitSignals?(): CommitSignals;
  close(): Promise<void>;
}

export type ActualRevision = bigint | 'no_stream';

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Wrong expected version on ${stream}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

/** The store cannot be reached or has been closed. */
export class EventStoreUnavailableError extends Error {
  override readonly name: string = 'EventStoreUnavailableError';
}

/**
 * An append whose outcome could not be learnt: it may have been written, or not (a commit timeout, a
 * lost answer, the store gone mid-call), and every retry with the same event ids failed the same way.
 * Never re-run the command that made it: the events carry ids, and a later command recognises them.
 */
export class AppendOutcomeUnknownError extends EventStoreUnavailableError {
  override readonly name = 'AppendOutcomeUnknownError';
  constructor(
    readonly stream: string,
    readonly eventIds: readonly string[],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The in-memory transaction log behind the EventStoreDB protocol test server.
 *
 * TEST SUPPORT ONLY: nothing here is durable, bounded or concurrent-safe beyond one Node process.
 * It models just enough of EventStoreDB's write and read semantics for an adapter built on the
 * real client to be tested against it: per-stream revisions from 0, a global `$all` order whose
 * positions are byte offsets (strictly increasing, NOT contiguous), commit position = prepare
 * position for every event, the four expected-revision checks, and idempotent re-appends of the
 * same event ids.
 */

export interface StoredEvent {
  /** Lower-case canonical UUID. */
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  /** Commit position; the prepare position is the same number. */
  readonly position: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  readonly createdTicks: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export type ExpectedRevisionOption =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** `currentRevision: null` is "no stream". */
export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint | null; readonly position: bigint | null }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | null };

export interface InMemoryLogOptions {
  /**
   * Position of the first event written. A real node starts user events well above 0 (the log
   * begins with epoch records); use a large value such as `2n ** 60n` to check that positions
   * stay bigint end to end.
   */
  readonly firstPosition?: bigint;
  /** Clock for `created`, in ms since the epoch. */
  readonly now?: () => number;
}

const TICKS_PER_MS = 10_000n;
/** Rough size of a prepare record's fixed part; positions advance by the record size like ESDB's. */
const RECORD_OVERHEAD = 85n;
const utf8 = new TextEncoder();

export type LogListener = (events: readonly StoredEvent[]) => void;

export class InMemoryLog {
  readonly #all: StoredEvent[] = [];
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #listeners = new Set<LogListener>();
  /** Where each record starts: the events' positions and those of the empty records of zero-event appends. */
  readonly #boundaries = new Set<bigint>();
  readonly #firstPosition: bigint;
  readonly #now: () => number;
  #nextPosition: bigint;

  constructor(options: InMemoryLogOptions = {}) {
    this.#nextPosition = options.firstPosition ?? 256n;
    if (this.#nextPosition < 0n) throw new RangeError('firstPosition must be >= 0');
    this.#firstPosition = this.#nextPosition;
    this.#now = options.now ?? Date.now;
  }

  /** Every event in `$all` order (read-only view). */
  get all(): readonly StoredEvent[] {
    return this.#all;
  }

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.#streams.get(name);
  }

  /** Last revision of the stream, or null when it does not exist. */
  currentRevision(name: string): bigint | null {
    const events = this.#streams.get(name);
    return events && events.length > 0 ? events[events.length - 1].revision : null;
  }

  /**
   * Whether a record starts at `position` (an event's, an empty record's, the log's start or its
   * end): the only positions a real node reads `$all` from; any other is INVALID_ARGUMENT there.
   */
  isRecordBoundary(position: bigint): boolean {
    return position === 0n || position === this.#firstPosition || position === this.#nextPosition || this.#boundaries.has(position);
  }

  /** Listeners are called synchronously, inside `append`, after the events are in the log. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  append(stream: string, expected: ExpectedRevisionOption, proposed: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.#streams.get(stream) ?? [];
    const current = existing.length > 0 ? existing[existing.length - 1].revision : null;

    const expectedMatches = (() => {
      switch (expected.kind) {
        case 'any':
          return true;
        case 'no_stream':
          return current === null;
        case 'stream_exists':
          return current !== null;
        case 'revision':
          return current === expected.revision;
      }
    })();

    // Idempotency, as EventStoreDB does it: re-sending events whose ids are already in the stream
    // at the revisions the request would have given them succeeds without writing again.
    const idempotent = this.#idempotentResult(existing, expected, proposed, expectedMatches);
    if (idempotent) return idempotent;
    if (!expectedMatches) return { kind: 'wrong_expected_version', currentRevision: current };

    if (proposed.length === 0) {
      // The real node writes an empty prepare record and answers with its position: no event's.
      const position = this.#reserve(RECORD_OVERHEAD + BigInt(utf8.encode(stream).length));
      return { kind: 'success', currentRevision: current, position };
    }

    const created = BigInt(this.#now()) * TICKS_PER_MS;
    const written: StoredEvent[] = [];
    let revision = current === null ? 0n : current + 1n;
    for (const event of proposed) {
      const position = this.#reserve(
        RECORD_OVERHEAD + BigInt(utf8.encode(stream).length + utf8.encode(event.type).length + event.data.length + event.metadata.length),
      );
      written.push({
        id: event.id,
        stream,
        revision,
        position,
        type: event.type,
        isJson: event.isJson,
        data: event.data,
        metadata: event.metadata,
        createdTicks: created,
      });
      revision += 1n;
    }
    if (existing.length === 0) this.#streams.set(stream, existing);
    existing.push(...written);
    this.#all.push(...written);
    for (const listener of [...this.#listeners]) listener(written);
    const last = written[written.length - 1];
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** Takes the next record's place in the log. */
  #reserve(size: bigint): bigint {
    const position = this.#nextPosition;
    this.#nextPosition += size + (8n - (size % 8n)); // 8-byte aligned, never contiguous
    this.#boundaries.add(position);
    return position;
  }

  #idempotentResult(
    existing: readonly StoredEvent[],
    expected: ExpectedRevisionOption,
    proposed: readonly ProposedEvent[],
    expectedMatches: boolean,
  ): AppendOutcome | null {
    if (proposed.length === 0 || existing.length === 0) return null;
    let start: number;
    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      if (expectedMatches) return null;
      const after = expected.kind === 'no_stream' ? -1n : expected.revision;
      if (after >= BigInt(existing.length - 1)) return null;
      start = Number(after + 1n);
    } else {
      // any / stream_exists: look the first id up in the stream.
      start = existing.findIndex((event) => event.id === proposed[0].id);
      if (start < 0) return null;
    }
    if (start + proposed.length > existing.length) return null;
    for (let i = 0; i < proposed.length; i++) {
      if (existing[start + i].id !== proposed[i].id) return null;
    }
    const last = existing[start + proposed.length - 1];
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }
}

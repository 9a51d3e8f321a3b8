/**
 * The production event store: EventStoreDB (or KurrentDB) over gRPC, through `@eventstore/db-client`
 * 6.2.1. `LEDGER_STORE=eventstoredb`, `EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false`.
 *
 * Bytes: `data` and `metadata` are sent as their UTF-8 bytes with content type `application/json`
 * (so EventStoreDB itself still sees JSON events) and read back from the raw bytes of the gRPC
 * message, never through JSON.parse / JSON.stringify; see `esdb-grpc.ts` for why this bypasses the
 * client's public event API.
 *
 * Cluster: every call carries `requires-leader` (a lagging follower would show stale heads and a
 * short `$all`); a follower's `not-leader` answer makes the client reconnect to the leader it names,
 * and the call is tried again there. Calls failing while the cluster changes are tried again (see
 * `retry`); an append always with the same event ids, so that a write whose answer was lost is
 * answered by the node's idempotent append rather than written twice (`classifyFailure`).
 *
 * Positions: an event's position is its `$all` commit position (a uint64, kept as bigint). Reading
 * `$all` from a position P asks EventStoreDB for Position(commit P, prepare P), which is inclusive
 * for an event whose commit and prepare positions are equal, as they are for every event written
 * through Streams.Append.
 */
import { randomUUID } from 'node:crypto';
import { asError } from '../as-error.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as grpc from '@grpc/grpc-js';
import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  NotLeaderError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  convertToCommandError,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import {
  clientInternals,
  sharedPb,
  streamIdentifier,
  streamsGrpc,
  streamsPb,
  uuidFromMessage,
  uuidMessage,
  type ClientInternals,
  type StreamsClient,
} from './esdb-grpc.js';

type ReadResp = streamsPb.ReadResp;
type ReadEvent = streamsPb.ReadResp.ReadEvent;

export interface EventStoreDbEventStoreOptions {
  /** Backoff between resubscriptions after a subscription drops: doubles from `initialDelayMs` up to `maxDelayMs`. */
  readonly resubscribe?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Page size when `readAll` / `headPosition` scan past system events. Default 500. */
  readonly readPageSize?: number;
  /** Events a subscription buffers before it pauses the gRPC stream (backpressure). Default 512. */
  readonly subscriptionBuffer?: number;
  /**
   * How a call that failed for a passing reason (no leader yet, a node down, a deadline, a commit
   * timeout) is tried again: `attempts` in all, waiting from `initialDelayMs`, doubling. An append is
   * re-sent with the same event ids, so a write that did commit is answered by the server's
   * idempotent append instead of being written twice. Default 6 attempts from 100 ms (about 3 s).
   */
  readonly retry?: { readonly attempts?: number; readonly initialDelayMs?: number };
}

/** The client's uint64 "no position" (-1 on the server). */
const NO_POSITION = 2n ** 64n - 1n;
const TICKS_PER_MS = 10_000n;
const JSON_CONTENT_TYPE = 'application/json';
const MAX_COUNT = Number.MAX_SAFE_INTEGER.toString(10);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ------------------------------------------------------------------ expected revision, both ways

/** Port → client. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** Client → port. */
export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      return BigInt(expected);
  }
}

/** The client's WrongExpectedVersionError as the port's. */
export function fromClientWrongExpectedVersion(
  error: ClientWrongExpectedVersionError,
  stream?: string,
): WrongExpectedVersionError {
  const actual: CurrentRevision = error.actualVersion;
  return new WrongExpectedVersionError(
    error.streamName || stream || '',
    fromClientExpectedRevision(error.expectedVersion),
    actual === NO_STREAM ? 'no_stream' : BigInt(actual),
  );
}

// ------------------------------------------------------------------ the adapter

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;

  readonly #client: EventStoreDBClient;
  readonly #internals: ClientInternals;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #pageSize: number;
  readonly #subscriptionBuffer: number;
  readonly #retryAttempts: number;
  readonly #retryDelayMs: number;
  /** Calls in flight, cancelled by `close()`. */
  readonly #calls = new Set<{ cancel(): void }>();
  /** Every channel a call went out on; the client's `dispose()` leaves channels open. */
  readonly #channels = new Set<grpc.ChannelInterface>();
  /** One per running subscription; `close()` aborts them so their loops end cleanly. */
  readonly #subscriptions = new Set<AbortController>();
  #closed = false;

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    this.#client = EventStoreDBClient.connectionString(connectionString);
    this.#internals = clientInternals(this.#client);
    this.#initialDelayMs = Math.max(1, options.resubscribe?.initialDelayMs ?? 100);
    this.#maxDelayMs = Math.max(this.#initialDelayMs, options.resubscribe?.maxDelayMs ?? 5_000);
    this.#pageSize = Math.max(1, options.readPageSize ?? 500);
    this.#subscriptionBuffer = Math.max(1, options.subscriptionBuffer ?? 512);
    this.#retryAttempts = Math.max(1, options.retry?.attempts ?? 6);
    this.#retryDelayMs = Math.max(1, options.retry?.initialDelayMs ?? 100);
  }

  // ---------------------------------------------------------------- append

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = toClientExpectedRevision(options.expectedRevision ?? 'any');
    const header = new streamsPb.AppendReq();
    const appendOptions = new streamsPb.AppendReq.Options();
    appendOptions.setStreamIdentifier(streamIdentifier(stream));
    switch (expected) {
      case ANY:
        appendOptions.setAny(new sharedPb.Empty());
        break;
      case NO_STREAM:
        appendOptions.setNoStream(new sharedPb.Empty());
        break;
      case STREAM_EXISTS:
        appendOptions.setStreamExists(new sharedPb.Empty());
        break;
      default:
        appendOptions.setRevision(expected.toString(10));
    }
    header.setOptions(appendOptions);
    const messages = events.map((event) => {
      const message = new streamsPb.AppendReq.ProposedMessage();
      message.setId(uuidMessage(event.id ?? randomUUID()));
      message.getMetadataMap().set('type', event.type);
      message.getMetadataMap().set('content-type', JSON_CONTENT_TYPE);
      message.setData(utf8Bytes(event.data, 'data'));
      message.setCustomMetadata(utf8Bytes(event.metadata, 'metadata'));
      const request = new streamsPb.AppendReq();
      request.setProposedMessage(message);
      return request;
    });

    const ids = messages.map((request) => request.getProposedMessage()!.getId()!.getString().toLowerCase());

    const send = (client: StreamsClient) =>
      new Promise<streamsPb.AppendResp>((resolve, reject) => {
        const call = client.append(...this.#internals.callArguments({ requiresLeader: true }), (error, reply) => {
          this.#calls.delete(call);
          if (error) reject(error);
          else resolve(reply);
        });
        this.#calls.add(call);
        call.on('error', reject); // a failed write; the status itself arrives through the callback
        call.write(header);
        for (const message of messages) call.write(message);
        call.end();
      });

    // Every attempt sends the very same messages (the same event ids): after a failure that may
    // have hidden a commit, the server's idempotent append answers the retry with the first write.
    let ambiguous: unknown = null;
    let response: streamsPb.AppendResp | null = null;
    for (let attempt = 1; response === null; attempt++) {
      try {
        response = await this.#once('appendToStream', send);
      } catch (error) {
        if (this.#closed) throw this.#closedError(error);
        const failure = classifyFailure(error);
        if (failure === 'ambiguous') ambiguous = error;
        if (failure === 'definite' || attempt >= this.#retryAttempts) {
          if (ambiguous !== null && events.length > 0) {
            throw new AppendOutcomeUnknownError(stream, ids, `The append to ${stream} may or may not have been written: ${describe(error)}`, { cause: error });
          }
          throw mapError(error, stream);
        }
        await this.#backOff(attempt);
      }
    }

    if (response.hasWrongExpectedVersion()) {
      // A retry after an unclear failure: the first attempt may be the one that moved the stream on.
      if (ambiguous !== null && events.length > 0) {
        const own = await this.#ownAppend(stream, expected, ids);
        if (own) return own;
      }
      const wrong = response.getWrongExpectedVersion()!;
      // As the client's own Streams.Append path builds it, then mapped to the port's error.
      const clientError = new ClientWrongExpectedVersionError(undefined, {
        streamName: stream,
        expected,
        current: wrong.hasCurrentRevision()
          ? BigInt(wrong.getCurrentRevision())
          : wrong.hasCurrentRevision2060()
            ? BigInt(wrong.getCurrentRevision2060())
            : NO_STREAM,
      });
      throw fromClientWrongExpectedVersion(clientError, stream);
    }
    const success = response.getSuccess();
    if (!success) throw new Error(`EventStoreDB answered the append to ${stream} with neither success nor a conflict`);
    if (!success.hasCurrentRevision()) return { nextExpectedRevision: -1n, position: -1n };
    const revision = BigInt(success.getCurrentRevision());
    const position = success.hasPosition() ? BigInt(success.getPosition()!.getCommitPosition()) : null;
    // An append of zero events writes an empty record on a real node (whose position is no event's)
    // and none on older ones: either way the answer is the stream's last event.
    if (events.length > 0 && position !== null && position !== NO_POSITION) return { nextExpectedRevision: revision, position };
    const [last] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!last) throw new Error(`EventStoreDB reported ${stream}@${revision}, which cannot be read back`);
    return { nextExpectedRevision: revision, position: last.position };
  }

  /**
   * Whether the events with these ids are in the stream where this append would have put them
   * (right after the expected revision; anywhere for `any` / `stream_exists`): then the append
   * whose answer was lost did commit, and its result is read back.
   */
  async #ownAppend(stream: string, expected: AppendExpectedRevision, ids: readonly string[]): Promise<AppendResult | null> {
    const from = typeof expected === 'bigint' ? expected + 1n : 0n;
    if (expected === ANY || expected === STREAM_EXISTS) {
      const all = await this.readStream(stream);
      const start = all.findIndex((event) => event.id === ids[0]);
      return start < 0 ? null : sameIds(all.slice(start, start + ids.length), ids);
    }
    return sameIds(await this.readStream(stream, { fromRevision: from, maxCount: ids.length }), ids);
  }

  // ---------------------------------------------------------------- reads

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const streamOptions = new streamsPb.ReadReq.Options.StreamOptions();
    streamOptions.setStreamIdentifier(streamIdentifier(stream));
    if (from === 'start') streamOptions.setStart(new sharedPb.Empty());
    else if (from === 'end') streamOptions.setEnd(new sharedPb.Empty());
    else streamOptions.setRevision(from.toString(10));
    const readOptions = baseReadOptions(backwards, options.maxCount);
    readOptions.setStream(streamOptions);

    const { events } = await this.#read('readStream', stream, readOptions);
    return events.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    let from: bigint | 'start' = options.fromPosition ?? 'start';
    let after: bigint | null = null; // pages after the first re-read their first event
    while (out.length < limit) {
      const want = Math.min(limit - out.length, this.#pageSize) + (after === null ? 0 : 1);
      const page = await this.#readAllPage(from, 'forwards', want);
      const seen = after;
      const fresh: RecordedEvent[] = seen === null ? page : page.filter((event) => event.position > seen);
      for (const event of fresh) {
        if (isUserEvent(event)) out.push(event);
        if (out.length >= limit) break;
      }
      if (page.length < want || fresh.length === 0) break;
      const lastSeen = fresh[fresh.length - 1].position;
      after = lastSeen;
      from = lastSeen;
    }
    return out;
  }

  async headPosition(): Promise<bigint | null> {
    let from: bigint | 'end' = 'end';
    let before: bigint | null = null;
    for (;;) {
      // Usually the newest event is a user event: ask for one, then page past system events.
      const want = before === null ? 1 : this.#pageSize + 1;
      const page = await this.#readAllPage(from, 'backwards', want);
      const seen = before;
      const fresh: RecordedEvent[] = seen === null ? page : page.filter((event) => event.position < seen);
      const newest = fresh.find(isUserEvent);
      if (newest) return newest.position;
      if (page.length < want || fresh.length === 0) return null;
      const oldestSeen = fresh[fresh.length - 1].position;
      before = oldestSeen;
      from = oldestSeen;
    }
  }

  async #readAllPage(from: bigint | 'start' | 'end', direction: 'forwards' | 'backwards', count: number): Promise<RecordedEvent[]> {
    const readOptions = baseReadOptions(direction === 'backwards', count);
    readOptions.setAll(allOptions(from));
    const { events } = await this.#read('readAll', '$all', readOptions);
    return events.map(toRecordedEvent);
  }

  /** One non-subscription Streams.Read, collected. A missing stream reads as no events. */
  async #read(debugName: string, stream: string, options: streamsPb.ReadReq.Options): Promise<{ events: ReadEvent[] }> {
    const request = new streamsPb.ReadReq();
    request.setOptions(options);
    return this.#call(debugName, stream, (client) => {
      return new Promise<{ events: ReadEvent[] }>((resolve, reject) => {
        const events: ReadEvent[] = [];
        const call = client.read(request, ...this.#internals.callArguments({ requiresLeader: true }, { deadline: Infinity }));
        this.#calls.add(call);
        call.on('data', (response: ReadResp) => {
          if (response.hasEvent()) events.push(response.getEvent()!);
          // stream_not_found, first/last stream position: nothing to collect.
        });
        call.on('error', (error) => {
          this.#calls.delete(call);
          reject(error);
        });
        call.on('end', () => {
          this.#calls.delete(call);
          resolve({ events });
        });
      });
    });
  }

  // ---------------------------------------------------------------- subscription

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent> {
    return { [Symbol.asyncIterator]: () => this.#subscribe(options) };
  }

  async *#subscribe({ fromPosition, signal }: SubscribeToAllOptions): AsyncGenerator<RecordedEvent> {
    if (signal?.aborted || this.#closed) return;
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    this.#subscriptions.add(controller);
    let last = fromPosition; // the last position received; a resubscription starts after it
    let failures = 0;
    try {
      while (!controller.signal.aborted) {
        let session: SubscriptionSession | null = null;
        try {
          session = await this.#openSubscription(last, controller.signal);
          for (;;) {
            const item = await session.next();
            if (item === null || controller.signal.aborted) break;
            if (item === 'caught_up') {
              failures = 0;
              continue;
            }
            failures = 0;
            last = item.position;
            if (!isUserEvent(item)) continue;
            yield item;
            if (controller.signal.aborted) return;
          }
          // The server ended the subscription (or we were aborted): resubscribe unless aborted.
        } catch (error) {
          if (controller.signal.aborted || this.#closed) return;
          if (!isTransient(error)) throw mapError(error);
          if (session) void this.#internals.handleError(session.grpcClient, error as Error).catch(() => undefined);
        } finally {
          session?.close();
        }
        if (controller.signal.aborted) return;
        const delay = Math.min(this.#maxDelayMs, this.#initialDelayMs * 2 ** Math.min(failures, 20));
        failures += 1;
        try {
          await sleep(delay, undefined, { signal: controller.signal });
        } catch {
          return; // aborted while waiting
        }
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      this.#subscriptions.delete(controller);
    }
  }

  async #openSubscription(after: bigint | undefined, signal: AbortSignal): Promise<SubscriptionSession> {
    const readOptions = new streamsPb.ReadReq.Options();
    readOptions.setAll(allOptions(after ?? 'start'));
    readOptions.setReadDirection(streamsPb.ReadReq.Options.ReadDirection.FORWARDS);
    readOptions.setResolveLinks(false);
    readOptions.setSubscription(new streamsPb.ReadReq.Options.SubscriptionOptions());
    readOptions.setNoFilter(new sharedPb.Empty());
    readOptions.setUuidOption(stringUuids());
    const request = new streamsPb.ReadReq();
    request.setOptions(readOptions);
    return this.#call('subscribeToAll', '$all', async (client) => {
      const call = client.read(request, ...this.#internals.callArguments({ requiresLeader: true }, { deadline: Infinity }));
      this.#calls.add(call);
      return new SubscriptionSession(call, client, signal, this.#subscriptionBuffer, () => this.#calls.delete(call));
    });
  }

  // ---------------------------------------------------------------- lifecycle

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of [...this.#subscriptions]) controller.abort();
    for (const call of [...this.#calls]) call.cancel();
    this.#calls.clear();
    await this.#client.dispose();
    for (const channel of this.#channels) channel.close();
    this.#channels.clear();
  }

  /**
   * Runs one gRPC action that is safe to repeat (a read), trying again after a passing failure (the
   * client has by then reconnected, to the leader a `not-leader` answer named), mapping errors to the port's.
   */
  async #call<T>(debugName: string, stream: string, action: (client: StreamsClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(debugName, action);
      } catch (error) {
        if (this.#closed) throw this.#closedError(error);
        if (classifyFailure(error) === 'definite' || attempt >= this.#retryAttempts) throw mapError(error, stream);
        await this.#backOff(attempt);
      }
    }
  }

  /** One attempt on the client's channel; the client's `execute` starts the reconnection a failure calls for. */
  async #once<T>(debugName: string, action: (client: StreamsClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw this.#closedError();
    return this.#internals.execute(streamsGrpc.StreamsClient, debugName, async (client) => {
      this.#channels.add(client.getChannel());
      if (this.#closed) throw this.#closedError();
      return action(client);
    });
  }

  async #backOff(attempt: number): Promise<void> {
    await sleep(this.#retryDelayMs * 2 ** (attempt - 1));
    if (this.#closed) throw this.#closedError();
  }

  #closedError(cause?: unknown): EventStoreUnavailableError {
    if (cause instanceof EventStoreUnavailableError) return cause;
    return new EventStoreUnavailableError('The EventStoreDB event store has been closed', cause === undefined ? undefined : { cause });
  }
}

// ------------------------------------------------------------------ subscription plumbing

type SubscriptionItem = RecordedEvent | 'caught_up';

/** One Streams.Read subscription call as a pull queue with backpressure. */
class SubscriptionSession {
  readonly #call: grpc.ClientReadableStream<ReadResp>;
  readonly #signal: AbortSignal;
  readonly #highWater: number;
  readonly #onFinished: () => void;
  #buffer: SubscriptionItem[] = [];
  #head = 0;
  #paused = false;
  #ended = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  readonly #onAbort = () => this.#notify();

  constructor(
    call: grpc.ClientReadableStream<ReadResp>,
    readonly grpcClient: grpc.Client,
    signal: AbortSignal,
    highWater: number,
    onFinished: () => void,
  ) {
    this.#call = call;
    this.#signal = signal;
    this.#highWater = highWater;
    this.#onFinished = onFinished;
    signal.addEventListener('abort', this.#onAbort, { once: true });
    call.on('data', (response: ReadResp) => {
      if (this.#error !== null) return;
      try {
        if (response.hasEvent()) this.#buffer.push(toRecordedEvent(response.getEvent()!));
        else if (response.hasCaughtUp()) this.#buffer.push('caught_up');
        else return; // confirmation, checkpoint, fell_behind: nothing for the consumer
      } catch (error) {
        // An event this adapter cannot represent: fail the session (and the iteration) with it.
        this.#error = asError(error);
        call.cancel();
        this.#finish();
        return;
      }
      if (!this.#paused && this.#buffer.length - this.#head >= this.#highWater) {
        this.#paused = true;
        call.pause();
      }
      this.#notify();
    });
    call.on('error', (error) => {
      if (this.#error === null) this.#error = asError(error); // keep the first cause, not our own cancel
      this.#finish();
    });
    call.on('end', () => this.#finish());
  }

  /** The next item; null once the call has ended cleanly or the signal aborted. Throws the call's error after draining. */
  async next(): Promise<SubscriptionItem | null> {
    for (;;) {
      if (this.#signal.aborted) return null;
      if (this.#head < this.#buffer.length) {
        const item = this.#buffer[this.#head];
        this.#head += 1;
        if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) {
          this.#buffer = this.#buffer.slice(this.#head);
          this.#head = 0;
        }
        if (this.#paused && this.#buffer.length - this.#head <= this.#highWater / 2) {
          this.#paused = false;
          this.#call.resume();
        }
        return item;
      }
      if (this.#error !== null) throw this.#error;
      if (this.#ended) return null;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  close(): void {
    this.#signal.removeEventListener('abort', this.#onAbort);
    if (!this.#ended) this.#call.cancel();
    this.#finish();
  }

  #finish(): void {
    if (!this.#ended) {
      this.#ended = true;
      this.#onFinished();
    }
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}

// ------------------------------------------------------------------ helpers

function baseReadOptions(backwards: boolean, maxCount: number | undefined): streamsPb.ReadReq.Options {
  const options = new streamsPb.ReadReq.Options();
  options.setReadDirection(
    backwards ? streamsPb.ReadReq.Options.ReadDirection.BACKWARDS : streamsPb.ReadReq.Options.ReadDirection.FORWARDS,
  );
  options.setResolveLinks(false);
  options.setCount(maxCount === undefined || !Number.isFinite(maxCount) ? MAX_COUNT : Math.floor(maxCount).toString(10));
  options.setNoFilter(new sharedPb.Empty());
  options.setUuidOption(stringUuids());
  return options;
}

function stringUuids(): streamsPb.ReadReq.Options.UUIDOption {
  const option = new streamsPb.ReadReq.Options.UUIDOption();
  option.setString(new sharedPb.Empty());
  return option;
}

function allOptions(from: bigint | 'start' | 'end'): streamsPb.ReadReq.Options.AllOptions {
  const all = new streamsPb.ReadReq.Options.AllOptions();
  if (from === 'start') all.setStart(new sharedPb.Empty());
  else if (from === 'end') all.setEnd(new sharedPb.Empty());
  else {
    const position = new streamsPb.ReadReq.Options.Position();
    position.setCommitPosition(from.toString(10));
    position.setPreparePosition(from.toString(10));
    all.setPosition(position);
  }
  return all;
}

function utf8Bytes(text: string, field: 'data' | 'metadata'): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`Event ${field} must be JSON text (a string)`);
  // A lone surrogate has no UTF-8 encoding: it would come back as U+FFFD, not as what was appended.
  if (LONE_SURROGATE.test(text)) throw new TypeError(`Event ${field} contains a lone UTF-16 surrogate`);
  return Buffer.from(text, 'utf8');
}

function toRecordedEvent(readEvent: ReadEvent): RecordedEvent {
  const record = readEvent.getEvent();
  if (!record) throw new Error('EventStoreDB returned a read event without a record');
  const metadata = record.getMetadataMap();
  let position = BigInt(record.getCommitPosition());
  if (position === NO_POSITION && readEvent.hasCommitPosition()) position = BigInt(readEvent.getCommitPosition());
  if (position === NO_POSITION) {
    throw new Error('EventStoreDB did not report the $all position of an event; this adapter needs EventStoreDB 22.10 or later');
  }
  const created = metadata.get('created');
  return {
    id: uuidFromMessage(record.getId()),
    stream: Buffer.from(record.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8'),
    revision: BigInt(record.getStreamRevision()),
    position,
    type: metadata.get('type') ?? '',
    data: Buffer.from(record.getData_asU8()).toString('utf8'),
    metadata: Buffer.from(record.getCustomMetadata_asU8()).toString('utf8'),
    recordedAt: new Date(created === undefined ? 0 : Number(BigInt(created) / TICKS_PER_MS)),
  };
}

/** System events (`$`-types: `$metadata`, `$>`, `$statsCollected`, …) and anything in a `$` stream are not ours. */
function isUserEvent(event: RecordedEvent): boolean {
  return !event.type.startsWith('$') && !event.stream.startsWith('$');
}

/**
 * What a failed call says about its effect. `definite`: the server refused it and nothing was done
 * (bad argument, access denied, too large, or any error that is not the server's or the network's).
 * `redirect`: a follower refused it before doing anything and named the leader (`not-leader`), or
 * discovery found no node to send it to. `ambiguous`: the call may have taken effect on the server
 * before its answer was lost (commit timeout, deadline, the node gone, a server-side cancel).
 */
export function classifyFailure(error: unknown): 'definite' | 'redirect' | 'ambiguous' {
  if (isDiscoveryFailure(error)) return 'redirect';
  const converted = error !== null && typeof error === 'object' ? convertToCommandError(error as Error) : error;
  if (converted instanceof NotLeaderError) return 'redirect';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && AMBIGUOUS_CODES.has(code) ? 'ambiguous' : 'definite';
}

/** gRPC statuses after which a call may have done its work: the client's Timeout/Deadline/Unavailable/Cancelled/Unknown errors. */
const AMBIGUOUS_CODES = new Set<number>([
  1 /* CANCELLED, by the server */,
  2 /* UNKNOWN */,
  4 /* DEADLINE_EXCEEDED */,
  10 /* ABORTED: the node's commit or forward timeout */,
  13 /* INTERNAL */,
  14 /* UNAVAILABLE: not ready, no leader, or gone */,
]);

/** The client's discovery gives up with a plain Error (Client/discovery.js), not a command error. */
function isDiscoveryFailure(error: unknown): boolean {
  return error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message);
}

/** Errors after which a subscription is retried: the connection or the server's side of the call failed. */
function isTransient(error: unknown): boolean {
  if (classifyFailure(error) !== 'definite') return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'number') return false;
  const permanent = new Set<number>([3 /* INVALID_ARGUMENT */, 5 /* NOT_FOUND */, 7 /* PERMISSION_DENIED */, 12 /* UNIMPLEMENTED */, 16 /* UNAUTHENTICATED */]);
  return !permanent.has(code);
}

function mapError(error: unknown, stream?: string): unknown {
  if (error instanceof WrongExpectedVersionError || error instanceof EventStoreUnavailableError) return error;
  if (isDiscoveryFailure(error)) {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: no node answered discovery (${describe(error)})`, { cause: error });
  }
  const converted = error !== null && typeof error === 'object' ? convertToCommandError(error as Error) : error;
  if (converted instanceof ClientWrongExpectedVersionError) return fromClientWrongExpectedVersion(converted, stream);
  if (classifyFailure(converted) !== 'definite') {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${describe(converted)}`, { cause: converted });
  }
  return converted;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The events read are the ones with these ids, in order: the append that sent them committed. */
function sameIds(events: readonly RecordedEvent[], ids: readonly string[]): AppendResult | null {
  if (events.length !== ids.length || events.some((event, index) => event.id.toLowerCase() !== ids[index])) return null;
  const last = events[events.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position };
}

/**
 * EventStoreDB PROTOCOL TEST SERVER — test support, never a production store.
 *
 * An in-memory gRPC server that speaks enough of EventStoreDB's client protocol (the stubs that
 * ship in `@eventstore/db-client/generated/`) for the real `@eventstore/db-client` 6.2.1 to append,
 * read and subscribe against it. It exists because CI has no Docker engine and no network; the
 * adapter's contract suite also runs against a real EventStoreDB whenever
 * `EVENTSTORE_CONNECTION_STRING` is set. See README.md in this folder for what it implements and
 * what it does not.
 */
import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { grpcJs, gossipGrpc, gossipPb, serverFeaturesGrpc, serverFeaturesPb, sharedPb, streamsGrpc, streamsPb } from './protocol.js';
import {
  InMemoryLog,
  type ExpectedRevisionOption,
  type InMemoryLogOptions,
  type ProposedEvent,
  type StoredEvent,
} from './in-memory-log.js';

type ReadReq = streamsPb.ReadReq;
type ReadResp = streamsPb.ReadResp;
type AppendReq = streamsPb.AppendReq;
type AppendResp = streamsPb.AppendResp;
type ReadOptions = streamsPb.ReadReq.Options;

const Status = grpcJs.status;
const ReadDirection = streamsPb.ReadReq.Options.ReadDirection;
const JSON_CONTENT_TYPE = 'application/json';
const OCTET_STREAM = 'application/octet-stream';
const UINT64_MAX = 2n ** 64n - 1n;

export interface EsdbTestServerOptions extends InMemoryLogOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one, see `port` after `start`. */
  readonly port?: number;
  /** Reported by ServerFeatures.GetSupportedMethods. */
  readonly serverVersion?: string;
  /** Share one log between server instances (e.g. to "restart" a server on the same data). */
  readonly log?: InMemoryLog;
}

/** How `dropSubscriptions` ends the live subscription calls. */
export type DropMode =
  | { readonly kind: 'error'; readonly code?: grpc.status; readonly details?: string }
  | { readonly kind: 'end' };

/** One open subscription call, as the server sees it. */
interface LiveSubscription {
  readonly call: grpc.ServerWritableStream<ReadReq, ReadResp>;
  readonly stop: () => void;
}

export interface SubscriptionRequest {
  readonly target: '$all' | { readonly stream: string };
  /** `start`, `end`, or the exclusive position / revision the client asked to start after. */
  readonly from: 'start' | 'end' | bigint;
}

class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    details: string,
    readonly metadata?: grpc.Metadata,
  ) {
    super(details);
  }
  toServiceError(): Partial<grpc.ServiceError> {
    return { code: this.code, details: this.message, ...(this.metadata ? { metadata: this.metadata } : {}) };
  }
}

export class EsdbTestServer {
  readonly log: InMemoryLog;
  readonly #server: grpc.Server;
  readonly #serverVersion: string;
  readonly #subscriptions = new Set<LiveSubscription>();
  readonly #subscriptionRequests: SubscriptionRequest[] = [];
  #port = 0;
  #stopped = false;

  private constructor(options: EsdbTestServerOptions) {
    this.log = options.log ?? new InMemoryLog(options);
    this.#serverVersion = options.serverVersion ?? '23.10.0-esdb-test-server';
    this.#server = new grpcJs.Server();
    this.#server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.#read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) =>
        this.#append(call, callback),
      // Delete, Tombstone and BatchAppend are left out: grpc-js answers UNIMPLEMENTED for them.
    });
    this.#server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<serverFeaturesPb.SupportedMethods>) =>
        callback(null, this.#supportedMethods()),
    });
    this.#server.addService(gossipGrpc.GossipService, {
      read: (_call: unknown, callback: grpc.sendUnaryData<gossipPb.ClusterInfo>) => callback(null, this.#clusterInfo()),
    });
  }

  /** Starts a server bound to 127.0.0.1 (never another interface), insecure (no TLS). */
  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(options);
    server.#port = await new Promise<number>((resolve, reject) => {
      server.#server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpcJs.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      );
    });
    return server;
  }

  get port(): number {
    return this.#port;
  }

  get address(): string {
    return `127.0.0.1:${this.#port}`;
  }

  /** What the client needs: single node, no TLS. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.#port}?tls=false`;
  }

  /** Subscriptions currently open on the server. */
  get activeSubscriptions(): number {
    return this.#subscriptions.size;
  }

  /**
   * Client connections (HTTP/2 sessions) currently open, e.g. to check that a closed client left
   * nothing behind. Reads a grpc-js internal (`Server#sessions`, grpc-js 1.14); throws if it moved.
   */
  get openConnections(): number {
    const sessions = (this.#server as unknown as { sessions?: unknown }).sessions;
    if (!(sessions instanceof Map)) throw new Error('This grpc-js version does not expose Server#sessions');
    return sessions.size;
  }

  /** Every subscription request received so far, in arrival order. */
  get subscriptionRequests(): readonly SubscriptionRequest[] {
    return this.#subscriptionRequests;
  }

  /**
   * Ends every open subscription from the server side, as a node does when it shuts down or
   * drops a slow consumer. Default: status UNAVAILABLE. Returns how many were dropped.
   */
  dropSubscriptions(mode: DropMode = { kind: 'error' }): number {
    const dropped = [...this.#subscriptions];
    for (const subscription of dropped) {
      subscription.stop();
      if (mode.kind === 'end') {
        subscription.call.end();
      } else {
        subscription.call.emit('error', {
          code: mode.code ?? Status.UNAVAILABLE,
          details: mode.details ?? 'Subscription dropped by the test server',
        });
      }
    }
    return dropped.length;
  }

  /** Drops the subscriptions and shuts the server down, cancelling whatever is in flight. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.dropSubscriptions({ kind: 'error', code: Status.UNAVAILABLE, details: 'Server is shutting down' });
    this.#server.forceShutdown();
  }

  // ---------------------------------------------------------------- Streams.Append

  #append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    let stream: string | null = null;
    let expected: ExpectedRevisionOption | null = null;
    const proposed: ProposedEvent[] = [];
    let failed = false;
    const fail = (error: RpcError) => {
      if (failed) return;
      failed = true;
      callback(error.toServiceError() as grpc.ServiceError);
    };

    call.on('data', (request: AppendReq) => {
      if (failed) return;
      try {
        if (stream === null) {
          const options = request.getOptions();
          if (!request.hasOptions() || !options) {
            throw new RpcError(Status.INVALID_ARGUMENT, 'The first append message must carry the options');
          }
          stream = streamName(options.getStreamIdentifier());
          expected = expectedFromOptions(options);
          return;
        }
        const message = request.getProposedMessage();
        if (!request.hasProposedMessage() || !message) {
          throw new RpcError(Status.INVALID_ARGUMENT, 'Expected a proposed message after the options');
        }
        const metadata = message.getMetadataMap();
        const type = metadata.get('type');
        if (type === undefined) throw requiredMetadataMissing('type');
        const contentType = metadata.get('content-type');
        if (contentType === undefined) throw requiredMetadataMissing('content-type');
        proposed.push({
          id: uuidFromMessage(message.getId()) ?? randomUUID(),
          type,
          isJson: contentType === JSON_CONTENT_TYPE,
          data: message.getData_asU8().slice(),
          metadata: message.getCustomMetadata_asU8().slice(),
        });
      } catch (error) {
        fail(asRpcError(error));
      }
    });
    call.on('error', () => fail(new RpcError(Status.CANCELLED, 'Append cancelled')));
    call.on('end', () => {
      if (failed || call.cancelled) return;
      if (stream === null || expected === null) {
        fail(new RpcError(Status.INVALID_ARGUMENT, 'Append without options'));
        return;
      }
      const outcome = this.log.append(stream, expected, proposed);
      const response = new streamsPb.AppendResp();
      if (outcome.kind === 'success') {
        const success = new streamsPb.AppendResp.Success();
        if (outcome.currentRevision === null) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.position === null) {
          success.setNoPosition(new sharedPb.Empty());
        } else {
          const position = new streamsPb.AppendResp.Position();
          position.setCommitPosition(outcome.position.toString());
          position.setPreparePosition(outcome.position.toString());
          success.setPosition(position);
        }
        response.setSuccess(success);
      } else {
        response.setWrongExpectedVersion(wrongExpectedVersion(expected, outcome.currentRevision));
      }
      callback(null, response);
    });
  }

  // ---------------------------------------------------------------- Streams.Read

  #read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    try {
      const options = call.request.getOptions();
      if (!options) throw new RpcError(Status.INVALID_ARGUMENT, 'Read without options');
      const uuidStructured = options.getUuidOption()?.hasStructured() ?? false;
      const filter = eventFilter(options);
      const toResp = (event: StoredEvent) => readResp(event, uuidStructured);

      if (options.hasSubscription()) {
        this.#subscribe(call, options, filter, toResp);
        return;
      }
      const count = options.hasCount() ? BigInt(options.getCount()) : UINT64_MAX;
      const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;

      let selected: StoredEvent[];
      if (options.hasAll()) {
        selected = this.#selectAll(options.getAll()!, backwards);
      } else if (options.hasStream()) {
        const streamOptions = options.getStream()!;
        const name = streamName(streamOptions.getStreamIdentifier());
        const events = this.log.stream(name);
        if (!events) {
          const notFound = new streamsPb.ReadResp.StreamNotFound();
          notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
          const response = new streamsPb.ReadResp();
          response.setStreamNotFound(notFound);
          call.write(response);
          call.end();
          return;
        }
        selected = selectStream(events, streamOptions, backwards);
      } else {
        throw new RpcError(Status.INVALID_ARGUMENT, 'Read needs a stream or $all');
      }

      let sent = 0n;
      for (const event of selected) {
        if (sent >= count) break;
        if (!filter(event)) continue;
        call.write(toResp(event));
        sent += 1n;
      }
      call.end();
    } catch (error) {
      call.emit('error', asRpcError(error).toServiceError());
    }
  }

  #selectAll(all: streamsPb.ReadReq.Options.AllOptions, backwards: boolean): StoredEvent[] {
    const log = this.log.all;
    if (all.hasStart()) return backwards ? [] : [...log];
    if (all.hasEnd()) return backwards ? [...log].reverse() : [];
    const position = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
    // Forwards from a position includes the event at it; backwards returns the events before it.
    return backwards
      ? log.filter((event) => event.position < position).reverse()
      : log.filter((event) => event.position >= position);
  }

  #subscribe(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadOptions,
    filter: (event: StoredEvent) => boolean,
    toResp: (event: StoredEvent) => ReadResp,
  ): void {
    let matches: (event: StoredEvent) => boolean;
    let catchUp: readonly StoredEvent[];
    let request: SubscriptionRequest;
    if (options.hasAll()) {
      const all = options.getAll()!;
      if (all.hasEnd()) {
        request = { target: '$all', from: 'end' };
        catchUp = [];
      } else if (all.hasPosition()) {
        const after = BigInt(all.getPosition()!.getCommitPosition());
        request = { target: '$all', from: after };
        catchUp = this.log.all.filter((event) => event.position > after);
      } else {
        request = { target: '$all', from: 'start' };
        catchUp = this.log.all;
      }
      matches = filter;
    } else if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = streamName(streamOptions.getStreamIdentifier());
      const events = this.log.stream(name) ?? [];
      if (streamOptions.hasEnd()) {
        request = { target: { stream: name }, from: 'end' };
        catchUp = [];
      } else if (streamOptions.hasRevision()) {
        const after = BigInt(streamOptions.getRevision());
        request = { target: { stream: name }, from: after };
        catchUp = events.filter((event) => event.revision > after);
      } else {
        request = { target: { stream: name }, from: 'start' };
        catchUp = events;
      }
      matches = (event) => event.stream === name;
    } else {
      throw new RpcError(Status.INVALID_ARGUMENT, 'Subscription needs a stream or $all');
    }
    this.#subscriptionRequests.push(request);

    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirmed = new streamsPb.ReadResp();
    confirmed.setConfirmation(confirmation);
    call.write(confirmed);

    // Catch-up and the switch to live happen in one synchronous step over the in-memory log, so no
    // append can fall between them: no gap and no duplicate at the hand-over.
    for (const event of [...catchUp]) {
      if (matches(event)) call.write(toResp(event));
    }
    const caughtUp = new streamsPb.ReadResp();
    caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
    call.write(caughtUp);

    const unsubscribe = this.log.subscribe((events) => {
      for (const event of events) {
        if (call.cancelled || call.writableEnded) return;
        if (matches(event)) call.write(toResp(event));
      }
    });
    const subscription: LiveSubscription = {
      call,
      stop: () => {
        unsubscribe();
        this.#subscriptions.delete(subscription);
      },
    };
    this.#subscriptions.add(subscription);
    call.on('cancelled', subscription.stop);
    call.on('close', subscription.stop);
    call.on('error', subscription.stop);
  }

  // ---------------------------------------------------------------- connection-time services

  #supportedMethods(): serverFeaturesPb.SupportedMethods {
    const methods = new serverFeaturesPb.SupportedMethods();
    methods.setEventStoreServerVersion(this.#serverVersion);
    const add = (serviceName: string, methodName: string) => {
      const method = new serverFeaturesPb.SupportedMethod();
      method.setServiceName(serviceName);
      method.setMethodName(methodName);
      methods.addMethods(method);
    };
    // BatchAppend is deliberately not advertised, so the client uses Streams.Append.
    add('event_store.client.streams.Streams', 'read');
    add('event_store.client.streams.Streams', 'append');
    add('event_store.client.gossip.Gossip', 'read');
    add('event_store.client.server_features.ServerFeatures', 'getsupportedmethods');
    return methods;
  }

  #clusterInfo(): gossipPb.ClusterInfo {
    const endpoint = new gossipPb.EndPoint();
    endpoint.setAddress('127.0.0.1');
    endpoint.setPort(this.#port);
    const member = new gossipPb.MemberInfo();
    const instanceId = new sharedPb.UUID();
    instanceId.setString(randomUUID());
    member.setInstanceId(instanceId);
    member.setTimeStamp((BigInt(Date.now()) * 10_000n).toString());
    member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    member.setHttpEndPoint(endpoint);
    const info = new gossipPb.ClusterInfo();
    info.addMembers(member);
    return info;
  }
}

// ------------------------------------------------------------------ helpers

function asRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  return new RpcError(Status.UNKNOWN, error instanceof Error ? error.message : String(error));
}

/** As the real server: INVALID_ARGUMENT with the `exception` trailer the client understands. */
function requiredMetadataMissing(property: string): RpcError {
  const metadata = new grpcJs.Metadata();
  metadata.set('exception', 'missing-required-metadata-property');
  metadata.set('required-metadata-properties', property);
  return new RpcError(Status.INVALID_ARGUMENT, `Required metadata property ${property} is missing`, metadata);
}

function streamName(identifier: sharedPb.StreamIdentifier | undefined): string {
  if (!identifier) throw new RpcError(Status.INVALID_ARGUMENT, 'Missing stream identifier');
  const name = Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
  if (name.length === 0) throw new RpcError(Status.INVALID_ARGUMENT, 'Empty stream name');
  return name;
}

function expectedFromOptions(options: streamsPb.AppendReq.Options): ExpectedRevisionOption {
  const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    default:
      throw new RpcError(Status.INVALID_ARGUMENT, 'Missing expected stream revision');
  }
}

/** Both the current fields and the deprecated `_20_6_0` ones, as the real server fills them. */
function wrongExpectedVersion(expected: ExpectedRevisionOption, current: bigint | null): streamsPb.AppendResp.WrongExpectedVersion {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new sharedPb.Empty());
      wrong.setAny2060(new sharedPb.Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new sharedPb.Empty());
      wrong.setStreamExists2060(new sharedPb.Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new sharedPb.Empty());
      break;
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString());
      if (expected.revision <= BigInt(Number.MAX_SAFE_INTEGER)) wrong.setExpectedRevision2060(Number(expected.revision));
      break;
  }
  if (current === null) {
    wrong.setCurrentNoStream(new sharedPb.Empty());
    wrong.setNoStream2060(new sharedPb.Empty());
  } else {
    wrong.setCurrentRevision(current.toString());
    if (current <= BigInt(Number.MAX_SAFE_INTEGER)) wrong.setCurrentRevision2060(Number(current));
  }
  return wrong;
}

function selectStream(
  events: readonly StoredEvent[],
  options: streamsPb.ReadReq.Options.StreamOptions,
  backwards: boolean,
): StoredEvent[] {
  const last = events[events.length - 1]!.revision;
  let from: bigint;
  if (options.hasRevision()) from = BigInt(options.getRevision());
  else if (options.hasEnd()) from = backwards ? last : last + 1n;
  else from = 0n; // start
  return backwards
    ? events.filter((event) => event.revision <= from).reverse()
    : events.filter((event) => event.revision >= from);
}

/** Server-side filters (stream name or event type, by prefixes or regex). No checkpoints are sent. */
function eventFilter(options: ReadOptions): (event: StoredEvent) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const byStream = filter.hasStreamIdentifier();
  const expression = byStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return () => true;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  return (event) => {
    const subject = byStream ? event.stream : event.type;
    if (prefixes.length > 0 && !prefixes.some((prefix) => subject.startsWith(prefix))) return false;
    if (regex && !regex.test(subject)) return false;
    return true;
  };
}

function readResp(event: StoredEvent, uuidStructured: boolean): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidToMessage(event.id, uuidStructured));
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.stream, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('created', event.createdTicks.toString());
  metadata.set('content-type', event.isJson ? JSON_CONTENT_TYPE : OCTET_STREAM);
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(event.position.toString());
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response;
}

function uuidFromMessage(uuid: sharedPb.UUID | undefined): string | null {
  if (!uuid) return null;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) {
    throw new RpcError(Status.INVALID_ARGUMENT, `Invalid event id ${JSON.stringify(text)}`);
  }
  return text.toLowerCase();
}

function uuidToMessage(id: string, structured: boolean): sharedPb.UUID {
  const uuid = new sharedPb.UUID();
  if (!structured) {
    uuid.setString(id);
    return uuid;
  }
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const parts = new sharedPb.UUID.Structured();
  parts.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  parts.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  uuid.setStructured(parts);
  return uuid;
}

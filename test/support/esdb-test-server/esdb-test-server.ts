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

/** A member's state as gossip reports it (the states the client's discovery reads). */
export type NodeState = 'leader' | 'follower' | 'unknown' | 'pre-leader' | 'read-only-replica';

/** What a node knows of its cluster; a lone server is a leader with no peers. */
export interface ClusterView {
  /** Every member, this one included, in gossip order. */
  members(): readonly ClusterMember[];
}

export interface ClusterMember {
  readonly port: number;
  readonly state: NodeState;
  readonly alive: boolean;
  /** Events of the leader's log a follower has not replicated yet: its reads do not see them. */
  readonly lag?: number;
}

/**
 * What the server does with the next appends (each taken once, in order), for tests of writes of
 * unknown outcome: `refuse` writes nothing and fails with `code`; `commit-then-fail` writes the
 * events and then fails with `code` (ABORTED is the real node's commit timeout, UNAVAILABLE a node
 * going away); `commit-then-hang` writes them and never answers (the client's deadline ends the call).
 */
export type AppendFault = (
  | { readonly kind: 'refuse'; readonly code: grpc.status; readonly details?: string }
  | { readonly kind: 'commit-then-fail'; readonly code: grpc.status; readonly details?: string }
  | { readonly kind: 'commit-then-hang' }
) & {
  /** Runs once the fault has struck, before the client hears of it: e.g. another writer getting in. */
  readonly then?: () => void;
  /** Only appends to streams whose name starts so take this fault; default any stream. */
  readonly streamPrefix?: string;
};

/** The real node's default `MaxAppendSize`: 1 MiB. */
export const MAX_APPEND_SIZE = 1_048_576;

export interface EsdbTestServerOptions extends InMemoryLogOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one, see `port` after `start`. */
  readonly port?: number;
  /** Reported by ServerFeatures.GetSupportedMethods. */
  readonly serverVersion?: string;
  /** Share one log between server instances (e.g. to "restart" a server on the same data). */
  readonly log?: InMemoryLog;
  /** The cluster this node belongs to (see `EsdbTestCluster`); absent: a single leader. */
  readonly cluster?: ClusterView;
  /** Bytes of proposed messages an append may carry; default `MAX_APPEND_SIZE`. */
  readonly maxAppendSize?: number;
}

/** How `dropSubscriptions` ends the live subscription calls. */
export type DropMode =
  | { readonly kind: 'error'; readonly code?: grpc.status; readonly details?: string }
  | { readonly kind: 'end' };

/** One open subscription call, as the server sees it. */
interface LiveSubscription {
  readonly call: grpc.ServerWritableStream<ReadReq, ReadResp>;
  /** Sends what the node has and the subscription has not had yet. */
  readonly pump: () => void;
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
  readonly #cluster: ClusterView | null;
  readonly #maxAppendSize: number;
  readonly #appendFaults: AppendFault[] = [];
  #port = 0;
  #stopped = false;

  private constructor(options: EsdbTestServerOptions) {
    this.log = options.log ?? new InMemoryLog(options);
    this.#serverVersion = options.serverVersion ?? '23.10.0-esdb-test-server';
    this.#cluster = options.cluster ?? null;
    this.#maxAppendSize = options.maxAppendSize ?? MAX_APPEND_SIZE;
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

  /** Queues faults for the next appends, one each, in order (see `AppendFault`). */
  injectAppendFaults(...faults: AppendFault[]): void {
    this.#appendFaults.push(...faults);
  }

  /** Faults queued and not yet taken by an append. */
  get pendingAppendFaults(): number {
    return this.#appendFaults.length;
  }

  /** This node has replicated more (its lag went down): its subscriptions send what they held back. */
  replicated(): void {
    for (const subscription of [...this.#subscriptions]) subscription.pump();
  }

  /** This node's state in its cluster (a lone server: leader). */
  get state(): NodeState {
    return this.#self()?.state ?? 'leader';
  }

  #self(): ClusterMember | undefined {
    return this.#cluster?.members().find((member) => member.port === this.#port);
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
    let size = 0;
    const fail = (error: RpcError) => {
      if (failed) return;
      failed = true;
      callback(error.toServiceError());
    };
    const refusal = this.#leaderRefusal(call.metadata, true);
    if (refusal) fail(refusal);

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
        size += Buffer.byteLength(type) + message.getData_asU8().length + message.getCustomMetadata_asU8().length;
        if (size > this.#maxAppendSize) throw maxAppendSizeExceeded(this.#maxAppendSize);
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
      const faultIndex = this.#appendFaults.findIndex((candidate) => stream!.startsWith(candidate.streamPrefix ?? ''));
      const fault = faultIndex < 0 ? undefined : this.#appendFaults.splice(faultIndex, 1)[0];
      if (fault?.kind === 'refuse') {
        fault.then?.();
        fail(new RpcError(fault.code, fault.details ?? 'Append refused by the test server'));
        return;
      }
      const outcome = this.log.append(stream, expected, proposed);
      fault?.then?.();
      if (fault?.kind === 'commit-then-fail') {
        fail(new RpcError(fault.code, fault.details ?? (fault.code === Status.ABORTED ? 'Operation timed out' : 'Connection lost after the commit')));
        return;
      }
      if (fault?.kind === 'commit-then-hang') {
        return; // answered never: the client's deadline ends the call, `stop` cancels it
      }
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

  /**
   * As a real node: a call that `requires-leader` made to a follower is refused with `not-leader`
   * and the leader's address (NOT_FOUND with the `exception` trailer, RpcExceptions.NotLeader); with
   * no leader elected, anything that needs one is UNAVAILABLE. Appends always need one (a
   * follower forwards them to the leader, here the shared log).
   */
  #leaderRefusal(metadata: grpc.Metadata, isWrite: boolean): RpcError | null {
    const self = this.#self();
    if (!self || self.state === 'leader') return null;
    const requiresLeader = metadata.get('requires-leader')[0] === 'true';
    if (!requiresLeader && !isWrite) return null;
    const leader = this.#cluster!.members().find((member) => member.state === 'leader' && member.alive);
    if (!leader) return new RpcError(Status.UNAVAILABLE, 'No leader info available');
    if (!requiresLeader) return null;
    const trailers = new grpcJs.Metadata();
    trailers.set('exception', 'not-leader');
    trailers.set('leader-endpoint-host', '127.0.0.1');
    trailers.set('leader-endpoint-port', String(leader.port));
    return new RpcError(Status.NOT_FOUND, 'Leader info available', trailers);
  }

  /** What reads on this node see: all of the log, less what a lagging follower has not replicated. */
  #visible(): readonly StoredEvent[] {
    const lag = this.#self()?.state === 'leader' ? 0 : (this.#self()?.lag ?? 0);
    const all = this.log.all;
    return lag <= 0 ? all : all.slice(0, Math.max(0, all.length - lag));
  }

  /** As the real node, a position must be where a record starts (or the end of the log). */
  #checkBoundary(position: bigint): void {
    if (!this.log.isRecordBoundary(position)) {
      throw new RpcError(Status.INVALID_ARGUMENT, `Invalid position ${position}: it is not where a record starts`);
    }
  }

  // ---------------------------------------------------------------- Streams.Read

  #read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    try {
      const options = call.request.getOptions();
      if (!options) throw new RpcError(Status.INVALID_ARGUMENT, 'Read without options');
      const refusal = this.#leaderRefusal(call.metadata, false);
      if (refusal) throw refusal;
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
        const visible = this.#visible();
        const hidden = new Set(this.log.all.slice(visible.length));
        const stored = this.log.stream(name)?.filter((event) => !hidden.has(event));
        const events = stored && stored.length > 0 ? stored : undefined;
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
    const log = this.#visible();
    if (all.hasStart()) return backwards ? [] : [...log];
    if (all.hasEnd()) return backwards ? [...log].reverse() : [];
    const position = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
    this.#checkBoundary(position);
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
    // `next` indexes the log: the first event not yet considered for this subscription. Catch-up and
    // live delivery are the same walk over what this node has (a lagging follower: less), so no
    // event falls between them and a follower that catches up sends what it had held back.
    let matches: (event: StoredEvent) => boolean;
    let next = 0;
    let request: SubscriptionRequest;
    if (options.hasAll()) {
      const all = options.getAll()!;
      if (all.hasEnd()) {
        request = { target: '$all', from: 'end' };
        next = this.#visible().length;
      } else if (all.hasPosition()) {
        const after = BigInt(all.getPosition()!.getCommitPosition());
        this.#checkBoundary(after);
        request = { target: '$all', from: after };
        const first = this.log.all.findIndex((event) => event.position > after);
        next = first < 0 ? this.log.all.length : first;
      } else {
        request = { target: '$all', from: 'start' };
      }
      matches = filter;
    } else if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = streamName(streamOptions.getStreamIdentifier());
      if (streamOptions.hasEnd()) {
        request = { target: { stream: name }, from: 'end' };
        next = this.#visible().length;
        matches = (event) => event.stream === name;
      } else if (streamOptions.hasRevision()) {
        const after = BigInt(streamOptions.getRevision());
        request = { target: { stream: name }, from: after };
        matches = (event) => event.stream === name && event.revision > after;
      } else {
        request = { target: { stream: name }, from: 'start' };
        matches = (event) => event.stream === name;
      }
    } else {
      throw new RpcError(Status.INVALID_ARGUMENT, 'Subscription needs a stream or $all');
    }
    this.#subscriptionRequests.push(request);

    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirmed = new streamsPb.ReadResp();
    confirmed.setConfirmation(confirmation);
    call.write(confirmed);

    const pump = () => {
      const visible = this.#visible();
      while (next < visible.length) {
        if (call.cancelled || call.writableEnded) return;
        const event = visible[next];
        next += 1;
        if (matches(event)) call.write(toResp(event));
      }
    };
    pump();
    const caughtUp = new streamsPb.ReadResp();
    caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
    call.write(caughtUp);

    const unsubscribe = this.log.subscribe(pump);
    const subscription: LiveSubscription = {
      call,
      pump,
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
    const info = new gossipPb.ClusterInfo();
    const members = this.#cluster?.members() ?? [{ port: this.#port, state: 'leader' as const, alive: true }];
    for (const { port, state, alive } of members) {
      const endpoint = new gossipPb.EndPoint();
      endpoint.setAddress('127.0.0.1');
      endpoint.setPort(port);
      const member = new gossipPb.MemberInfo();
      const instanceId = new sharedPb.UUID();
      instanceId.setString(randomUUID());
      member.setInstanceId(instanceId);
      member.setTimeStamp((BigInt(Date.now()) * 10_000n).toString());
      member.setState(alive ? GOSSIP_STATES[state] : gossipPb.MemberInfo.VNodeState.SHUTDOWN);
      member.setIsAlive(alive);
      member.setHttpEndPoint(endpoint);
      info.addMembers(member);
    }
    return info;
  }
}

const GOSSIP_STATES: Record<NodeState, gossipPb.MemberInfo.VNodeState> = {
  leader: gossipPb.MemberInfo.VNodeState.LEADER,
  follower: gossipPb.MemberInfo.VNodeState.FOLLOWER,
  unknown: gossipPb.MemberInfo.VNodeState.UNKNOWN,
  'pre-leader': gossipPb.MemberInfo.VNodeState.PRELEADER,
  'read-only-replica': gossipPb.MemberInfo.VNodeState.READONLYREPLICA,
};

// ------------------------------------------------------------------ helpers

function asRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  return new RpcError(Status.UNKNOWN, error instanceof Error ? error.message : String(error));
}

/** As the real server (RpcExceptions.MaxAppendSizeExceeded): INVALID_ARGUMENT, the limit in a trailer. */
function maxAppendSizeExceeded(limit: number): RpcError {
  const metadata = new grpcJs.Metadata();
  metadata.set('exception', 'maximum-append-size-exceeded');
  metadata.set('maximum-append-size', String(limit));
  return new RpcError(Status.INVALID_ARGUMENT, `Maximum Append Size of ${limit} Exceeded.`, metadata);
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
  const last = events[events.length - 1].revision;
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

/**
 * The low-level pieces the EventStoreDB adapter needs from `@eventstore/db-client` 6.2.1.
 *
 * Why not the client's public `appendToStream` / `readStream` / `subscribeToAll`: the port stores
 * `data` and `metadata` as exact JSON text, and the public API cannot carry exact bytes for a JSON
 * event. On write it always `JSON.stringify`s the data of an `application/json` event (a Buffer
 * becomes `{"type":"Buffer","data":[...]}`, a string gets quoted); on read it `JSON.parse`s the data
 * of every JSON event and the metadata of every event that parses. Only `binaryEvent` data and
 * `Uint8Array` metadata are written untouched, and even those come back parsed when they are JSON.
 *
 * So the adapter builds the gRPC messages itself with the stubs the client ships
 * (`@eventstore/db-client/generated/`) and sends them over the client's own connection: the client
 * still parses the connection string, discovers the node (gossip), owns the channel, adds the call
 * metadata (connection name, credentials, requires-leader, deadline) and reconnects after
 * UNAVAILABLE / NOT_LEADER. That needs three members that the 6.x client declares `protected`
 * (`execute`, `callArguments`, `handleError`); `clientInternals` checks at runtime that they exist.
 *
 * The stubs are CommonJS; a default import yields `module.exports`, which works both under jest
 * in native ESM mode and in compiled `node dist/...`.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type * as grpc from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';

export { streamsPb, streamsGrpc, sharedPb };

export type StreamsClient = streamsGrpc.StreamsClient;

/** Call options the client turns into gRPC metadata and a deadline. */
export interface ClientCallOptions {
  readonly requiresLeader?: boolean;
  /** Milliseconds; the client's default (10 s) when absent. */
  readonly deadline?: number;
}

export interface ClientInternals {
  execute<T>(
    client: typeof streamsGrpc.StreamsClient,
    debugName: string,
    action: (client: StreamsClient) => Promise<T>,
  ): Promise<T>;
  callArguments(options: ClientCallOptions, callOptions?: Partial<grpc.CallOptions>): [grpc.Metadata, grpc.CallOptions];
  handleError(client: grpc.Client, error: Error): Promise<void>;
}

export function clientInternals(client: EventStoreDBClient): ClientInternals {
  const candidate = client as unknown as Partial<Record<keyof ClientInternals, unknown>>;
  for (const member of ['execute', 'callArguments', 'handleError'] as const) {
    if (typeof candidate[member] !== 'function') {
      throw new Error(
        `@eventstore/db-client no longer provides Client.${member}; the EventStoreDB adapter is written against 6.2.1`,
      );
    }
  }
  return client as unknown as ClientInternals;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidMessage(id: string): sharedPb.UUID {
  if (!UUID_PATTERN.test(id)) throw new TypeError(`Event id must be a UUID, got ${JSON.stringify(id)}`);
  const uuid = new sharedPb.UUID();
  uuid.setString(id);
  return uuid;
}

/** Reads either UUID form the server may answer with (we ask for the string form). */
export function uuidFromMessage(uuid: sharedPb.UUID | undefined): string {
  if (!uuid) throw new Error('EventStoreDB returned an event without an id');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
}

export function streamIdentifier(stream: string): sharedPb.StreamIdentifier {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream, 'utf8'));
  return identifier;
}

/**
 * The protocol test server seen through the client's PUBLIC API (the adapter's own spec covers the
 * paths the adapter uses): the parts of the protocol the README promises beyond those.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  START,
  binaryEvent,
  convertToCommandError,
  eventTypeFilter,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { EsdbTestServer } from './index.js';
import { grpcJs, sharedPb, streamsGrpc, streamsPb } from './protocol.js';

let server: EsdbTestServer;
let client: EventStoreDBClient;

beforeAll(async () => {
  server = await EsdbTestServer.start();
  client = EventStoreDBClient.connectionString(server.connectionString);
});

afterAll(async () => {
  await client.dispose();
  await server.stop();
});

it('binds 127.0.0.1 on a free port', () => {
  expect(server.port).toBeGreaterThan(0);
  expect(server.connectionString).toBe(`esdb://127.0.0.1:${server.port}?tls=false`);
});

it('stores binary events as not-JSON and JSON events as JSON, with created, revision and commit = prepare position', async () => {
  const before = Date.now();
  await client.appendToStream('mixed-1', [
    binaryEvent({ type: 'Bin', data: Uint8Array.from([0, 255, 1]) }),
    jsonEvent({ type: 'Json', data: { a: 1 } }),
  ]);

  const read = [];
  for await (const resolved of client.readStream('mixed-1')) read.push(resolved.event!);

  expect(read.map((event) => [event.type, event.isJson, event.revision])).toEqual([
    ['Bin', false, 0n],
    ['Json', true, 1n],
  ]);
  expect(Array.from(read[0].data as Uint8Array)).toEqual([0, 255, 1]);
  expect(read[1].data).toEqual({ a: 1 });
  for (const event of read) {
    expect(event.position!.commit).toBe(event.position!.prepare);
    expect(event.created.getTime()).toBeGreaterThanOrEqual(before - 1);
  }
});

it('treats a re-sent append of the same event ids as idempotent, as EventStoreDB does', async () => {
  const events = [jsonEvent({ type: 'Once', data: { n: 1 } }), jsonEvent({ type: 'Once', data: { n: 2 } })];
  const first = await client.appendToStream('idempotent-1', events, { expectedRevision: 'no_stream' });
  const again = await client.appendToStream('idempotent-1', events, { expectedRevision: 'no_stream' });
  const anyAgain = await client.appendToStream('idempotent-1', events, { expectedRevision: 'any' });

  expect(again).toEqual(first);
  expect(anyAgain).toEqual(first);
  expect(server.log.stream('idempotent-1')).toHaveLength(2);
  await expect(
    client.appendToStream('idempotent-1', jsonEvent({ type: 'New', data: {} }), { expectedRevision: 'no_stream' }),
  ).rejects.toMatchObject({ type: 'wrong-expected-version', actualVersion: 1n });
});

it('reads $all backwards from the end, and returns the events before a position when reading backwards from it', async () => {
  await client.appendToStream('backwards-1', [jsonEvent({ type: 'One', data: {} }), jsonEvent({ type: 'Two', data: {} })]);
  const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  expect(last.event!.type).toBe('Two');

  const [previous] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: last.event!.position, maxCount: 1 }));
  expect(previous.event!.type).toBe('One');
});

it('applies a server-side event-type filter to a subscription, and announces caught-up before live events', async () => {
  await client.appendToStream('filtered-1', [jsonEvent({ type: 'Keep', data: { n: 1 } }), jsonEvent({ type: 'Drop', data: {} })]);
  const subscription = client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ prefixes: ['Keep'] }) });
  const seen: string[] = [];
  let marker!: () => void;
  const markerSeen = new Promise<void>((resolve) => (marker = resolve));
  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    seen.push(`${resolved.event!.type}:${JSON.stringify(resolved.event!.data)}`);
    if (resolved.event!.type === 'KeepLive') marker();
  });
  await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
  await client.appendToStream('filtered-1', [jsonEvent({ type: 'Dropped', data: {} }), jsonEvent({ type: 'KeepLive', data: { n: 2 } })]);
  await markerSeen;
  await subscription.unsubscribe();

  expect(seen).toEqual(['Keep:{"n":1}', 'KeepLive:{"n":2}']);
});

it('answers a proposed message without content-type the way the real server does', async () => {
  const raw = new streamsGrpc.StreamsClient(server.address, grpcJs.credentials.createInsecure());
  try {
    const error = await new Promise<unknown>((resolve) => {
      const call = raw.append((err) => resolve(err));
      const options = new streamsPb.AppendReq.Options();
      const identifier = new sharedPb.StreamIdentifier();
      identifier.setStreamName(Buffer.from('bad-1'));
      options.setStreamIdentifier(identifier);
      options.setAny(new sharedPb.Empty());
      const header = new streamsPb.AppendReq();
      header.setOptions(options);
      const message = new streamsPb.AppendReq.ProposedMessage();
      const id = new sharedPb.UUID();
      id.setString(crypto.randomUUID());
      message.setId(id);
      message.getMetadataMap().set('type', 'NoContentType');
      const entry = new streamsPb.AppendReq();
      entry.setProposedMessage(message);
      call.write(header);
      call.write(entry);
      call.end();
    });

    expect(convertToCommandError(error as Error)).toMatchObject({
      type: 'missing-required-metadata-property',
      requiredMetadataProperties: ['content-type'],
    });
    expect(server.log.stream('bad-1')).toBeUndefined();
  } finally {
    raw.close();
  }
});

async function collect(iterable: AsyncIterable<AllStreamResolvedEvent>): Promise<AllStreamResolvedEvent[]> {
  const out: AllStreamResolvedEvent[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

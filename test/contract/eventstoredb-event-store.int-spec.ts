/**
 * The EventStoreDB adapter, driven through the real @eventstore/db-client 6.2.1:
 * - against the in-memory PROTOCOL TEST SERVER in test/support/esdb-test-server (always), and
 * - against a real EventStoreDB when EVENTSTORE_CONNECTION_STRING is set (e.g.
 *   `EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false'`).
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, WrongExpectedVersionError as ClientWrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '../../libs/ledger/src/event-store/event-store.port.js';
import {
  EventStoreDbEventStore,
  fromClientExpectedRevision,
  fromClientWrongExpectedVersion,
  toClientExpectedRevision,
  type EventStoreDbEventStoreOptions,
} from '@ledger/ledger/eventstoredb';
import { EsdbTestServer, InMemoryLog } from '../support/esdb-test-server/index.js';
import { anEvent, eventStoreContract, newStream } from './event-store.contract.js';
import { commandRacesContract } from './command-races.contract.js';
import { ledgerLogContract } from './ledger-log.contract.js';

/** How long a subscription may stall before a test fails instead of hanging. */
const GUARD_MS = 10_000;
/** Fast resubscription for the tests; the production default starts at 100 ms. */
const FAST: EventStoreDbEventStoreOptions = { resubscribe: { initialDelayMs: 10, maxDelayMs: 200 } };

const servers: EsdbTestServer[] = [];
const stores: EventStoreDbEventStore[] = [];
const clients: EventStoreDBClient[] = [];

async function startServer(options: Parameters<typeof EsdbTestServer.start>[0] = {}): Promise<EsdbTestServer> {
  const server = await EsdbTestServer.start(options);
  servers.push(server);
  return server;
}

function openStore(connectionString: string, options: EventStoreDbEventStoreOptions = FAST): EventStoreDbEventStore {
  const store = new EventStoreDbEventStore(connectionString, options);
  stores.push(store);
  return store;
}

/** The client's own public API, to write what the ledger never writes (system and metadata events). */
function rawClient(connectionString: string): EventStoreDBClient {
  const client = EventStoreDBClient.connectionString(connectionString);
  clients.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const client of clients) await client.dispose();
  await Promise.all(servers.map((server) => server.stop()));
});

/** Pulls `count` events matching `keep` from an iterator, failing instead of hanging. */
async function take(
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
  keep: (event: RecordedEvent) => boolean = () => true,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`subscription stalled after ${out.length} of ${count} events`)), GUARD_MS);
  });
  try {
    while (out.length < count) {
      const next = await Promise.race([iterator.next(), stalled]);
      if (next.done) throw new Error(`subscription ended after ${out.length} of ${count} events`);
      if (keep(next.value)) out.push(next.value);
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/** Polls (without asserting on time) until `condition` holds; fails after GUARD_MS. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + GUARD_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ids = (events: readonly { readonly id?: string }[]) => events.map((event) => event.id);

// ------------------------------------------------------------------ the shared contract

let sharedServer: EsdbTestServer;
beforeAll(async () => {
  sharedServer = await startServer();
});

eventStoreContract('eventstoredb on the protocol test server', async () => {
  const store = openStore(sharedServer.connectionString);
  return { store, cleanup: () => store.close() };
});

ledgerLogContract('eventstoredb on the protocol test server', async () => {
  const server = await startServer();
  const store = openStore(server.connectionString);
  return { store, another: async () => openStore(server.connectionString), cleanup: () => store.close() };
});

commandRacesContract('eventstoredb on the protocol test server', async () => {
  const store = openStore(sharedServer.connectionString);
  return { store, another: async () => openStore(sharedServer.connectionString), cleanup: () => store.close() };
});

const realConnectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (realConnectionString) {
  describe('against a real EventStoreDB (EVENTSTORE_CONNECTION_STRING)', () => {
    eventStoreContract('eventstoredb on a real server', async () => {
      const store = openStore(realConnectionString);
      return { store, cleanup: () => store.close() };
    });

    commandRacesContract('eventstoredb on a real server', async () => {
      const store = openStore(realConnectionString);
      return { store, another: async () => openStore(realConnectionString), cleanup: () => store.close() };
    });

    it('stores ledger events as application/json events with the exact bytes', async () => {
      const store = openStore(realConnectionString);
      const stream = newStream('bytes');
      const data = '{"b":1,  "a":"é"}';
      await store.appendToStream(stream, [{ type: 'Spaced', data, metadata: '{"m" : 1}' }]);
      for await (const resolved of rawClient(realConnectionString).readStream(stream)) {
        expect(resolved.event?.isJson).toBe(true);
      }
      expect((await store.readStream(stream))[0]?.data).toBe(data);
    });
  });
}

// ------------------------------------------------------------------ adapter specifics

describe('EventStoreDbEventStore (protocol test server)', () => {
  describe('bytes', () => {
    it('keeps content type application/json on the server while returning the appended text byte for byte', async () => {
      const server = await startServer();
      const store = openStore(server.connectionString);
      const stream = newStream('bytes');
      // Reordered keys, odd spacing, escapes, astral and combining characters, a raw U+2028, a BOM.
      const data = '\uFEFF{ "z":1,"a" :[1.0, -0 ,1e2],"s":"\\u00e9 é 🧾 e\u0301 \u2028 \\"q\\"" }\n';
      const metadata = '{"prev":null,   "hash":"ab"}';

      const { position } = await store.appendToStream(stream, [{ type: 'Tricky', data, metadata }]);

      const stored = server.log.stream(stream)![0];
      expect(stored.isJson).toBe(true);
      expect(Buffer.from(stored.data).equals(Buffer.from(data, 'utf8'))).toBe(true);
      expect(Buffer.from(stored.metadata).equals(Buffer.from(metadata, 'utf8'))).toBe(true);
      const [read] = await store.readStream(stream);
      const [all] = await store.readAll({ fromPosition: position, maxCount: 1 });
      for (const event of [read, all]) {
        expect(event?.data).toBe(data);
        expect(event?.metadata).toBe(metadata);
      }
      // What the client's public API would have given back instead: parsed values, not the text.
      for await (const resolved of rawClient(server.connectionString).readStream(stream)) {
        expect(resolved.event?.isJson).toBe(true);
        expect(typeof resolved.event?.metadata).toBe('object');
      }
    });

    it('refuses text that has no UTF-8 encoding (a lone surrogate) rather than storing something else', async () => {
      const store = openStore(sharedServer.connectionString);
      await expect(
        store.appendToStream(newStream(), [{ type: 'Bad', data: '{"x":"\uD800"}', metadata: '{}' }]),
      ).rejects.toThrow(/lone UTF-16 surrogate/);
    });
  });

  describe('expected revision and WrongExpectedVersionError mapping', () => {
    it('maps expected revisions to the client constants and back', () => {
      for (const expected of ['any', 'no_stream', 'stream_exists', 0n, 2n ** 63n] as const) {
        expect(fromClientExpectedRevision(toClientExpectedRevision(expected))).toBe(expected);
      }
      expect([toClientExpectedRevision('any'), toClientExpectedRevision('no_stream'), toClientExpectedRevision('stream_exists')]).toEqual(
        ['any', 'no_stream', 'stream_exists'],
      );
    });

    it("maps the client's error field by field, actual being a bigint or 'no_stream'", () => {
      const cases = [
        { expected: 'no_stream', current: 4n, actual: 4n },
        { expected: 3n, current: 'no_stream', actual: 'no_stream' },
        { expected: 'stream_exists', current: 'no_stream', actual: 'no_stream' },
        { expected: 'any', current: 2n ** 60n, actual: 2n ** 60n },
      ] as const;
      for (const { expected, current, actual } of cases) {
        const clientError = new ClientWrongExpectedVersionError(undefined, { streamName: 'case-1', expected, current });
        const error = fromClientWrongExpectedVersion(clientError);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ name: 'WrongExpectedVersionError', stream: 'case-1', expected, actual });
      }
    });

    it("agrees with the client's own reading of the server's in-band wrong_expected_version answer", async () => {
      const store = openStore(sharedServer.connectionString);
      const client = rawClient(sharedServer.connectionString);
      const stream = newStream('wev');
      await store.appendToStream(stream, [anEvent(), anEvent()]);

      for (const expectedRevision of ['no_stream', 0n, 7n] as const) {
        const fromClient = await client
          .appendToStream(stream, jsonEvent({ type: 'X', data: {} }), { expectedRevision })
          .then(() => null, (error: unknown) => error);
        const fromAdapter = await store
          .appendToStream(stream, [anEvent()], { expectedRevision })
          .then(() => null, (error: unknown) => error);

        expect(fromClient).toBeInstanceOf(ClientWrongExpectedVersionError);
        expect(fromAdapter).toBeInstanceOf(WrongExpectedVersionError);
        expect(fromAdapter).toEqual(fromClientWrongExpectedVersion(fromClient as ClientWrongExpectedVersionError));
        expect(fromAdapter).toMatchObject({ stream, expected: expectedRevision, actual: 1n });
      }
      const missing = newStream('wev');
      await expect(store.appendToStream(missing, [anEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
        stream: missing,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
    });
  });

  describe('resubscription after the server drops the subscription', () => {
    for (const drop of [
      { name: 'with status UNAVAILABLE', mode: { kind: 'error' } },
      { name: 'with status ABORTED (a slow consumer, as ESDB drops it)', mode: { kind: 'error', code: 10 } },
      { name: 'by ending the call cleanly', mode: { kind: 'end' } },
    ] as const) {
      it(`resumes after the last delivered event, with no gap and no duplicate, when dropped ${drop.name}`, async () => {
        const server = await startServer();
        // A 2-event buffer: the gRPC stream is paused and resumed around the drop as well.
        const store = openStore(server.connectionString, { ...FAST, subscriptionBuffer: 2 });
        const stream = newStream('drop');
        const before = someEvents(3);
        const after = someEvents(4);
        await store.appendToStream(stream, before);
        const controller = new AbortController();
        const iterator = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]();

        const first = await take(iterator, 3);
        expect(server.dropSubscriptions(drop.mode)).toBe(1);
        await store.appendToStream(stream, after.slice(0, 2));
        await store.appendToStream(stream, after.slice(2));
        const second = await take(iterator, 4);
        controller.abort();
        await iterator.return?.();

        expect(ids(first)).toEqual(ids(before));
        expect(ids(second)).toEqual(ids(after));
        expect(server.subscriptionRequests).toEqual([
          { target: '$all', from: 'start' },
          { target: '$all', from: first[2].position },
        ]);
      });
    }

    it('gives up, surfacing the error to the consumer, when the server refuses the subscription for good', async () => {
      const server = await startServer();
      const store = openStore(server.connectionString);
      await store.appendToStream(newStream('denied'), [anEvent()]);
      const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
      await take(iterator, 1);

      server.dropSubscriptions({ kind: 'error', code: 7 /* PERMISSION_DENIED */, details: 'Access denied' });

      await expect(iterator.next()).rejects.toMatchObject({ code: 7 });
      expect(server.subscriptionRequests).toHaveLength(1);
    });

    it('resumes across a server restart on the same port and data, transparently to the consumer', async () => {
      const log = new InMemoryLog();
      let server = await startServer({ log });
      const port = server.port;
      const store = openStore(server.connectionString);
      const stream = newStream('restart');
      await store.appendToStream(stream, someEvents(2));
      const controller = new AbortController();
      const iterator = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]();
      const first = await take(iterator, 2);

      await server.stop();
      // While the server is down the store reports itself unavailable…
      await expect(store.appendToStream(stream, [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      // …and once it is back, the same store and the same subscription carry on.
      server = await startServer({ log, port });
      const more = someEvents(2);
      await store.appendToStream(stream, more);
      const second = await take(iterator, 2);
      controller.abort();
      await iterator.return?.();

      expect(ids(second)).toEqual(ids(more));
      expect(second[0].position).toBeGreaterThan(first[1].position);
      expect(server.subscriptionRequests.at(-1)).toEqual({ target: '$all', from: first[1].position });
    });
  });

  describe('bigint positions beyond 2^53', () => {
    it('keeps positions exact from the server through append, readStream, readAll, headPosition and subscribeToAll', async () => {
      const first = 2n ** 60n + 7n;
      const server = await startServer({ firstPosition: first });
      const store = openStore(server.connectionString);
      const stream = newStream('big');
      const events = someEvents(3);

      const result = await store.appendToStream(stream, events);

      const truth = server.log.all.map((event) => event.position);
      expect(truth[0]).toBe(first);
      expect(truth[0] > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      // Neighbouring positions that a double could not tell apart.
      expect(Number(truth[1]) === Number(truth[1] + 1n)).toBe(true);
      expect(result.position).toBe(truth[2]);
      expect((await store.readStream(stream)).map((event) => event.position)).toEqual(truth);
      expect((await store.readAll({ fromPosition: truth[1] })).map((event) => event.position)).toEqual(truth.slice(1));
      expect(await store.headPosition()).toBe(truth[2]);
      const controller = new AbortController();
      const iterator = store.subscribeToAll({ fromPosition: truth[0], signal: controller.signal })[Symbol.asyncIterator]();
      const delivered = await take(iterator, 2);
      controller.abort();
      await iterator.return?.();
      expect(delivered.map((event) => event.position)).toEqual(truth.slice(1));
      expect(delivered.every((event) => typeof event.position === 'bigint' && typeof event.revision === 'bigint')).toBe(true);
    });
  });

  describe('system and stream-metadata events', () => {
    it('are left out of readAll, subscribeToAll and headPosition, even across many pages of them', async () => {
      const server = await startServer();
      const store = openStore(server.connectionString, { ...FAST, readPageSize: 2 });
      const client = rawClient(server.connectionString);
      const stream = newStream('user');
      const system = async (count: number) => {
        for (let i = 0; i < count; i++) {
          await client.appendToStream('$stats-127.0.0.1:2113', jsonEvent({ type: '$statsCollected', data: { i } }));
        }
      };

      await system(5);
      await store.appendToStream(stream, [anEvent('First')]);
      await client.setStreamMetadata(stream, { maxAge: 3600 }); // `$metadata` in `$$<stream>`
      await system(5);
      await store.appendToStream(stream, [anEvent('Second')]);
      await system(7);

      expect(server.log.all.filter((event) => event.type.startsWith('$'))).toHaveLength(18);
      const all = await store.readAll();
      expect(all.map((event) => event.type)).toEqual(['First', 'Second']);
      expect(await store.readAll({ maxCount: 1 })).toEqual([all[0]]);
      // From the first event's position: the pages after it skip the system events between the two.
      expect(await store.readAll({ fromPosition: all[0].position, maxCount: 2 })).toEqual(all);
      expect(await store.headPosition()).toBe(all[1].position);

      const controller = new AbortController();
      const iterator = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]();
      await system(3);
      await store.appendToStream(stream, [anEvent('Third')]);
      const delivered = await take(iterator, 3);
      controller.abort();
      await iterator.return?.();
      expect(delivered.map((event) => event.type)).toEqual(['First', 'Second', 'Third']);
    });

    it('reports a null head and an empty $all when there are only system events', async () => {
      const server = await startServer();
      const store = openStore(server.connectionString, { ...FAST, readPageSize: 2 });
      for (let i = 0; i < 5; i++) {
        await rawClient(server.connectionString).appendToStream('$settings', jsonEvent({ type: '$settings', data: { i } }));
      }
      expect(await store.headPosition()).toBeNull();
      expect(await store.readAll()).toEqual([]);
    });
  });

  describe('connection strings', () => {
    it('finds the node through gossip discovery (esdb+discover://) and through a host list', async () => {
      const server = await startServer();
      for (const connectionString of [
        `esdb+discover://127.0.0.1:${server.port}?tls=false`,
        `esdb://127.0.0.1:${server.port},127.0.0.1:${server.port}?tls=false&nodePreference=leader`,
      ]) {
        const store = openStore(connectionString);
        const stream = newStream('discover');
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        expect(await store.readStream(stream)).toHaveLength(1);
        await store.close();
      }
    });
  });

  describe('availability and close', () => {
    it('reports an unreachable server as EventStoreUnavailableError', async () => {
      const server = await startServer();
      const { connectionString } = server;
      await server.stop();
      const store = openStore(connectionString);

      await expect(store.appendToStream(newStream(), [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('closes idempotently; every operation afterwards is EventStoreUnavailableError and subscriptions yield nothing', async () => {
      const store = openStore(sharedServer.connectionString);
      await store.appendToStream(newStream(), [anEvent()]);
      await store.close();
      await store.close();

      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      const delivered: RecordedEvent[] = [];
      for await (const event of store.subscribeToAll()) delivered.push(event);
      expect(delivered).toEqual([]);
    });

    it('ends subscriptions in flight and releases them on the server', async () => {
      const server = await startServer();
      const store = new EventStoreDbEventStore(server.connectionString, FAST);
      await store.appendToStream(newStream(), [anEvent()]);
      const iterators = [0, 1].map(() => store.subscribeToAll()[Symbol.asyncIterator]());
      for (const iterator of iterators) await take(iterator, 1);
      expect(server.activeSubscriptions).toBe(2);

      await store.close();

      for (const iterator of iterators) await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
      await until(() => server.activeSubscriptions === 0, 'the server to see both subscriptions cancelled');
    });

    it('closes its connection: the server sees no client left once the store is closed', async () => {
      const server = await startServer();
      const store = new EventStoreDbEventStore(server.connectionString, FAST);
      await store.appendToStream(newStream(), [anEvent()]);
      await store.readAll();
      expect(server.openConnections).toBe(1);

      await store.close();

      await until(() => server.openConnections === 0, 'the client connection to close');
    });
  });
});

function someEvents(count: number) {
  return Array.from({ length: count }, (_, n) => anEvent('Numbered', { n, nonce: randomUUID() }));
}

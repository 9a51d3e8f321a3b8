/**
 * The EventStoreDB adapter under the faults a real cluster shows, driven through the real
 * @eventstore/db-client 6.2.1 against the protocol test server and the test cluster: an append that
 * commits and then fails or never answers, `not-leader`, elections, a lagging follower, nodes going
 * away, positions that are not record boundaries, the 1 MiB append limit.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../../libs/ledger/src/event-store/event-store.port.js';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '@ledger/ledger/eventstoredb';
import { EsdbTestCluster, EsdbTestServer, InMemoryLog, MAX_APPEND_SIZE, type AppendFault } from '../support/esdb-test-server/index.js';
import { anEvent, newStream } from './event-store.contract.js';

const ABORTED = 10;
const UNAVAILABLE = 14;
/** Quick retries, and a short deadline so that an append that never answers ends in the test's time. */
const QUICK: EventStoreDbEventStoreOptions = { retry: { attempts: 4, initialDelayMs: 10 }, resubscribe: { initialDelayMs: 10, maxDelayMs: 100 } };
const withDeadline = (connectionString: string) => `${connectionString}&defaultDeadline=400`;

const servers: EsdbTestServer[] = [];
const clusters: EsdbTestCluster[] = [];
const stores: EventStoreDbEventStore[] = [];
const clients: EventStoreDBClient[] = [];

async function startServer(): Promise<EsdbTestServer> {
  const server = await EsdbTestServer.start();
  servers.push(server);
  return server;
}

async function startCluster(): Promise<EsdbTestCluster> {
  const cluster = await EsdbTestCluster.start({ nodes: 3 });
  clusters.push(cluster);
  return cluster;
}

function openStore(connectionString: string, options: EventStoreDbEventStoreOptions = QUICK): EventStoreDbEventStore {
  const store = new EventStoreDbEventStore(connectionString, options);
  stores.push(store);
  return store;
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const client of clients) await client.dispose();
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(clusters.map((cluster) => cluster.stopAll()));
});

const idsIn = (server: EsdbTestServer, stream: string) => (server.log.stream(stream) ?? []).map((event) => event.id);

describe('an append whose answer is lost is resolved, never written twice', () => {
  const committedThenLost: readonly { name: string; fault: AppendFault }[] = [
    { name: 'ABORTED after the commit (the node’s commit timeout)', fault: { kind: 'commit-then-fail', code: ABORTED } },
    { name: 'UNAVAILABLE after the commit (the node went away)', fault: { kind: 'commit-then-fail', code: UNAVAILABLE } },
    { name: 'no answer at all (the client’s deadline)', fault: { kind: 'commit-then-hang' } },
  ];
  for (const { name, fault } of committedThenLost) {
    it(`answers with the first write’s position when the append committed and then met ${name}`, async () => {
      const server = await startServer();
      const store = openStore(withDeadline(server.connectionString));
      const stream = newStream('lost-ack');
      await store.appendToStream(stream, [anEvent('Opened')], { expectedRevision: 'no_stream' });
      const events = [{ ...anEvent('Noted'), id: randomUUID() }, { ...anEvent('Noted'), id: randomUUID() }];

      server.injectAppendFaults(fault);
      const result = await store.appendToStream(stream, events, { expectedRevision: 0n });

      expect(server.pendingAppendFaults).toBe(0);
      expect(idsIn(server, stream).slice(1)).toEqual(events.map((event) => event.id));
      const written = server.log.stream(stream)!;
      expect(result).toEqual({ nextExpectedRevision: 2n, position: written[2].position });
    });
  }

  it('writes once when the node restarts mid-append, after the commit and before the answer (the connection drops)', async () => {
    const log = new InMemoryLog();
    const first = await EsdbTestServer.start({ log });
    servers.push(first);
    const store = openStore(first.connectionString, { ...QUICK, retry: { attempts: 8, initialDelayMs: 10 } });
    const stream = newStream('restart');
    const event = { ...anEvent('Noted'), id: randomUUID() };
    first.injectAppendFaults({
      kind: 'commit-then-hang',
      then: () =>
        void first.stop().then(async () => {
          servers.push(await EsdbTestServer.start({ log, port: first.port }));
        }),
    });

    const result = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });

    expect(log.stream(stream)!.map((written) => written.id)).toEqual([event.id]);
    expect(result).toEqual({ nextExpectedRevision: 0n, position: log.stream(stream)![0].position });
  });

  it('sends every retry with the same event ids, so a retry after a refusal writes the events once', async () => {
    const server = await startServer();
    const store = openStore(server.connectionString);
    const stream = newStream('refused');
    server.injectAppendFaults({ kind: 'refuse', code: UNAVAILABLE }, { kind: 'refuse', code: ABORTED });

    const result = await store.appendToStream(stream, [anEvent('Opened'), anEvent('Noted')], { expectedRevision: 'no_stream' });

    expect(server.log.stream(stream)).toHaveLength(2);
    expect(result.nextExpectedRevision).toBe(1n);
  });

  it('recognises its own events when a retry meets a conflict its first, lost attempt caused', async () => {
    const server = await startServer();
    const store = openStore(server.connectionString);
    const stream = newStream('own');
    await store.appendToStream(stream, [anEvent('Opened')]);
    const event = { ...anEvent('Noted'), id: randomUUID() };
    // The first attempt commits; before the retry arrives another writer appends after it, so the
    // retry's expected revision (0) no longer names the stream's end.
    server.injectAppendFaults({
      kind: 'commit-then-fail',
      code: UNAVAILABLE,
      then: () => void server.log.append(stream, { kind: 'any' }, [{ id: randomUUID(), type: 'Other', isJson: true, data: Buffer.from('{}'), metadata: Buffer.from('{}') }]),
    });

    const result = await store.appendToStream(stream, [event], { expectedRevision: 0n });

    expect(idsIn(server, stream).filter((id) => id === event.id)).toHaveLength(1);
    expect(result).toEqual({ nextExpectedRevision: 1n, position: server.log.stream(stream)![1].position });
  });

  it('reports a conflict, not success, when its lost attempt never committed and another writer got in', async () => {
    const server = await startServer();
    const store = openStore(server.connectionString);
    const stream = newStream('lost-race');
    await store.appendToStream(stream, [anEvent('Opened')]);
    server.injectAppendFaults({
      kind: 'refuse',
      code: UNAVAILABLE,
      then: () => void server.log.append(stream, { kind: 'any' }, [{ id: randomUUID(), type: 'Other', isJson: true, data: Buffer.from('{}'), metadata: Buffer.from('{}') }]),
    });

    await expect(store.appendToStream(stream, [anEvent('Noted')], { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(server.log.stream(stream)!.map((event) => event.type)).toEqual(['Opened', 'Other']);
  });

  it('says the outcome is unknown (an unavailable store), naming its event ids, when every retry fails unclearly', async () => {
    const server = await startServer();
    const store = openStore(server.connectionString);
    const stream = newStream('unknown');
    const event = { ...anEvent('Noted'), id: randomUUID() };
    server.injectAppendFaults(
      { kind: 'commit-then-fail', code: ABORTED },
      { kind: 'refuse', code: UNAVAILABLE },
      { kind: 'refuse', code: UNAVAILABLE },
      { kind: 'refuse', code: UNAVAILABLE },
    );

    const failure = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AppendOutcomeUnknownError);
    expect(failure).toBeInstanceOf(EventStoreUnavailableError);
    expect(failure).toMatchObject({ stream, eventIds: [event.id] });
    // Written once by the first attempt; the same append sent again is answered by the idempotent append.
    const again = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    expect(idsIn(server, stream)).toEqual([event.id]);
    expect(again.nextExpectedRevision).toBe(0n);
  });
});

/**
 * What a real node does that a single healthy node's happy path never shows: on the protocol test
 * server always, and on a real EventStoreDB whenever EVENTSTORE_CONNECTION_STRING is set, so that the
 * test server's imitation of it is checked against the real thing.
 */
function realNodeBehaviour(target: string, connectionString: () => Promise<string>): void {
  describe(`what a real node refuses for good is not retried and not called unavailable (${target})`, () => {
    it('refuses an append over 1 MiB (maximum-append-size-exceeded) and writes nothing', async () => {
      const store = openStore(await connectionString());
      const stream = newStream('big');
      const data = JSON.stringify({ text: 'x'.repeat(MAX_APPEND_SIZE) });

      const failure = await store.appendToStream(stream, [{ type: 'Big', data, metadata: '{}' }]).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(EventStoreUnavailableError);
      expect(failure).toMatchObject({ type: 'maximum-append-size-exceeded' });
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('answers INVALID_ARGUMENT for a position where no record starts, once', async () => {
      const store = openStore(await connectionString());
      const { position } = await store.appendToStream(newStream('boundary'), [anEvent()]);
      await expect(store.readAll({ fromPosition: position, maxCount: 1 })).resolves.toHaveLength(1);

      const failure = await store.readAll({ fromPosition: position + 1n }).catch((error: unknown) => error);

      expect(failure).toMatchObject({ code: 3 });
      expect(failure).not.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('answers a zero-event append with an empty record’s position, and the adapter still names the last event', async () => {
      const target = await connectionString();
      const client = EventStoreDBClient.connectionString(target);
      clients.push(client);
      const stream = newStream('empty');
      const first = await client.appendToStream(stream, jsonEvent({ type: 'Opened', data: {} }));
      const empty = await client.appendToStream(stream, [], { expectedRevision: first.nextExpectedRevision });
      expect(empty.position?.commit).toBeGreaterThan(first.position!.commit);

      const store = openStore(target);
      await expect(store.appendToStream(stream, [])).resolves.toEqual({ nextExpectedRevision: 0n, position: first.position!.commit });
    });
  });
}

realNodeBehaviour('protocol test server', async () => (await startServer()).connectionString);
const realConnectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (realConnectionString) realNodeBehaviour('a real EventStoreDB', async () => realConnectionString);

describe('on a cluster: leader reads and writes, elections, nodes going away', () => {
  it('follows not-leader from a follower to the leader for appends, stream reads and $all', async () => {
    const cluster = await startCluster();
    // Connected to one follower only: every call it makes needs the leader.
    const store = openStore(`esdb://127.0.0.1:${cluster.node(1).port}?tls=false`);
    const stream = newStream('follow');

    await store.appendToStream(stream, [anEvent('Opened')], { expectedRevision: 'no_stream' });
    cluster.lag(1, 1); // the follower has not replicated the last event
    await store.appendToStream(stream, [anEvent('Noted')], { expectedRevision: 0n });

    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['Opened', 'Noted']);
    expect((await store.readAll()).at(-1)?.type).toBe('Noted');
    expect(cluster.log.stream(stream)).toHaveLength(2);
  });

  it('would read stale data from a lagging follower without requires-leader (what the adapter avoids)', async () => {
    const cluster = await startCluster();
    const stream = newStream('stale');
    const leader = openStore(cluster.connectionString);
    await leader.appendToStream(stream, [anEvent('Opened'), anEvent('Noted')]);
    cluster.lag(2, 1);
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${cluster.node(2).port}?tls=false`);
    clients.push(client);

    const stale: string[] = [];
    for await (const resolved of client.readStream(stream)) stale.push(resolved.event!.type);
    const fresh = openStore(`esdb://127.0.0.1:${cluster.node(2).port}?tls=false`);

    expect(stale).toEqual(['Opened']);
    expect((await fresh.readStream(stream)).map((event) => event.type)).toEqual(['Opened', 'Noted']);
  });

  it('is unavailable (never a plain error) while no leader is elected, and writes again once one is, without a restart', async () => {
    const cluster = await startCluster();
    // Discovery gives up quickly while gossip names no leader or follower.
    const store = openStore(`${cluster.connectionString}&maxDiscoverAttempts=2&discoveryInterval=20`);
    const stream = newStream('election');
    await store.appendToStream(stream, [anEvent('Opened')], { expectedRevision: 'no_stream' });

    cluster.election();
    await expect(store.appendToStream(stream, [anEvent('Noted')], { expectedRevision: 0n })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);

    cluster.elect(2);
    await store.appendToStream(stream, [anEvent('Noted')], { expectedRevision: 0n });
    expect(cluster.log.stream(stream)!.map((event) => event.type)).toEqual(['Opened', 'Noted']);
  });

  it('keeps writing and reading through a host list while each node in turn is down (the leader too)', async () => {
    const cluster = await startCluster();
    const store = openStore(cluster.connectionString);
    const stream = newStream('failover');
    let revision: bigint | 'no_stream' = 'no_stream';
    for (const down of [0, 1, 2]) {
      const wasLeader = cluster.leaderIndex === down;
      await cluster.stop(down);
      if (wasLeader) cluster.elect((down + 1) % 3);
      const written = await store.appendToStream(stream, [anEvent(`While${down}Down`)], { expectedRevision: revision });
      revision = written.nextExpectedRevision;
      expect((await store.readStream(stream)).at(-1)?.type).toBe(`While${down}Down`);
      await cluster.restart(down);
    }
    expect(cluster.log.stream(stream)).toHaveLength(3);
  });

  it('connects with node1 down through the connection string docker-compose.yml gives the API, where esdb+discover:// cannot', async () => {
    const cluster = await startCluster();
    const compose = readFileSync(resolve(import.meta.dirname, '../../docker-compose.yml'), 'utf8');
    const [, configured] = /EVENTSTORE_CONNECTION_STRING: "(esdb[^"]*node1:2113,node2:2113,node3:2113[^"]*)"/.exec(compose) ?? [];
    expect(configured).toMatch(/^esdb:\/\//);
    // The compose file's string on the test cluster: its nodes' ports, no TLS (the test nodes have none),
    // a password where the environment gives one (the test nodes ignore credentials without TLS).
    const local = configured
      .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, (_, fallback: string) => fallback || 'set-in-the-env-file')
      .replace(/node(\d):2113/g, (_, n: string) => `127.0.0.1:${cluster.node(Number(n) - 1).port}`)
      .replace('tls=true', 'tls=false')
      .replace(/&tlsCAFile=[^&]*/, '');
    await cluster.stop(0);
    cluster.elect(1);

    const store = openStore(local);
    const stream = newStream('compose');
    await store.appendToStream(stream, [anEvent()]);
    expect(await store.readStream(stream)).toHaveLength(1);

    const discovering = openStore(`${cluster.discoverConnectionString}&maxDiscoverAttempts=2&discoveryInterval=20`);
    await expect(discovering.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('recovers without a restart when every node was unreachable (discovery failed)', async () => {
    const cluster = await startCluster();
    const store = openStore(cluster.connectionString, { retry: { attempts: 2, initialDelayMs: 10 } });
    const stream = newStream('all-down');
    await store.appendToStream(stream, [anEvent('Opened')]);

    await cluster.stopAll();
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);

    for (const index of [0, 1, 2]) await cluster.restart(index);
    cluster.elect(1);
    expect(await store.readStream(stream)).toHaveLength(1);
  });
});

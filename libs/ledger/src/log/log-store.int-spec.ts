/**
 * log.db on disk: the version-0 file moved to version 1 without losing a hash or a checkpoint, the
 * event-id index deferred during a large build and made again (also after a crash), and `$all`
 * read and hashed in worker threads giving exactly the leaves one thread gives.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { LedgerWriter } from '../integrity/ledger-writer.js';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { LedgerLog } from './ledger-log.js';
import { type HashedLogEntry, readLogEntries } from './log-entries.js';
import { LogStore } from './log-store.js';
import { hashLeaf, verifyInclusion } from './merkle.js';
import { inclusionProof, MemoryStoredHashes, rootAt } from './merkle-tree.js';

/** The compiled worker (`npm test` builds dist/ before jest runs): jest itself cannot load .ts in a worker thread. */
const WORKER_SCRIPT = new URL('../../../../dist/libs/ledger/src/log/leaf-hashing.worker.js', import.meta.url);

/** 22,000 events written and logged several times: seconds on a quiet machine, minutes on a busy one. */
const SLOW = 240_000;

const VERSION_0 = `
  CREATE TABLE log_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
  CREATE TABLE log_leaves (idx INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL);
  CREATE TABLE log_checkpoints (size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL, signed_at TEXT NOT NULL);
`;

const indexNames = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_leaves'").all() as { name: string }[]).map((row) => row.name).sort();
  } finally {
    db.close();
  }
};

describe('log.db', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('log-store-')));
  afterEach(() => temp.remove());

  it('given a version-0 log.db, when opened for writing, then it is version 1 with every leaf, hash, proof and checkpoint as before', () => {
    const file = join(temp.dir, 'log.db');
    const memory = new MemoryStoredHashes();
    const leaves = Array.from({ length: 37 }, (_, i) => ({ position: BigInt(10 + 3 * i), eventId: randomUUID(), stream: `case-${i % 5}`, leafHash: hashLeaf(Buffer.from(`event ${i}`)) }));
    const old = new Database(file);
    old.exec(VERSION_0);
    leaves.forEach((leaf, i) => {
      old.prepare('INSERT INTO log_leaves VALUES (?, ?, ?, ?)').run(i, leaf.position, leaf.eventId, leaf.stream);
      memory.append(leaf.leafHash);
    });
    for (let level = 0; ; level++) {
      const width = 2 ** level;
      if (width > leaves.length) break;
      for (let index = 0; (index + 1) * width <= leaves.length; index++) old.prepare('INSERT INTO log_nodes VALUES (?, ?, ?)').run(level, index, memory.nodeHash(level, index));
    }
    old.prepare('INSERT INTO log_checkpoints VALUES (?, ?, ?, ?)').run(30, rootAt(memory, 30), 'the note at 30', '2026-11-01T00:00:00.000Z');
    old.close();

    expect(() => LogStore.open(file, { readonly: true })).toThrow(/older version of the ledger: start the server once/);

    const log = LogStore.open(file);
    try {
      expect(log.size).toBe(37);
      for (const size of [1, 2, 30, 37]) expect(log.rootAt(size)).toEqual(rootAt(memory, size));
      for (const [index, size] of [[0, 37], [36, 37], [17, 30]] as const) {
        expect(verifyInclusion(index, size, leaves[index].leafHash, inclusionProof(log, index, size), rootAt(memory, size))).toBe(true);
      }
      expect(log.leafOfEvent(leaves[12].eventId)).toEqual({ index: 12, position: leaves[12].position, eventId: leaves[12].eventId, stream: 'case-2' });
      expect(log.checkpoints()).toEqual([{ size: 30, root: rootAt(memory, 30), note: 'the note at 30', signedAt: '2026-11-01T00:00:00.000Z' }]);
    } finally {
      log.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM log_nodes WHERE level = 0').get()).toEqual({ n: 0 });
    db.close();
    expect(indexNames(file)).toEqual(['log_leaves_event_id', 'log_leaves_position']);
    // Opening it again changes nothing.
    const again = LogStore.open(file);
    expect(again.rootAt(37)).toEqual(rootAt(memory, 37));
    again.close();
  });

  it('given a build that deferred the event-id index, when it stops before making it again, then the next open makes it', () => {
    const file = join(temp.dir, 'log.db');
    const log = LogStore.open(file);
    log.deferEventIndex();
    const eventId = randomUUID();
    log.append(0, [{ position: 1n, eventId, stream: 'case-a', revision: 0n, leafHash: hashLeaf(Buffer.from('a')) }]);
    expect(indexNames(file)).toEqual(['log_leaves_position']);
    // Meanwhile an event's leaf is still found (by a scan).
    expect(log.leafOfEvent(eventId)?.index).toBe(0);
    log.close();

    LogStore.open(file).close();
    expect(indexNames(file)).toEqual(['log_leaves_event_id', 'log_leaves_position']);
  });

  // One ledger for these: the last one rewrites an event in it.
  describe('over a ledger of events', () => {
    let store: SqliteEventStore;
    let ledger: ReturnType<typeof makeTempDir>;
    beforeAll(async () => {
      ledger = makeTempDir('log-store-ledger-');
      store = SqliteEventStore.open(join(ledger.dir, 'events.db'));
      const writer = new LedgerWriter(store);
      // Many streams, interleaved: enough for a catch-up that defers the index (20,000 leaves).
      const streams = Array.from({ length: 400 }, () => `case-${randomUUID()}`);
      for (let round = 0; round < 55; round++) {
        await Promise.all(streams.map((stream) => writer.appendToEnd(stream, [{ type: 'ThingHappened', data: { round }, metadata: { by: 'spec' } }])));
      }
    }, SLOW);
    afterAll(async () => {
      await store.close();
      ledger.remove();
    });

    const collect = async (pages: AsyncIterable<HashedLogEntry[]>) => {
      const all: HashedLogEntry[] = [];
      for await (const page of pages) all.push(...page);
      return all;
    };

    it('given the compiled worker, when $all is read in worker threads, then the entries and leaves are exactly those read in this thread', async () => {
      const inThread = await collect(readLogEntries(store, { workers: 0, pageSize: 999 }));
      expect(inThread).toHaveLength(22_000);
      const inWorkers = await collect(readLogEntries(store, { workers: 2, pageSize: 997, workerScript: WORKER_SCRIPT }));
      expect(inWorkers).toEqual(inThread);
      const throughReadAll = (await store.readAll({ maxCount: 50 })).map((event) => event.id);
      expect(inThread.slice(0, 50).map((entry) => entry.id)).toEqual(throughReadAll);
    }, SLOW);

    it('given a large first build in worker threads, then the log has the root one thread gives and its event-id index again', async () => {
      const logs = ['threads', 'one'].map((name) =>
        LedgerLog.open(store, {
          logFile: join(temp.dir, `${name}-log.db`),
          signingKeyFile: join(temp.dir, 'keys', 'log-signing-key.pem'),
          origin: 'library.example/ledger',
          reading: name === 'threads' ? { workers: 2, pageSize: 3000, workerScript: WORKER_SCRIPT } : { workers: 0 },
        }),
      );
      try {
        for (const log of logs) await log.catchUp();
        expect(logs[0].size).toBe(22_000);
        expect(logs[0].store.root()).toEqual(logs[1].store.root());
        expect(logs[0].latestCheckpoint()?.size).toBe(22_000);
        expect(indexNames(join(temp.dir, 'threads-log.db'))).toEqual(['log_leaves_event_id', 'log_leaves_position']);
        // A second catch-up checks every leaf it holds against the events, in worker threads too.
        await logs[0].catchUp();
        expect(logs[0].alarm.raised).toBeNull();
        // An event rewritten after the log took it is caught at its entry, by the threads as by one.
        const db = new Database(join(ledger.dir, 'events.db'));
        db.prepare(
          `UPDATE events SET metadata = '{"hash":"' || CASE WHEN substr(metadata, 10, 1) = '0' THEN '1' ELSE '0' END || substr(metadata, 11)
           WHERE position = (SELECT position FROM events ORDER BY position LIMIT 1 OFFSET 12345)`,
        ).run();
        db.close();
        for (const log of logs) {
          await log.catchUp();
          expect(log.alarm.raised?.reason).toMatch(/^entry 12345 of the ledger \(case-[0-9a-f-]+@\d+\) is not the event the log holds there/);
        }
      } finally {
        for (const log of logs) await log.close();
      }
    }, SLOW);
  });
});

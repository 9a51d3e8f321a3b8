import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  EventStoreUnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '../../libs/ledger/src/event-store/event-store.port.js';
import {
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from '../../libs/ledger/src/event-store/sqlite/sqlite-event-store.js';
import { anEvent, eventStoreContract, newStream } from './event-store.contract.js';
import { commandRacesContract } from './command-races.contract.js';
import { ledgerLogContract } from './ledger-log.contract.js';

let root: string;
const opened: SqliteEventStore[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ledger-sqlite-event-store-'));
});

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await rm(root, { recursive: true, force: true });
});

/** A fresh `events.db` in its own directory (which the store must create). */
function freshFile(): string {
  return join(root, randomUUID(), 'events.db');
}

function openStore(file = freshFile(), options: Omit<SqliteEventStoreOptions, 'file'> = {}): SqliteEventStore {
  const store = SqliteEventStore.open(file, options);
  opened.push(store);
  return store;
}

eventStoreContract('sqlite', async () => {
  const store = openStore();
  return { store, cleanup: () => store.close() };
});

// Tiny pages make every catch-up span many queries, so the hand-over is crossed page by page.
eventStoreContract('sqlite, 3-event subscription pages', async () => {
  const store = openStore(freshFile(), { subscriptionPageSize: 3 });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  describe('the file', () => {
    it('runs its connection with journal_mode=WAL and synchronous=FULL', () => {
      const file = freshFile();
      const store = openStore(file);

      expect(store.settings()).toMatchObject({ journalMode: 'wal', synchronous: 2 });
      // WAL is a property of the file, so any later connection (the CLI) gets it too.
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        raw.close();
      }
    });

    it('enforces UNIQUE(stream, revision) in the schema itself', async () => {
      const file = freshFile();
      const store = openStore(file);
      const stream = newStream();
      await store.appendToStream(stream, [anEvent()]);

      const raw = new Database(file);
      try {
        const indexes = raw.prepare('PRAGMA index_list(events)').all() as { name: string; unique: number }[];
        const uniqueColumnSets = indexes
          .filter((index) => index.unique === 1)
          .map((index) =>
            (raw.prepare(`PRAGMA index_info(${JSON.stringify(index.name)})`).all() as { name: string }[]).map(
              (column) => column.name,
            ),
          );
        expect(uniqueColumnSets).toContainEqual(['stream', 'revision']);
        expect(() =>
          raw
            .prepare(
              `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, 0, 'T', '{}', '{}', 'now')`,
            )
            .run(randomUUID(), stream),
        ).toThrow(/UNIQUE constraint failed: events\.stream, events\.revision/);
      } finally {
        raw.close();
      }
    });

    it('starts empty: no head position and nothing in $all', async () => {
      const store = openStore();

      await expect(store.headPosition()).resolves.toBeNull();
      await expect(store.readAll()).resolves.toEqual([]);
    });

    it('keeps every event across close and reopen, and carries on numbering', async () => {
      const file = freshFile();
      const first = openStore(file);
      const stream = newStream();
      await first.appendToStream(stream, [anEvent(), anEvent()]);
      await first.appendToStream(newStream(), [anEvent()]);
      const before = await first.readAll();
      const head = await first.headPosition();
      await first.close();

      const reopened = openStore(file);
      expect(await reopened.readAll()).toEqual(before);
      expect(await reopened.headPosition()).toBe(head);
      const next = await reopened.appendToStream(stream, [anEvent()], { expectedRevision: 1n });
      expect(next.nextExpectedRevision).toBe(2n);
      expect(next.position).toBeGreaterThan(head!);
    });
  });

  describe('group commit', () => {
    it('commits appends requested in the same event-loop turn in a single transaction', async () => {
      const store = openStore();
      const before = store.stats;

      const results = await Promise.all(
        Array.from({ length: 64 }, () => store.appendToStream(newStream(), [anEvent()], { expectedRevision: 'no_stream' })),
      );

      expect(store.stats.transactions - before.transactions).toBe(1);
      expect(store.stats.appendRequests - before.appendRequests).toBe(64);
      expect(store.stats.eventsWritten - before.eventsWritten).toBe(64);
      expect(new Set(results.map((result) => result.position)).size).toBe(64);
    });

    it('counts one transaction per append when callers await each other', async () => {
      const store = openStore();
      const before = store.stats.transactions;

      for (let i = 0; i < 3; i++) await store.appendToStream(newStream(), [anEvent()]);

      expect(store.stats.transactions - before).toBe(3);
    });

    it('fails only the requests of a batch that fail, checking each against the heads earlier ones left', async () => {
      const store = openStore();
      const existing = anEvent();
      await store.appendToStream(newStream(), [existing]);
      const [a, b, c] = [newStream(), newStream(), newStream()];
      const transactionsBefore = store.stats.transactions;

      const settled = await Promise.allSettled([
        store.appendToStream(a, [anEvent()], { expectedRevision: 'no_stream' }),
        // Sees the event the previous request of the same batch wrote.
        store.appendToStream(a, [anEvent()], { expectedRevision: 0n }),
        store.appendToStream(a, [anEvent()], { expectedRevision: 0n }),
        // Its first event is fine, its second reuses an id: the whole request must roll back.
        store.appendToStream(b, [anEvent(), { ...anEvent(), id: existing.id }]),
        store.appendToStream(c, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
      ]);

      expect(store.stats.transactions - transactionsBefore).toBe(1);
      expect(settled.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      const reasons = settled.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined));
      expect(reasons[2]).toBeInstanceOf(WrongExpectedVersionError);
      expect(reasons[2]).toMatchObject({ stream: a, expected: 0n, actual: 1n });
      expect(String(reasons[3])).toMatch(/UNIQUE constraint failed: events\.id/);
      expect(await store.readStream(a)).toHaveLength(2);
      expect(await store.readStream(b)).toEqual([]);
      expect(await store.readStream(c)).toHaveLength(2);
    });

    it('rejects every caller of a batch whose transaction fails, and recovers for the next batch', async () => {
      const file = freshFile();
      const store = openStore(file, { busyTimeoutMs: 10 });
      await store.appendToStream(newStream(), [anEvent()]);
      const headBefore = await store.headPosition();
      // Another connection (as the CLI would) holds the write lock, so BEGIN IMMEDIATE fails.
      const cli = new Database(file);
      cli.exec('BEGIN IMMEDIATE');
      let settled: PromiseSettledResult<unknown>[];
      try {
        settled = await Promise.allSettled([
          store.appendToStream(newStream(), [anEvent()]),
          store.appendToStream(newStream(), [anEvent()]),
          store.appendToStream(newStream(), [], { expectedRevision: 'no_stream' }),
        ]);
      } finally {
        cli.exec('ROLLBACK');
        cli.close();
      }

      const reasons = settled.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined));
      expect(reasons.every((reason) => reason !== undefined && reason === reasons[0])).toBe(true);
      expect(reasons[0]).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(await store.headPosition()).toBe(headBefore);
      await expect(store.appendToStream(newStream(), [anEvent()])).resolves.toMatchObject({ nextExpectedRevision: 0n });
    });
  });

  describe('close', () => {
    it('commits appends still queued when it is called, then closes', async () => {
      const file = freshFile();
      const store = openStore(file);
      const stream = newStream();

      const pending = store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
      await store.close();

      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
      const reopened = openStore(file);
      expect(await reopened.readStream(stream)).toHaveLength(1);
    });

    it('makes reads and new subscriptions fail with EventStoreUnavailableError, and can be repeated', async () => {
      const store = openStore();
      await store.close();
      await store.close();

      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
    });
  });

  describe('subscriptions', () => {
    /** Collects `count` events of `stream`; fails after `guardMs` instead of hanging. */
    async function take(store: SqliteEventStore, from: bigint | null, stream: string, count: number, guardMs: number) {
      const controller = new AbortController();
      const guard = setTimeout(() => controller.abort(), guardMs);
      const kept: RecordedEvent[] = [];
      try {
        for await (const event of store.subscribeToAll({
          ...(from === null ? {} : { fromPosition: from }),
          signal: controller.signal,
        })) {
          if (event.stream === stream) kept.push(event);
          if (kept.length === count) break;
        }
      } finally {
        clearTimeout(guard);
      }
      return kept;
    }

    it('are woken by in-process commits without waiting for the poll', async () => {
      // An hour-long poll: only the commit notification can deliver within the guard.
      const store = openStore(freshFile(), { pollIntervalMs: 3_600_000 });
      const stream = newStream();
      const taking = take(store, await store.headPosition(), stream, 2, 5_000);
      await delay(30);

      await store.appendToStream(stream, [anEvent(), anEvent()]);

      expect((await taking).map((event) => event.revision)).toEqual([0n, 1n]);
    });

    it('see events another process appends to the same file (by polling)', async () => {
      const file = freshFile();
      const reader = openStore(file);
      const cli = openStore(file);
      const stream = newStream();
      const taking = take(reader, await reader.headPosition(), stream, 3, 5_000);
      await delay(30);

      const written = [anEvent(), anEvent(), anEvent()];
      await cli.appendToStream(stream, written.slice(0, 2));
      const { position } = await cli.appendToStream(stream, written.slice(2));

      const seen = await taking;
      expect(seen.map((event) => event.id)).toEqual(written.map((event) => event.id));
      expect(seen[2].position).toBe(position);
    });
  });

  describe('input checks', () => {
    it('rejects malformed appends and reads before they reach a batch', async () => {
      const store = openStore();
      const stream = newStream();
      const transactionsBefore = store.stats.transactions;

      await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: -1n })).rejects.toBeInstanceOf(RangeError);
      await expect(store.appendToStream(stream, [{ ...anEvent(), id: 'not-a-uuid' }])).rejects.toBeInstanceOf(TypeError);
      await expect(
        store.appendToStream(stream, [{ type: 'T', data: { not: 'text' } as unknown as string, metadata: '{}' }]),
      ).rejects.toBeInstanceOf(TypeError);
      await expect(store.appendToStream('', [anEvent()])).rejects.toBeInstanceOf(TypeError);
      await expect(store.readStream(stream, { maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream(stream, { fromRevision: -1n })).rejects.toBeInstanceOf(RangeError);
      expect(store.stats.transactions).toBe(transactionsBefore);
    });
  });
});

ledgerLogContract('sqlite', async () => {
  const file = freshFile();
  const store = openStore(file);
  return { store, another: async () => openStore(file), cleanup: () => store.close() };
});

commandRacesContract('sqlite', async () => {
  const file = freshFile();
  const store = openStore(file);
  return { store, another: async () => openStore(file), cleanup: () => store.close() };
});

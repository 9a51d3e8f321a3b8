/**
 * What the log follower costs the thread that answers requests, without weakening what the log
 * promises: leaves are committed without a sync (they are made again from the durable events after a
 * crash), every checkpoint's commit syncs log.db's WAL and with it the leaves it covers, and the events
 * of several group commits become leaves in one log.db transaction.
 */
import { jest } from '@jest/globals';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { LedgerWriter } from '../integrity/ledger-writer.js';
import { LedgerLog } from './ledger-log.js';
import { LogStore, type NewLeaf } from './log-store.js';

/** SQLite's `PRAGMA synchronous` values. */
const NORMAL = 1;
const FULL = 2;

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the log follower on the request thread', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: SqliteEventStore;
  let writer: LedgerWriter;
  const logs: LedgerLog[] = [];
  const openLog = (options: { appendDelayMs?: number } = {}): LedgerLog => {
    const log = LedgerLog.open(store, { logFile: join(temp.dir, 'log.db'), signingKeyFile: join(temp.dir, 'log-signing-key.pem'), origin: 'library.example/ledger', signDelayMs: 10, ...options });
    logs.push(log);
    return log;
  };
  const record = (stream: string, count: number) =>
    writer.appendToEnd(stream, Array.from({ length: count }, (_, i) => ({ type: 'ThingHappened', data: { i }, metadata: { by: 'spec' } })));

  beforeEach(() => {
    temp = makeTempDir('ledger-log-follower-');
    store = SqliteEventStore.open(join(temp.dir, 'events.db'));
    writer = new LedgerWriter(store);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const log of logs.splice(0)) await log.close();
    await store.close();
    temp.remove();
  });

  it('commits leaves without a sync and each checkpoint with one, so no checkpoint handed out outlives a leaf it covers', async () => {
    await record('case-a', 5);
    const probe = new Database(':memory:');
    const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Database.Statement;
    probe.close();
    const run = statement.run;
    const writes: { table: string; synchronous: number }[] = [];
    jest.spyOn(statement, 'run').mockImplementation(function (this: Database.Statement, ...params: unknown[]) {
      const table = /^INSERT (?:OR IGNORE )?INTO (log_\w+)/.exec(this.source)?.[1];
      if (table) writes.push({ table, synchronous: Number(this.database.pragma('synchronous', { simple: true })) });
      return run.apply(this, params);
    });
    const log = openLog();

    await log.catchUp();

    expect(log.size).toBe(5);
    const leafWrites = writes.filter((write) => write.table === 'log_leaves');
    const checkpointWrites = writes.filter((write) => write.table === 'log_checkpoints');
    expect(leafWrites.length).toBeGreaterThan(0);
    expect(leafWrites.every((write) => write.synchronous === NORMAL)).toBe(true);
    expect(checkpointWrites).toEqual([{ table: 'log_checkpoints', synchronous: FULL }]);
    expect(log.latestCheckpoint()?.size).toBe(5);
  }, 120_000);

  it('makes the events of several group commits leaves in one log.db transaction, and the rest when it stops', async () => {
    await record('case-first', 1);
    const log = openLog({ appendDelayMs: 600_000 });
    log.start();
    // The catch-up signs for what it found; from then on the follower is live.
    await expect(log.checkpointCovering(1, 60_000)).resolves.toMatchObject({ size: 1 });
    const appended: number[] = [];
    const append = LogStore.prototype.append;
    jest.spyOn(LogStore.prototype, 'append').mockImplementation(function (this: LogStore, expectedSize: number, leaves: readonly NewLeaf[]) {
      appended.push(leaves.length);
      return append.call(this, expectedSize, leaves);
    });

    // Three group commits of 200 events each (each awaited: three transactions of events.db).
    for (const stream of ['case-a', 'case-b', 'case-c']) await record(stream, 200);

    // 500 leaves are the most one transaction waits for; the other 100 wait for the delay, or the end.
    await until(() => log.size === 501, 'the first 500 leaves');
    expect(appended).toEqual([500]);
    await log.close();
    logs.splice(0);
    const reopened = LogStore.open(join(temp.dir, 'log.db'));
    try {
      expect(reopened.size).toBe(601);
    } finally {
      reopened.close();
    }
    expect(appended).toEqual([500, 100]);
  }, 120_000);

  it('signs a busy log at most once a second, and still covers every event within that second', async () => {
    await record('case-first', 1);
    const log = openLog({ appendDelayMs: 1 });
    log.start();
    const first = await log.checkpointCovering(1, 60_000);

    // 20 leaves (more than a test's handful) arrive right after a signature: the next waits for the second to pass.
    await record('case-busy', 20);
    await until(() => (log.latestCheckpoint()?.size ?? 0) >= 21, 'a checkpoint covering the busy leaves');

    const next = log.latestCheckpoint()!;
    expect(next.size).toBe(21);
    expect(Date.parse(next.signedAt) - Date.parse(first!.signedAt)).toBeGreaterThanOrEqual(900);
  }, 120_000);
});

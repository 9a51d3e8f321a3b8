import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/ledger';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/** Records every position it applies; fails the first time it meets a `Boom`, as a full disk would. */
function flakyLog(): Projection & { failures: number } {
  let pending: bigint[] = [];
  const view = {
    failures: 0,
    name: 'flaky-log',
    version: 1,
    handles: ['Noted', 'Boom'],
    setup(db: Database.Database) {
      pending = [];
      db.exec('CREATE TABLE IF NOT EXISTS flaky_log (position INTEGER PRIMARY KEY)');
    },
    teardown(db: Database.Database) {
      db.exec('DROP TABLE IF EXISTS flaky_log');
    },
    apply(_db: Database.Database, event: { type: string; position: bigint }) {
      pending.push(event.position);
      if (event.type === 'Boom' && view.failures === 0) {
        view.failures++;
        throw new Error('disk full');
      }
    },
    flush(db: Database.Database) {
      const insert = db.prepare('INSERT INTO flaky_log (position) VALUES (?)');
      for (const position of pending) insert.run(position);
      pending = [];
    },
  };
  return view;
}

const noted = (type = 'Noted') => [{ type, data: '{}', metadata: '{}' }];

describe('projection runner while following', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-follow-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await runner?.close();
    runner = null;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls a failed batch back and forgets it, then applies it again from the checkpoint: no event is left out or applied twice', async () => {
    const view = flakyLog();
    const errors: unknown[] = [];
    runner = new ProjectionRunner(store, join(dir, 'views.db'), [view], { retryDelayMs: 10, onError: (error) => errors.push(error) });
    await store.appendToStream('notes-0', noted());
    await runner.catchUp();
    runner.start();

    const positions: bigint[] = [];
    for (const [i, type] of ['Noted', 'Boom', 'Noted'].entries()) positions.push((await store.appendToStream(`notes-${i + 1}`, noted(type))).position);
    await expect(runner.waitFor(positions[2], 10_000)).resolves.toBe(true);
    // One more after the recovery, to be sure the runner still follows.
    const later = (await store.appendToStream('notes-9', noted())).position;
    await expect(runner.waitFor(later, 10_000)).resolves.toBe(true);

    const logged = (runner.db.prepare('SELECT position FROM flaky_log ORDER BY position').all() as { position: number }[]).map((row) => BigInt(row.position));
    expect(logged).toEqual([1n, ...positions, later]);
    expect(view.failures).toBe(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('disk full');
  });

  it('catches up into empty views the way a rebuild does, and then follows live as before', async () => {
    for (let i = 0; i < 5; i++) await store.appendToStream(`notes-${i}`, noted());
    runner = new ProjectionRunner(store, join(dir, 'views.db'), [flakyLog()]);
    expect(runner.checkpoint).toBeNull();
    await runner.catchUp();
    expect(runner.checkpoint).toBe(5n);
    runner.start();
    const next = (await store.appendToStream('notes-5', noted())).position;
    await expect(runner.waitFor(next, 10_000)).resolves.toBe(true);
    expect(runner.db.prepare('SELECT count(*) AS n FROM flaky_log').get()).toEqual({ n: 6 });
  });

  it('on a fresh install builds the empty views once in catchUp; the live loop never takes the rebuild path, even after a failed first batch', async () => {
    const view = flakyLog();
    runner = new ProjectionRunner(store, join(dir, 'views.db'), [view], { retryDelayMs: 10, onError: () => undefined });
    const rebuilds = jest.spyOn(runner, 'rebuild');
    await runner.catchUp();
    expect(rebuilds).toHaveBeenCalledTimes(1);
    expect(runner.checkpoint).toBeNull();

    runner.start();
    // The first live batch fails, so the loop follows again from a checkpoint that is still null.
    const boom = (await store.appendToStream('notes-0', noted('Boom'))).position;
    await expect(runner.waitFor(boom, 10_000)).resolves.toBe(true);
    const next = (await store.appendToStream('notes-1', noted())).position;
    await expect(runner.waitFor(next, 10_000)).resolves.toBe(true);

    expect(view.failures).toBe(1);
    expect(rebuilds).toHaveBeenCalledTimes(1);
    expect(runner.db.prepare('SELECT count(*) AS n FROM flaky_log').get()).toEqual({ n: 2 });
  });
});

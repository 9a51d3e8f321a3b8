import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/ledger';
import { pagesOnly } from '../../../../test/support/pages-only-store.js';
import { ProjectionRunner } from './projection-runner.js';
import type { Projection } from './projection.js';
import { accessLogProjection } from '../access-log/access-log.projection.js';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import { identityDirectoryProjection } from '../identity/identity-directory.projection.js';
import { caseHistories } from '../testing/case-histories.js';
import { ledgerOf } from '../testing/ledger-of.js';
import { dumpViews, schemaOf } from '../testing/view-harness.js';

const caseViews = createCaseViewsProjection({ referralSlaMinutes: 30 });
const views: readonly Projection[] = [identityDirectoryProjection, accessLogProjection, caseViews];

describe('ProjectionRunner.rebuild', () => {
  let dir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  const runner = (file: string, options: ConstructorParameters<typeof ProjectionRunner>[3] = {}, projections = views) => {
    const made = new ProjectionRunner(store, join(dir, file), projections, options);
    runners.push(made);
    return made;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await ledgerOf(store);
  });

  afterEach(async () => {
    for (const made of runners.splice(0)) await made.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a new views.db with 8 KiB pages, and leaves an existing one the page size it was made with', async () => {
    const made = runner('new.db');
    expect(made.db.pragma('page_size', { simple: true })).toBe(8192);
    expect(made.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const older = new Database(join(dir, 'older.db'));
    older.exec('CREATE TABLE made_before (x)');
    older.close();
    expect(runner('older.db').db.pragma('page_size', { simple: true })).toBe(4096);
  });

  it('gives every view the same rows, indexes and checkpoint as applying the ledger live, event by event', async () => {
    // Followed live, one event per batch and one case's fold held at a time: every case comes back from its stream.
    const head = await store.headPosition();
    const live = runner('live.db', { pageSize: 1, liveHeldRows: 1 });
    live.start();
    expect(await live.waitFor(head!, 60_000)).toBe(true);
    await live.stop();
    expect(live.checkpoint).toBe(head);
    const holding = runner('holding.db', { pageSize: 5 });
    await holding.catchUp();
    expect(dumpViews(holding.db)).toEqual(dumpViews(live.db));

    // Through the store's whole-ledger scan, and through readAll pages (a store without allScan).
    for (const [heldRows, source] of [[1, store], [3, store], [undefined, store], [2, pagesOnly(store)]] as const) {
      const rebuilding = new ProjectionRunner(source, join(dir, `rebuilt-${heldRows}-${source === store}.db`), views, { pageSize: 7, rebuildHeldRows: heldRows });
      runners.push(rebuilding);
      await rebuilding.catchUp(); // views to drop first
      const applied: number[] = [];
      expect(await rebuilding.rebuild((events) => applied.push(events))).toBe(Number(head));
      expect(applied[applied.length - 1]).toBe(Number(head));
      expect(rebuilding.checkpoint).toBe(head);
      expect(dumpViews(rebuilding.db)).toEqual(dumpViews(live.db));
      expect(schemaOf(rebuilding.db)).toEqual(schemaOf(live.db));
    }
    const dump = dumpViews(live.db);
    expect(dump.cases).toHaveLength(Object.keys(caseHistories()).length);
    expect(dump.access_log.length).toBeGreaterThan(5);
    expect(dump.identity_tokens).toHaveLength(2);
  });

  it('a rebuild that fails part-way leaves the old views and checkpoint as they were, and a later rebuild finishes', async () => {
    const before = runner('views.db');
    await before.catchUp();
    const old = dumpViews(before.db);
    const checkpoint = before.checkpoint;
    await before.close();

    const failAt = checkpoint! - 5n;
    const failing = views.map((view): Projection =>
      view === caseViews
        ? {
            ...view,
            apply(db, event) {
              if (event.position === failAt) throw new Error('disk on fire');
              view.apply(db, event);
            },
          }
        : view,
    );
    const broken = runner('views.db', { pageSize: 4, rebuildHeldRows: 2 }, failing);
    await expect(broken.rebuild()).rejects.toThrow('disk on fire');
    expect(broken.checkpoint).toBe(checkpoint);
    expect(dumpViews(broken.db)).toEqual(old);
    await broken.close();

    const again = runner('views.db', { rebuildHeldRows: 2 });
    expect(again.checkpoint).toBe(checkpoint);
    await again.rebuild();
    expect(dumpViews(again.db)).toEqual(old);
  });

  it('refuses to rebuild while following live', async () => {
    const following = runner('views.db');
    following.start();
    await expect(following.rebuild()).rejects.toThrow('Stop the runner');
    await following.stop();
  });
});

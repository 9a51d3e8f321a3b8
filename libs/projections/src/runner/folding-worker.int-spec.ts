import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SqliteEventStore } from '@ledger/ledger';
import { ledgerOf } from '../testing/ledger-of.js';
import { dumpViews, schemaOf } from '../testing/view-harness.js';
import type { Projection } from './projection.js';

/**
 * The compiled runner and views (`npm test` builds dist/ before jest runs): the case views fold in a
 * worker thread only from there, because jest itself cannot load .ts in a worker thread.
 */
const compiled = (await import(new URL('../../../../dist/libs/projections/src/index.js', import.meta.url).href)) as typeof import('../index.js');

describe('a rebuild that folds the case views in a worker thread', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'folding-worker-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await ledgerOf(store);
    // A breach incident: its events are the case views' too, but applied on the runner's thread (their apply reads the findings).
    const incident = { incidentId: 'inc-1', discoveredAt: '2025-03-03T09:00:00.000Z', description: 'x', systems: ['y'], affectedPatrons: [{ pseudonym: 'P-ann' }], affectedGroup: 'z', by: 'u1', occurredAt: '2025-03-03T09:00:00.000Z' };
    await store.appendToStream('incident-inc-1', [{ type: 'BreachIncidentRecorded', data: JSON.stringify(incident), metadata: '{}' }]);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives exactly the views, indexes and checkpoint of the rebuild in one thread, with folds leaving memory and read back', async () => {
    // A view that only notes how the runner sets it up for the replay.
    const replaySetups = new Map<string, boolean | undefined>();
    let running = '';
    const probe: Projection = {
      name: 'probe',
      version: 1,
      handles: [],
      setup: (_db, options) => void (options?.rebuilding && replaySetups.set(running, options.keepIndexesInOpeningOrder)),
      teardown: () => undefined,
      apply: () => undefined,
    };
    const views = () => [compiled.identityDirectoryProjection, compiled.accessLogProjection, compiled.createCaseViewsProjection({ referralSlaMinutes: 30 }), probe];
    const caseViews = views()[2];
    expect(existsSync(fileURLToPath(caseViews.rebuildInWorker!.script))).toBe(true);
    const dumps = [];
    for (const [name, foldInWorker, rebuildHeldRows] of [['thread', false, 2], ['worker', true, 2], ['worker-holding', true, undefined]] as const) {
      running = name;
      const runner = new compiled.ProjectionRunner(store, join(dir, `${name}.db`), views(), { pageSize: 7, foldInWorker, ...(rebuildHeldRows && { rebuildHeldRows }) });
      try {
        const applied: number[] = [];
        expect(await runner.rebuild((events) => applied.push(events))).toBe(Number(await store.headPosition()));
        expect(applied.at(-1)).toBe(Number(await store.headPosition()));
        expect(runner.checkpoint).toBe(await store.headPosition());
        dumps.push({ name, views: dumpViews(runner.db), schema: schemaOf(runner.db) });
      } finally {
        await runner.close();
      }
    }
    // While a worker folds, the runner's thread keeps the indexes in opening order up during the replay; alone, it builds them all at the end.
    expect(Object.fromEntries(replaySetups)).toEqual({ thread: false, worker: true, 'worker-holding': true });
    const [thread, ...workers] = dumps;
    expect(thread.views.cases.length).toBeGreaterThan(5);
    expect(thread.views.finding_due.length).toBeGreaterThan(0);
    expect(thread.views.access_log.length).toBeGreaterThan(5);
    for (const worker of workers) {
      expect({ name: worker.name, views: worker.views }).toEqual({ name: worker.name, views: thread.views });
      expect(worker.schema).toEqual(thread.schema);
    }
  });

  it('fails the rebuild when the worker fails, and the old views and checkpoint stay as they were', async () => {
    const caseViews = compiled.createCaseViewsProjection({ referralSlaMinutes: 30 });
    const runner = new compiled.ProjectionRunner(store, join(dir, 'views.db'), [caseViews], { pageSize: 7, foldInWorker: false });
    await runner.catchUp();
    const before = dumpViews(runner.db);
    const checkpoint = runner.checkpoint;
    await runner.close();
    const failing = join(dir, 'failing.worker.mjs');
    writeFileSync(failing, "throw new Error('worker on fire');\n");
    const broken = { ...caseViews, rebuildInWorker: { ...caseViews.rebuildInWorker!, script: pathToFileURL(failing) } };
    const again = new compiled.ProjectionRunner(store, join(dir, 'views.db'), [broken], { pageSize: 7 });
    try {
      await expect(again.rebuild()).rejects.toThrow('worker on fire');
      expect(again.checkpoint).toBe(checkpoint);
      expect(dumpViews(again.db)).toEqual(before);
    } finally {
      await again.close();
    }
  });
});

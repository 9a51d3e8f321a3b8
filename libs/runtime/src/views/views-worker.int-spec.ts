import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { jest } from '@jest/globals';
import { LedgerWriter, loadLedgerConfig, SqliteEventStore } from '@ledger/ledger';
import { ProjectionRunner } from '@ledger/projections';
import { caseHistories } from '../../../projections/src/testing/case-histories.js';
import { dumpViews } from '../../../projections/src/testing/view-harness.js';
import { projectionsFor } from '../projections-for.js';
import { ViewsWorker, ViewsWorkerUnavailableError } from './views-worker.host.js';

/**
 * A worker thread cannot load TypeScript, so this runs the compiled worker script that `npm test`
 * builds before jest starts; the host side is the source under test.
 */
const COMPILED_ENTRY = resolve(import.meta.dirname, '../../../../dist/libs/runtime/src/views/views-worker.entry.js');

const STAFF = { actor: { userId: 'u-staff', role: 'staff' }, recordedAt: '2026-01-05T10:00:00.000Z' };

async function appendCases(writer: LedgerWriter, histories: ReturnType<typeof caseHistories>, prefix: string): Promise<bigint> {
  let position = 0n;
  for (const [caseId, events] of Object.entries(histories)) {
    const renamed = events.map((event) => ({ type: event.type, data: { ...event.data, caseId: `${prefix}${caseId}` }, metadata: STAFF }));
    position = (await writer.append(`case-${prefix}${caseId}`, renamed, null)).position;
  }
  return position;
}

describe('views worker', () => {
  let dir: string;
  let store: SqliteEventStore;
  let views: ViewsWorker | null = null;
  const errors: string[] = [];

  beforeAll(() => {
    if (!existsSync(COMPILED_ENTRY)) throw new Error(`${COMPILED_ENTRY} is missing: run npm run build first (npm test does)`);
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'views-worker-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    errors.length = 0;
  });

  afterEach(async () => {
    await views?.close();
    views = null;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () => loadLedgerConfig({ LEDGER_DATA_DIR: dir }, dir);
  const start = () =>
    ViewsWorker.start({ config: config(), entry: COMPILED_ENTRY, commits: store.commitSignals(), onError: (message) => errors.push(message), restartDelayMs: 50 });

  it('catches up before it starts, then follows this process’s appends to the same views a runner on this thread builds', async () => {
    const writer = new LedgerWriter(store);
    const histories = caseHistories();
    const before = await appendCases(writer, histories, 'a-');
    views = await start();
    expect(views.checkpoint).toBe(before);

    const after = await appendCases(writer, histories, 'b-');
    await expect(views.waitFor(after, 10_000)).resolves.toBe(true);
    expect(views.checkpoint).toBe(after);
    const fromWorker = dumpViews(views.db);

    const reference = new ProjectionRunner(store, join(dir, 'reference-views.db'), projectionsFor(config()));
    await reference.catchUp();
    expect(fromWorker).toEqual(dumpViews(reference.db));
    await reference.close();
    expect(fromWorker.cases).toHaveLength(2 * Object.keys(histories).length);
    expect(errors).toEqual([]);
  });

  it('starts the worker again when it dies, and the views carry on from their checkpoint', async () => {
    const writer = new LedgerWriter(store);
    views = await start();
    const first = await appendCases(writer, caseHistories(), 'a-');
    await expect(views.waitFor(first, 10_000)).resolves.toBe(true);

    // Kill the thread as a fatal error inside it would.
    await (views as unknown as { worker: Worker }).worker.terminate();
    const second = await appendCases(writer, caseHistories(), 'b-');
    await expect(views.waitFor(second, 10_000)).resolves.toBe(true);
    expect(errors.some((message) => message.includes('starting it again'))).toBe(true);
  });

  it('close answers pending waits with false, stops the thread and closes its connection', async () => {
    views = await start();
    const pending = views.waitFor(10_000_000n, 60_000);
    await views.close();
    await expect(pending).resolves.toBe(false);
    expect(views.db.open).toBe(false);
    expect((views as unknown as { workerAlive: boolean }).workerAlive).toBe(false);
  });

  it('has one writer: this thread reads views.db read-only, and the clock’s findings are written by the worker', async () => {
    await appendCases(new LedgerWriter(store), caseHistories(), 'a-');
    views = await start();
    expect(views.db.readonly).toBe(true);
    expect(() => views!.db.prepare('DELETE FROM findings').run()).toThrow(/readonly/);
    // Mapped: each of the worker's commits empties this reader's page cache, and the next query reads its pages in place.
    expect(Number(views.db.pragma('mmap_size', { simple: true }))).toBeGreaterThan(0);

    const clockFindings = () => (views!.db.prepare("SELECT count(*) AS n FROM findings WHERE source = 'clock'").get() as { n: number }).n;
    expect(clockFindings()).toBe(0);
    const added = await views.advanceClock(new Date('2100-01-01T00:00:00.000Z'));
    expect(added).toBeGreaterThan(0);
    expect(clockFindings()).toBe(added);
    await expect(views.advanceClock(new Date('2100-01-01T00:00:00.000Z'))).resolves.toBe(0);
    expect(errors).toEqual([]);

    await views.close();
    await expect(views.advanceClock(new Date())).rejects.toThrow(ViewsWorkerUnavailableError);
  });

  it('stops the worker when this thread cannot open the views after the worker made them', async () => {
    const spawned: Worker[] = [];
    const on = Worker.prototype.on;
    const spy = jest.spyOn(Worker.prototype, 'on').mockImplementation(function (this: Worker, ...args: Parameters<Worker['on']>) {
      if (!spawned.includes(this)) spawned.push(this);
      return on.apply(this, args);
    });
    try {
      const failing = ViewsWorker.start({
        config: config(),
        entry: COMPILED_ENTRY,
        commits: store.commitSignals(),
        onError: (message) => errors.push(message),
        openReader: () => {
          throw new Error('too many open files');
        },
      });
      await expect(failing).rejects.toThrow('too many open files');
    } finally {
      spy.mockRestore();
    }
    expect(spawned).toHaveLength(1);
    const worker = spawned[0];
    // A worker left running would keep following the ledger (and this would wait for the test's timeout).
    if (worker.threadId !== -1) await new Promise((resolve) => worker.once('exit', resolve));
    expect(worker.threadId).toBe(-1);
  });

  it('refuses to start when the worker cannot open the views', async () => {
    const unusable = loadLedgerConfig({ LEDGER_DATA_DIR: join(dir, 'events.db', 'not-a-directory') }, dir);
    await expect(ViewsWorker.start({ config: unusable, entry: COMPILED_ENTRY, onError: (message) => errors.push(message) })).rejects.toThrow();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { caseStream } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/ledger';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { projectedHistory } from '../testing/case-histories.js';
import { ledgerOf } from '../testing/ledger-of.js';
import { dumpViews, schemaOf } from '../testing/view-harness.js';
import { createCaseViewsProjection } from './case-views.projection.js';

/**
 * A case view other than the cases table and the findings versions on its own: when its stored
 * version is not its code's, the runner's catch-up rebuilds that view's tables (from the cases table
 * and each case's fold up to the checkpoint), and no other view's, and replays nothing.
 */
describe('case views that version on their own', () => {
  let dir: string;
  let store: SqliteEventStore;
  const caseViews = () => createCaseViewsProjection({ referralSlaMinutes: 30 });
  const runnerOn = (file: string) => new ProjectionRunner(store, join(dir, file), [caseViews()], { pageSize: 7, foldInWorker: false });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'own-versions-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await ledgerOf(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The views of the ledger as a whole rebuild makes them. */
  async function rebuiltWhole(): Promise<{ views: Record<string, unknown[]>; schema: unknown[] }> {
    const runner = runnerOn('fresh.db');
    try {
      await runner.catchUp();
      return { views: dumpViews(runner.db), schema: schemaOf(runner.db) };
    } finally {
      await runner.close();
    }
  }

  it.each([
    // A view with tables of its own: only its tables are made again.
    { view: 'deadlines', spoil: 'DELETE FROM deadlines' },
    // A view whose columns are in the cases table: its side tables and the cases rows' columns.
    { view: 'disclosure-register', spoil: "UPDATE cases SET outcome = 'spoiled'; DELETE FROM case_categories" },
  ])('a bump of $view rebuilds only it, from the checkpoint, and gives what a whole rebuild gives', async ({ view, spoil }) => {
    const first = runnerOn('views.db');
    let checkpoint: bigint | null;
    try {
      await first.catchUp();
      checkpoint = first.checkpoint;
      // As if the view's code had a new version: the stored one is older. Its rows are spoiled, so that only a rebuild mends them;
      // a sentinel in another view's table shows whether that table was dropped or rewritten.
      first.db.prepare('UPDATE case_view_versions SET version = version - 1 WHERE name = ?').run(view);
      first.db.exec(spoil);
      first.db.exec("INSERT INTO counsel_queue SELECT 'sentinel', counsel_user_id, referred_at, status, sealed, requester_kind, opened_at, instrument_types, referral_note, advice, advised_at FROM counsel_queue LIMIT 1");
      expect(first.db.prepare("SELECT count(*) AS n FROM counsel_queue WHERE case_id = 'sentinel'").get()).toEqual({ n: 1 });
    } finally {
      await first.close();
    }
    // One more case after the checkpoint: the refresh folds to the checkpoint, the catch-up applies the rest once.
    const opening = projectedHistory().find((event) => event.type === 'DisclosureRequested')!;
    await store.appendToStream(caseStream('late-case'), [{ type: opening.type, data: JSON.stringify({ ...(opening.data as object), caseId: 'late-case' }), metadata: '{}' }]);

    const second = runnerOn('views.db');
    try {
      const rebuilds = jest.spyOn(second, 'rebuild');
      await second.catchUp();
      expect(rebuilds).not.toHaveBeenCalled();
      expect(second.checkpoint).toBe(await store.headPosition());
      expect(second.checkpoint).not.toBe(checkpoint);
      const views = dumpViews(second.db);
      // The other view kept its sentinel: its table was neither dropped nor rewritten.
      expect(views.counsel_queue.filter((row) => (row as { case_id: string }).case_id === 'sentinel')).toHaveLength(1);
      const whole = await rebuiltWhole();
      const { counsel_queue: _kept, ...rest } = views;
      const { counsel_queue: wholeQueue, ...wholeRest } = whole.views;
      expect(rest).toEqual(wholeRest);
      expect(views.counsel_queue.filter((row) => (row as { case_id: string }).case_id !== 'sentinel')).toEqual(wholeQueue);
      expect(schemaOf(second.db)).toEqual(whole.schema);
    } finally {
      await second.close();
    }
  });

  it('a bump of the findings rebuilds them from the cases table alone: no event is read, other streams\u2019 findings stay, and they are what a whole rebuild gives', async () => {
    // A breach incident (another stream) whose notice findings share the findings' tables.
    const patron = { blindIndex: 'bi-ann', pseudonym: 'P-ANN', encryptedRef: 'enc:ann', isMinor: false };
    const incident = { incidentId: 'inc-1', discoveredAt: '2025-03-03T09:00:00.000Z', description: 'Mailing list exposed', systems: ['newsletter'], affectedPatrons: [patron], occurredAt: '2025-03-03T09:00:00.000Z', by: 'u-director' };
    await store.appendToStream('incident-inc-1', [{ type: 'BreachIncidentRecorded', data: JSON.stringify(incident), metadata: '{}' }]);
    const caseRules = "rule NOT IN ('BREACH-NOTICE-LATE', 'AG-NOTICE-LATE', 'RETENTION-COUNSEL-APPROVAL')";
    const first = runnerOn('views.db');
    try {
      await first.catchUp();
      // As if the findings' rules (or the SLAs) had a new version: the stored one is older, and the case findings are spoiled, so that only a rebuild mends them.
      first.db.prepare("UPDATE case_view_versions SET version = version - 1 WHERE name = 'findings'").run();
      first.db.exec(`DELETE FROM finding_due WHERE ${caseRules}; UPDATE findings SET message = 'spoiled'; DELETE FROM finding_need_to_know`);
      expect(first.db.prepare(`SELECT count(*) AS n FROM finding_due WHERE NOT ${caseRules}`).get()).toEqual({ n: 1 });
    } finally {
      await first.close();
    }

    const second = runnerOn('views.db');
    try {
      const rebuilds = jest.spyOn(second, 'rebuild');
      // The refresh's only way to the events is a stream read: here it would fail.
      const reads = jest.spyOn(store, 'readStream').mockImplementation(() => Promise.reject(new Error('the findings read the event store')));
      await second.catchUp();
      expect(reads).not.toHaveBeenCalled();
      expect(rebuilds).not.toHaveBeenCalled();
      reads.mockRestore();
      const views = dumpViews(second.db);
      const whole = await rebuiltWhole();
      expect(views.findings.length).toBeGreaterThan(0);
      expect(views.finding_due.length).toBeGreaterThan(1);
      expect(views).toEqual(whole.views);
      expect(schemaOf(second.db)).toEqual(whole.schema);
    } finally {
      await second.close();
    }
  });
});

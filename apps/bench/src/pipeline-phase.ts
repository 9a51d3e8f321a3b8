/**
 * The bench's pipeline phase, shared by the full run and `npm run bench -- --pipeline` (the floor and
 * this phase alone, for profiling: `node --cpu-prof dist/apps/bench/src/main.js --quick --pipeline`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, loadLedgerConfig, type ProtectedFields, SqliteEventStore } from '@ledger/ledger';
import { nestOpenCase } from './nest-pipeline.js';
import { directOpenCase, measureConcurrency, type OpenCaseFn, tempProtectedFields } from './pipeline.js';
import { measureRawFloor } from './raw-floor.js';
import { ratio, round } from './stats.js';

export const CONCURRENCY_LEVELS = [1, 4, 16, 64, 256] as const;

export interface PipelinePhase {
  readonly path: string;
  readonly perSecond: Record<string, number>;
  /** Appends per events.db transaction (group commit) at each level. */
  readonly batch: Record<string, number>;
  /** keys.db commits per 1,000 cases at each level (case keys are made ahead, many per commit). */
  readonly keyCommitsPer1000Cases: Record<string, number>;
  readonly newPatrons: number | null;
}

interface Target {
  readonly open: OpenCaseFn;
  readonly openForNewPatron?: OpenCaseFn;
  readonly store: EventStore;
  readonly protectedFields: ProtectedFields | null;
  close(): Promise<void>;
}

/** Opening cases the real way on the embedded store, at rising concurrency, for `ms` per level. */
export async function measurePipeline(options: { ms: number; onDetail?: (text: string) => void }): Promise<PipelinePhase> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-pipeline-'));
  let target: Target;
  let path: string;
  try {
    const nest = await nestOpenCase(loadLedgerConfig({ LEDGER_DATA_DIR: dir, LEDGER_TIME_CHECKS: 'false' }));
    target = nest;
    path = 'nest: CaseCommands.opening of createLedgerApp(...) + app.init(), as POST /v1/cases runs it (the case runner: ProtectedFields, patron standing, rules, hash chain, append to the embedded SQLite store; live views and log follower on)';
  } catch (error) {
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    const protectedFields = tempProtectedFields(dir);
    target = { open: await directOpenCase(store, protectedFields), store, protectedFields, close: async () => (await store.close(), protectedFields.close()) };
    path = `direct: ProtectedFields.newCase + CommandPipeline.load(patron stream) + CommandPipeline.execute(caseDecider, OpenCase, expect new) — the Nest app failed: ${(error as Error).message.slice(0, 200)}`;
  }
  try {
    const perSecond: Record<string, number> = {};
    const batch: Record<string, number> = {};
    const keyCommitsPer1000Cases: Record<string, number> = {};
    const stats = () => (target.store as Partial<SqliteEventStore>).stats ?? { appendRequests: 0, transactions: 0, eventsWritten: 0 };
    const keyCommits = () => target.protectedFields?.keyStats.commits ?? 0;
    for (const concurrency of CONCURRENCY_LEVELS) {
      const before = stats();
      const keysBefore = keyCommits();
      const result = await measureConcurrency(target.open, concurrency, options.ms);
      const after = stats();
      perSecond[concurrency] = round(result.casesPerSecond);
      batch[concurrency] = round((after.appendRequests - before.appendRequests) / Math.max(1, after.transactions - before.transactions), 1);
      keyCommitsPer1000Cases[concurrency] = round((1000 * (keyCommits() - keysBefore)) / Math.max(1, after.appendRequests - before.appendRequests), 1);
      options.onDetail?.(`c${concurrency}: ${round(result.casesPerSecond)} cases/s`);
    }
    // Every case a patron never seen before: their stream is empty (each case's data key is the case's own either way).
    const newPatrons = target.openForNewPatron ? round((await measureConcurrency(target.openForNewPatron, 64, options.ms)).casesPerSecond) : null;
    return { path, perSecond, batch, keyCommitsPer1000Cases, newPatrons };
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor and the pipeline phase alone, as one JSON object (nothing is written to bench/results). */
export async function runPipelineBench(options: { quick: boolean }): Promise<Record<string, unknown>> {
  const ms = options.quick ? 700 : 4000;
  const loadBefore = loadavg().map((n) => round(n, 2));
  const floorDir = mkdtempSync(join(tmpdir(), 'ledger-bench-floor-'));
  let floor: number;
  try {
    floor = round(measureRawFloor(floorDir, ms).txPerSecond);
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
  }
  const pipeline = await measurePipeline({ ms });
  return {
    quick: options.quick,
    date: new Date().toISOString(),
    loadavg_before: loadBefore,
    loadavg_after: loadavg().map((n) => round(n, 2)),
    raw_floor_tx_per_s: floor,
    pipeline_path: pipeline.path,
    pipeline_cases_per_s: pipeline.perSecond,
    pipeline_appends_per_commit: pipeline.batch,
    pipeline_keys_db_commits_per_1000_cases: pipeline.keyCommitsPer1000Cases,
    pipeline_new_patrons_c64_cases_per_s: pipeline.newPatrons,
    pipeline_c64_to_floor_ratio: ratio(pipeline.perSecond[64], floor),
    pipeline_c1_to_floor_ratio: ratio(pipeline.perSecond[1], floor),
  };
}

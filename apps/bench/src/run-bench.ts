/**
 * `npm run bench`: every figure of docs/performance.md, measured in one run, as one JSON object.
 * Each phase works in its own temporary directory, which is removed afterwards.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type EventStore, LedgerLog, LedgerWriter, SqliteEventStore, verifyLedger } from '@ledger/ledger';
import { EventStoreDbEventStore } from '@ledger/ledger/eventstoredb';
import { ProjectionRunner } from '@ledger/projections';
import { projectionsFor } from '@ledger/runtime';
import { generateCases, patronPool } from './dataset.js';
import { type HttpFigures, measureHttp } from './http.js';
import { directOpenCase, measureConcurrency, tempProtectedFields } from './pipeline.js';
import { measurePages } from './pages.js';
import { measurePipeline } from './pipeline-phase.js';
import { startReadyChild } from './ready-child.js';
import { measureRawFloor } from './raw-floor.js';
import { measureRegisterQueries } from './register-queries.js';
import { httpRatios, medianOfTrials, percentile, ratio, round, type Trial } from './stats.js';
import { throughputSvg } from './svg.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const ESDB_TEST_SERVER_ENTRY = join(REPO_ROOT, 'dist-test/test/support/esdb-test-server/main.js');

export interface BenchOptions {
  readonly quick: boolean;
  /** Called as each phase starts: (phase index, phase count, name). */
  readonly onPhase?: (index: number, total: number, name: string) => void;
  readonly onDetail?: (text: string) => void;
}

/** Samples this process's resident set while a phase runs (sync-heavy phases are sampled at their edges too). */
class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return Math.round(this.peak / 1024 / 1024);
  }
}

function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `ledger-bench-${name}-`));
}

export async function runBench(options: BenchOptions): Promise<Record<string, unknown>> {
  const quick = options.quick;
  const sizes = quick
    ? { floorMs: 700, pipelineMs: 700, httpSeconds: 2, events: 50_000, registerCases: 10_000, registerRounds: 8, esdbMs: 700, pageCases: 5_000, pageRounds: 30, trials: 1 }
    : { floorMs: 5000, pipelineMs: 4000, httpSeconds: 5, events: 1_000_000, registerCases: 100_000, registerRounds: 40, esdbMs: 4000, pageCases: 100_000, pageRounds: 200, trials: 3 };
  const phases = ['raw floor', 'pipeline', 'http', 'pages', 'dataset', 'register queries', 'rebuild', 'verify', 'log', 'esdb test server'];
  let phaseIndex = 0;
  const peakRss: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    options.onPhase?.(phaseIndex++, phases.length, name);
    if (global.gc) global.gc();
    const sampler = new RssSampler();
    try {
      return await work();
    } finally {
      peakRss[name.replace(/ /g, '_')] = sampler.stop();
    }
  };
  const startedAt = new Date();
  const loadBefore = loadavg().map((n) => round(n, 2));
  const started = performance.now();

  // 1. The floor: one fsync'd transaction at a time.
  const floor = await phase('raw floor', async () => {
    const dir = tempDir('floor');
    try {
      return measureRawFloor(dir, sizes.floorMs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // 2. Opening cases the real way on the embedded store, at rising concurrency.
  const pipeline = await phase('pipeline', () => measurePipeline({ ms: sizes.pipelineMs, onDetail: options.onDetail }));

  // 3. HTTP: the built server as a child process, autocannon from here.
  const http = await phase('http', () => measureHttp({ durationSeconds: sizes.httpSeconds, connections: 64, startTimeoutMs: quick ? 8000 : 30_000 }).catch((error: Error): HttpFigures => ({
    http_health_per_s: null, http_health_p99_ms: null, http_cases_per_s: null, http_cases_p99_ms: null, http_cases_non2xx: null,
    http_reason: `failed: ${error.message.slice(0, 300)}`, http_server_peak_rss_mb: null,
  })));

  // The board and register pages against their JSON queries, at pageCases cases.
  const pages = await phase('pages', () => measurePages({ cases: sizes.pageCases, rounds: sizes.pageRounds, onDetail: options.onDetail }).catch((error: Error) => ({ error: error.message.slice(0, 300) })));

  // 4–7. One store of generated case events: register queries at N cases, then rebuild and verify over all events.
  const dataDir = tempDir('dataset');
  const store = SqliteEventStore.open(join(dataDir, 'events.db'));
  const protectedFields = tempProtectedFields(dataDir);
  const viewsFile = join(dataDir, 'views.db');
  const projections = projectionsFor({ referralSlaMinutes: 60 });
  try {
    const writer = new LedgerWriter(store);
    const dataset = await phase('dataset', async () => {
      const patrons = await patronPool(protectedFields, 5000);
      const t0 = performance.now();
      const first = await generateCases(writer, patrons, { cases: sizes.registerCases });
      const firstSeconds = (performance.now() - t0) / 1000;
      // Views at exactly registerCases cases, for the register queries.
      const runner = new ProjectionRunner(store, viewsFile, projections);
      try {
        await runner.rebuild();
      } finally {
        await runner.close();
      }
      const t1 = performance.now();
      const rest = await generateCases(writer, patrons, { untilEvents: sizes.events - first.events, firstCase: first.cases, seed: 7 });
      const seconds = firstSeconds + (performance.now() - t1) / 1000;
      const events = first.events + rest.events;
      return { cases: first.cases + rest.cases, events, generateEventsPerSecond: round(events / seconds), registerCases: first.cases, registerEvents: first.events };
    });

    const register = await phase('register queries', async () => {
      // The views file still holds the views built at registerCases cases: query them without a runner.
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(viewsFile, { readonly: true });
      try {
        return measureRegisterQueries(db, sizes.registerRounds);
      } finally {
        db.close();
      }
    });

    // Rebuild, verify and the log build are timed `sizes.trials` times each (see `medianOfTrials`). Every
    // rebuild after the first replaces full views, as `ledger rebuild` on a running library does.
    const rebuild = await phase('rebuild', () =>
      trials(sizes.trials, async (trial) => {
        const runner = new ProjectionRunner(store, viewsFile, projections);
        try {
          const t0 = performance.now();
          const events = await runner.rebuild((applied) => options.onDetail?.(`rebuild ${trial}: ${applied} events`));
          return { events, seconds: (performance.now() - t0) / 1000 };
        } finally {
          await runner.close();
        }
      }),
    );

    const verify = await phase('verify', () =>
      trials(sizes.trials, async (trial) => {
        const t0 = performance.now();
        const report = await verifyLedger(store, { onProgress: (n) => options.onDetail?.(`verify ${trial}: ${n} events`) });
        const seconds = (performance.now() - t0) / 1000;
        if (!report.ok) throw new Error(`verify found a broken chain in generated data: ${JSON.stringify(report.firstBroken)}`);
        return { events: report.events, seconds };
      }),
    );

    // The verifiable log: built over the whole dataset as the follower builds it (each trial a new log.db),
    // then proofs from the last one.
    const log = await phase('log', () => measureLog(store, sizes.trials, (n) => options.onDetail?.(`log: ${n}`)));

    // 8. The EventStoreDB protocol test server, for reference (in-memory, gRPC over loopback), in a process
    // of its own as an EventStoreDB node would be; it is test support, compiled apart (`npm run bench` does).
    const esdb = await phase('esdb test server', async () => {
      const server = await startReadyChild(ESDB_TEST_SERVER_ENTRY, ['--port', '0'], {}, /^connection string: (\S+)$/m, 30_000).catch(
        (error: unknown) => ({ error: (error as Error).message.slice(0, 300) }),
      );
      if ('error' in server) return server;
      const esdbStore = new EventStoreDbEventStore(server.announced);
      const keysDir = tempDir('esdb-keys');
      const pf = tempProtectedFields(keysDir);
      try {
        const result = await measureConcurrency(await directOpenCase(esdbStore, pf), 16, sizes.esdbMs);
        return round(result.casesPerSecond);
      } catch (error) {
        return { error: (error as Error).message.slice(0, 300) };
      } finally {
        await esdbStore.close();
        await server.stop();
        pf.close();
        rmSync(keysDir, { recursive: true, force: true });
      }
    });

    const floorTx = round(floor.txPerSecond);
    const cpuList = cpus();
    return {
      quick,
      machine: {
        cpus: cpuList.length,
        model: cpuList[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        memory_gb: round(totalmem() / 1024 ** 3, 1),
        date: startedAt.toISOString(),
        loadavg_before: loadBefore,
        loadavg_after: loadavg().map((n) => round(n, 2)),
      },
      raw_floor_tx_per_s: floorTx,
      pipeline_path: pipeline.path,
      pipeline_cases_per_s: pipeline.perSecond,
      pipeline_appends_per_commit: pipeline.batch,
      pipeline_keys_db_commits_per_1000_cases: pipeline.keyCommitsPer1000Cases,
      pipeline_new_patrons_c64_cases_per_s: pipeline.newPatrons,
      pipeline_c64_to_floor_ratio: ratio(pipeline.perSecond[64], floorTx),
      // The app's Merkle-log follower runs during the pipeline phase: compared with the last full run.
      pipeline_c64_log_follower_running: true,
      pipeline_c64_last_full_run: lastFullRun(startedAt),
      pipeline_c1_to_floor_ratio: ratio(pipeline.perSecond[1], floorTx),
      ...http,
      ...httpRatios(http),
      pages,
      dataset: dataset,
      rebuild_events: rebuild.events,
      rebuild_seconds: rebuild.seconds,
      rebuild_events_per_s: rebuild.eventsPerSecond,
      rebuild_trials_events_per_s: rebuild.trialsEventsPerSecond,
      verify_events: verify.events,
      verify_seconds: verify.seconds,
      verify_events_per_s: verify.eventsPerSecond,
      verify_trials_events_per_s: verify.trialsEventsPerSecond,
      log_build_events: log.events,
      log_build_seconds: log.seconds,
      log_build_events_per_s: log.eventsPerSecond,
      log_build_trials_events_per_s: log.trialsEventsPerSecond,
      log_build_to_verify_ratio: ratio(log.eventsPerSecond, verify.eventsPerSecond),
      log_inclusion_proof_p99_ms: log.inclusionP99,
      register_cases: dataset.registerCases,
      register_queries: register.queries,
      register_query_p50_ms: round(register.p50, 3),
      register_query_p99_ms: round(register.p99, 3),
      register_query_max_ms: round(register.max, 3),
      register_query_p99_ms_by_filter: register.byFilterP99,
      esdb_test_server_pipeline_cases_per_s: typeof esdb === 'number' ? esdb : null,
      ...(typeof esdb === 'number' ? {} : { esdb_test_server_reason: esdb.error }),
      peak_rss_mb: peakRss,
      total_seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await store.close();
    protectedFields.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** c64 of the latest full run before `before` kept in bench/results/, and which file it is from. */
function lastFullRun(before: Date, root = REPO_ROOT): { cases_per_s: number; results_file: string } | null {
  const dir = join(root, 'bench', 'results');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((name) => /^\d{4}-.*Z\.json$/.test(name))
    .sort()
    .reverse();
  for (const name of files) {
    try {
      const result = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { quick?: boolean; machine?: { date?: string }; pipeline_cases_per_s?: Record<string, number> };
      const c64 = result.pipeline_cases_per_s?.['64'];
      if (result.quick || typeof c64 !== 'number' || !result.machine?.date || new Date(result.machine.date) >= before) continue;
      return { cases_per_s: c64, results_file: `bench/results/${name}` };
    } catch {
      continue;
    }
  }
  return null;
}

/** Writes bench/results/<ISO time>.json and docs/pipeline-throughput.svg; returns the JSON file's path. */
export function writeArtifacts(result: Record<string, unknown>, root = REPO_ROOT): { json: string; svg: string } {
  const machine = result.machine as { date: string; cpus: number; model: string };
  const stamp = machine.date.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const json = join(resultsDir, `${stamp}${result.quick ? '-quick' : ''}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const perSecond = result.pipeline_cases_per_s as Record<string, number>;
  const svg = join(root, 'docs', 'pipeline-throughput.svg');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(
    svg,
    throughputSvg(
      Object.entries(perSecond).map(([concurrency, casesPerSecond]) => ({ concurrency: Number(concurrency), casesPerSecond })),
      {
        title: `OpenCase pipeline, embedded SQLite — ${machine.date.slice(0, 10)}${result.quick ? ' (quick)' : ''}, ${machine.cpus} CPUs`,
        floor: result.raw_floor_tx_per_s as number,
      },
    ),
  );
  return { json, svg };
}

/** Runs `measure` `count` times, one after another, and summarises the trials (`medianOfTrials`). */
async function trials(count: number, measure: (trial: number) => Promise<Trial>): Promise<ReturnType<typeof medianOfTrials>> {
  const done: Trial[] = [];
  for (let trial = 1; trial <= count; trial++) done.push(await measure(trial));
  return medianOfTrials(done);
}

/**
 * Builds a new log.db over every event of `store` (as the follower does at first start), `count` times,
 * then times inclusion proofs from the last one's stored hashes at 10k leaves and at its full size: the
 * two p99s should differ by about the ratio of the trees' heights (O(log n) reads), not of their sizes.
 */
async function measureLog(store: EventStore, count: number, onDetail: (detail: string) => void) {
  let last: { log: LedgerLog; dir: string } | null = null;
  const closeLast = async () => {
    if (!last) return;
    await last.log.close();
    rmSync(last.dir, { recursive: true, force: true });
    last = null;
  };
  try {
    const built = await trials(count, async (trial) => {
      await closeLast();
      const dir = tempDir('log');
      const log = LedgerLog.open(store, { logFile: join(dir, 'log.db'), signingKeyFile: join(dir, 'log-signing-key.pem'), origin: 'bench.example/ledger' });
      last = { log, dir };
      onDetail(`building ${trial}`);
      const t0 = performance.now();
      await log.catchUp();
      return { events: log.size, seconds: (performance.now() - t0) / 1000 };
    });
    const log = (last as { log: LedgerLog } | null)!.log;
    const events = log.size;
    const inclusionP99: Record<string, number | null> = {};
    for (const size of [10_000, events]) {
      if (size > events) continue;
      const timings: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const index = Math.floor(Math.random() * size);
        const start = performance.now();
        log.inclusionProof(index, size);
        timings.push(performance.now() - start);
      }
      inclusionP99[String(size)] = round(percentile(timings, 99) ?? 0, 4);
    }
    return { ...built, inclusionP99 };
  } finally {
    await closeLast();
  }
}

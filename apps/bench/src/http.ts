/** HTTP figures: autocannon against the built server running as a child process. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { startReadyChild } from './ready-child.js';

export interface HttpFigures {
  readonly http_health_per_s: number | null;
  readonly http_health_p99_ms: number | null;
  readonly http_cases_per_s: number | null;
  readonly http_cases_p99_ms: number | null;
  readonly http_cases_non2xx: number | null;
  readonly http_reason?: string;
  readonly http_server_peak_rss_mb: number | null;
  /**
   * CPU of the server's request thread per request (ms), from /proc around each run: on a loaded machine
   * throughput moves with the neighbours, while what a request costs the thread that serves it does not.
   */
  readonly http_health_thread_cpu_ms?: number | null;
  readonly http_cases_thread_cpu_ms?: number | null;
  /**
   * CPU of the whole server process per request (ms): the request thread, the views' worker and V8's
   * garbage-collection helpers, which on two cores compete with the request thread for the second one.
   */
  readonly http_health_process_cpu_ms?: number | null;
  readonly http_cases_process_cpu_ms?: number | null;
}

const SERVER_ENTRY = resolve(import.meta.dirname, 'server-entry.js');

export function caseBody(n: number): object {
  return {
    requester: { kind: 'patron', name: 'Patron at the desk' },
    channel: 'in_person',
    patron: { ref: `2100${String(n % 100).padStart(10, '0')}` },
    requestedCategories: ['checkouts'],
    identification: [{ kind: 'library_card' }],
  };
}

/** CPU time (ms) used so far, utime + stime of a /proc stat file: `/proc/<pid>/task/<pid>/stat` (the main thread) or `/proc/<pid>/stat` (every thread). */
function cpuMsOf(statFile: string): number | null {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ, 100 on every Linux the bench runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

const perRequest = (before: number | null, after: number | null, requests: number): number | null =>
  before === null || after === null || requests === 0 ? null : Math.round(((after - before) / requests) * 1000) / 1000;

/** Runs `run` and answers its result with the CPU per request it served: the main thread's and the whole process's. */
async function withCpu<R extends { requests: { total: number } }>(pid: number | undefined, run: () => Promise<R>): Promise<{ result: R; threadCpuMs: number | null; processCpuMs: number | null }> {
  const thread = () => cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
  const wholeProcess = () => cpuMsOf(`/proc/${pid}/stat`);
  const [threadBefore, processBefore] = [thread(), wholeProcess()];
  const result = await run();
  const [threadAfter, processAfter] = [thread(), wholeProcess()];
  return { result, threadCpuMs: perRequest(threadBefore, threadAfter, result.requests.total), processCpuMs: perRequest(processBefore, processAfter, result.requests.total) };
}

function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

export async function measureHttp(options: { durationSeconds: number; connections: number; startTimeoutMs: number }): Promise<HttpFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const server = await startReadyChild(SERVER_ENTRY, [], { LEDGER_DATA_DIR: dataDir, PORT: '0' }, /^listening (\d+)$/m, options.startTimeoutMs).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const child = server.child;
  const baseUrl = `http://127.0.0.1:${server.announced}`;
  try {
    const { result: health, threadCpuMs: healthCpu, processCpuMs: healthProcessCpu } = await withCpu(child.pid, () => autocannon({ url: `${baseUrl}/health`, connections: options.connections, duration: options.durationSeconds }));

    const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const created = await fetch(`${baseUrl}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Staff', role: 'staff' }),
    });
    if (!created.ok) throw new Error(`POST /v1/users answered ${created.status}: ${await created.text()}`);
    const { token } = (await created.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const probe = await fetch(`${baseUrl}/v1/cases`, { method: 'POST', headers, body: JSON.stringify(caseBody(0)) });
    const base = {
      http_health_per_s: Math.round(health.requests.average),
      http_health_p99_ms: health.latency.p99,
      http_health_thread_cpu_ms: healthCpu,
      http_health_process_cpu_ms: healthProcessCpu,
    };
    if (probe.status !== 201) {
      return {
        ...base,
        http_cases_per_s: null,
        http_cases_p99_ms: null,
        http_cases_non2xx: null,
        http_reason: `POST /v1/cases answered ${probe.status} (${probe.status === 404 ? 'the endpoint does not exist yet' : (await probe.text()).slice(0, 200)})`,
        http_server_peak_rss_mb: peakRssMb(child.pid),
      };
    }
    let n = 1;
    const { result: cases, threadCpuMs: casesCpu, processCpuMs: casesProcessCpu } = await withCpu(child.pid, () =>
      autocannon({
        url: baseUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        requests: [{ method: 'POST', path: '/v1/cases', headers, setupRequest: (request: object) => ({ ...request, body: JSON.stringify(caseBody(n++)) }) }],
      }),
    );
    return {
      ...base,
      http_cases_per_s: Math.round(cases.requests.average),
      http_cases_p99_ms: cases.latency.p99,
      http_cases_non2xx: cases.non2xx,
      http_cases_thread_cpu_ms: casesCpu,
      http_cases_process_cpu_ms: casesProcessCpu,
      http_server_peak_rss_mb: peakRssMb(child.pid),
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AllScan, EventStore, SharedScanSource } from '../event-store/event-store.port.js';
import { readAllPages } from '../event-store/read-all-pages.js';
import { ChainStitcher, RangeVerifier, verifyRange, type RangeResult, type VerificationReport } from './range-verifier.js';
import type { RangeTask, RangeReply } from './range-verifier.worker.js';

export type { BreakReason, BrokenLink, VerificationReport } from './range-verifier.js';

export interface VerifyOptions {
  /** Events per `readAll` page, for stores without a fast scan (default 5000). */
  readonly pageSize?: number;
  /**
   * Worker threads that verify ranges of `$all` in parallel, for stores whose scan other threads
   * can open. Default: one per core when `$all` spans more than `rangeSize` positions and the
   * compiled worker script exists; 0 verifies in this thread.
   */
  readonly workers?: number;
  /**
   * Positions per range. Default: 50,000 in this thread (the event loop gets a turn between
   * ranges); with workers, enough ranges to give each worker about four, at most 50,000 each.
   */
  readonly rangeSize?: number;
  /** The compiled worker script; default: `range-verifier.worker.js` beside this module. */
  readonly workerScript?: URL;
  readonly onProgress?: (eventsChecked: number) => void;
}

const MAX_RANGE = 50_000;
const RANGES_PER_WORKER = 4;
const MIN_RANGE = 1_000;

/**
 * Re-computes every chain in `$all` order from the stored bytes and reports the first broken link:
 * after one, every later hash in that stream is suspect anyway, and the auditor needs the first.
 *
 * `$all` is verified as consecutive ranges (`RangeVerifier`), chained onto each other in order
 * (`ChainStitcher`), which finds the same first broken link as one sequential pass. A store with a
 * fast scan (`EventStore.allScan`, the sqlite adapter) is read in ranges of positions, in worker
 * threads when it can be shared; any other store is read in `readAll` pages, one range each.
 */
export async function verifyLedger(store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> {
  const scan = store.allScan?.();
  if (!scan) return verifyPages(store, options);
  const bounds = scan.bounds();
  if (!bounds) return new ChainStitcher().intact();
  const span = bounds.last - bounds.first + 1n;
  const script = options.workerScript ?? new URL('./range-verifier.worker.js', import.meta.url);
  const workers = workerCount(options, scan.shared, span, script);
  if (workers === 0) {
    return verifyInThread(scan, ranges(bounds.first, bounds.last, options.rangeSize ?? MAX_RANGE), options.onProgress);
  }
  const perWorker = Number(span) / (workers * RANGES_PER_WORKER);
  const size = options.rangeSize ?? Math.min(MAX_RANGE, Math.max(MIN_RANGE, Math.ceil(perWorker)));
  return verifyInWorkers(scan.shared!, ranges(bounds.first, bounds.last, size), workers, script, options.onProgress);
}

function workerCount(options: VerifyOptions, shared: SharedScanSource | undefined, span: bigint, script: URL): number {
  if (options.workers !== undefined) {
    if (!Number.isSafeInteger(options.workers) || options.workers < 0) {
      throw new RangeError(`workers must be a non-negative integer, got ${options.workers}`);
    }
    if (options.workers > 0 && !shared) throw new Error('This store cannot be verified in worker threads');
    if (options.workers > 0 && !existsSync(fileURLToPath(script))) throw new Error(`No worker script at ${script.href}`);
    return options.workers;
  }
  // Running from source (under jest) there is no compiled worker script: verify in this thread.
  const worthIt = span > BigInt(options.rangeSize ?? MAX_RANGE) && availableParallelism() > 1;
  return shared && worthIt && existsSync(fileURLToPath(script)) ? availableParallelism() : 0;
}

type Range = readonly [from: bigint, to: bigint];

/** [first, last] cut into consecutive inclusive ranges of `size` positions. */
function ranges(first: bigint, last: bigint, size: number): Range[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`rangeSize must be a positive integer, got ${size}`);
  const step = BigInt(size);
  const result: Range[] = [];
  for (let from = first; from <= last; from += step) {
    const to = from + step - 1n;
    result.push([from, to < last ? to : last]);
  }
  return result;
}

async function verifyInThread(scan: AllScan, rangeList: readonly Range[], onProgress: VerifyOptions['onProgress']): Promise<VerificationReport> {
  const stitcher = new ChainStitcher();
  for (const [from, to] of rangeList) {
    const broken = stitcher.add(verifyRange(scan, from, to));
    if (broken) return broken;
    onProgress?.(stitcher.events);
    // better-sqlite3 is synchronous: give timers and I/O a turn between ranges.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return stitcher.intact();
}

async function verifyPages(store: EventStore, options: VerifyOptions): Promise<VerificationReport> {
  const stitcher = new ChainStitcher();
  for await (const page of readAllPages(store, { pageSize: options.pageSize ?? 5000 })) {
    const verifier = new RangeVerifier();
    for (const event of page) {
      if (!verifier.visit([event.position, event.stream, event.revision, event.type, event.data, event.metadata])) break;
    }
    const broken = stitcher.add(verifier.result());
    if (broken) return broken;
    options.onProgress?.(stitcher.events);
  }
  return stitcher.intact();
}

/**
 * Hands the ranges out to `count` workers (two in flight each, so none waits for its next) and
 * chains their results in `$all` order as they arrive. Once a range reports a break, later ranges
 * are no longer handed out: only the ranges before it can still hold an earlier one.
 */
async function verifyInWorkers(
  source: SharedScanSource,
  rangeList: readonly Range[],
  count: number,
  script: URL,
  onProgress: VerifyOptions['onProgress'],
): Promise<VerificationReport> {
  const stitcher = new ChainStitcher();
  const workers: Worker[] = [];
  try {
    return await new Promise<VerificationReport>((resolve, reject) => {
      const arrived = new Map<number, RangeResult>();
      let nextToSend = 0;
      let nextToStitch = 0;
      /** The last range that can matter: the first one known to hold a break. */
      let lastNeeded = rangeList.length - 1;
      const send = (worker: Worker): void => {
        if (nextToSend > lastNeeded) return;
        const [from, to] = rangeList[nextToSend]!;
        worker.postMessage({ seq: nextToSend++, from, to } satisfies RangeTask);
      };
      const receive = (worker: Worker, reply: RangeReply): void => {
        if ('error' in reply) return reject(new Error(`Verifying positions in a worker failed: ${reply.error}`));
        arrived.set(reply.seq, reply.result);
        if (reply.result.broken && reply.seq < lastNeeded) lastNeeded = reply.seq;
        for (let result = arrived.get(nextToStitch); result; result = arrived.get(nextToStitch)) {
          arrived.delete(nextToStitch++);
          const broken = stitcher.add(result);
          if (broken) return resolve(broken);
          onProgress?.(stitcher.events);
        }
        if (nextToStitch > lastNeeded) return resolve(stitcher.intact());
        send(worker);
      };
      for (let i = 0; i < Math.min(count, rangeList.length); i++) {
        const worker = new Worker(script, { workerData: source });
        workers.push(worker);
        worker.on('message', (reply: RangeReply) => receive(worker, reply));
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`A verification worker exited (code ${code}) before the end`)));
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

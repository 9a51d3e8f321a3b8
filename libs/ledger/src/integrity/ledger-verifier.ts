import { availableParallelism } from 'node:os';
import type { AllScan, EventStore, SharedScanSource } from '../event-store/event-store.port.js';
import { readAllPages } from '../event-store/read-all-pages.js';
import { consecutiveRanges, inRangeOrder, type PositionRange, workerCountFor } from '../event-store/range-pool/ordered-range-pool.js';
import { ChainStitcher, RangeVerifier, verifyRange, type RangeResult, type VerificationReport } from './range-verifier.js';

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
   * ranges); with workers, enough ranges to give each worker about `RANGES_PER_WORKER`, at most
   * `MAX_WORKER_RANGE` each.
   */
  readonly rangeSize?: number;
  /** The compiled worker script; default: `range-verifier.worker.js` beside this module. */
  readonly workerScript?: URL;
  readonly onProgress?: (eventsChecked: number) => void;
}

const MAX_RANGE = 50_000;
/**
 * Small enough that the last range, which one worker verifies while the others have none left,
 * takes a few hundredths of the whole; a range costs little beyond its events (each stream it
 * shares with the ranges before is chained once more).
 */
const MAX_WORKER_RANGE = 20_000;
const RANGES_PER_WORKER = 8;
const MIN_RANGE = 1_000;
/**
 * Ranges each worker has queued, and (times the workers) verified ranges that may wait for this
 * thread: enough that a worker never waits for the stitcher, which shares a core with them.
 */
const RANGES_AHEAD = 4;

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
  if (options.workers !== undefined && options.workers > 0 && !scan.shared) throw new Error('This store cannot be verified in worker threads');
  const worthIt = span > BigInt(options.rangeSize ?? MAX_RANGE) && availableParallelism() > 1;
  const workers = workerCountFor(options.workers, script, () => (scan.shared && worthIt ? availableParallelism() : 0));
  if (workers === 0 || !scan.shared) {
    return verifyInThread(scan, consecutiveRanges(bounds.first, bounds.last, options.rangeSize ?? MAX_RANGE), options.onProgress);
  }
  const perWorker = Number(span) / (workers * RANGES_PER_WORKER);
  const size = options.rangeSize ?? Math.min(MAX_WORKER_RANGE, Math.max(MIN_RANGE, Math.ceil(perWorker)));
  return verifyInWorkers(scan.shared, consecutiveRanges(bounds.first, bounds.last, size), workers, script, options.onProgress);
}

async function verifyInThread(scan: AllScan, ranges: readonly PositionRange[], onProgress: VerifyOptions['onProgress']): Promise<VerificationReport> {
  const stitcher = new ChainStitcher();
  for (const [from, to] of ranges) {
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
 * Verifies the ranges in `count` workers and chains their results in `$all` order as they arrive.
 * Once a range reports a break, later ranges are no longer handed out: only the ranges before it
 * can still hold an earlier one.
 */
async function verifyInWorkers(
  source: SharedScanSource,
  ranges: readonly PositionRange[],
  count: number,
  script: URL,
  onProgress: VerifyOptions['onProgress'],
): Promise<VerificationReport> {
  const stitcher = new ChainStitcher();
  const results = inRangeOrder<RangeResult>({
    script,
    source,
    workers: count,
    ranges,
    ahead: RANGES_AHEAD,
    doing: 'Verifying positions',
    endsAfter: (result) => result.broken !== undefined,
  });
  for await (const result of results) {
    const broken = stitcher.add(result);
    if (broken) return broken;
    onProgress?.(stitcher.events);
  }
  return stitcher.intact();
}

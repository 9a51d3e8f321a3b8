import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SharedScanSource } from '../event-store.port.js';
import type { RangeReply, RangeTask } from './range-worker.js';

/** An inclusive range of `$all` positions. */
export type PositionRange = readonly [from: bigint, to: bigint];

/** [first, last] cut into consecutive inclusive ranges of `size` positions. */
export function consecutiveRanges(first: bigint, last: bigint, size: number): PositionRange[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`rangeSize must be a positive integer, got ${size}`);
  const step = BigInt(size);
  const ranges: PositionRange[] = [];
  for (let from = first; from <= last; from += step) {
    const to = from + step - 1n;
    ranges.push([from, to < last ? to : last]);
  }
  return ranges;
}

/**
 * How many worker threads to start: `requested` when given (checked), else `byDefault()` when the
 * compiled worker script exists. Running from source (under jest) there is no compiled script, and
 * the caller does the work in its own thread (0).
 */
export function workerCountFor(requested: number | undefined, script: URL, byDefault: () => number): number {
  if (requested !== undefined) {
    if (!Number.isSafeInteger(requested) || requested < 0) throw new RangeError(`workers must be a non-negative integer, got ${requested}`);
    if (requested > 0 && !existsSync(fileURLToPath(script))) throw new Error(`No worker script at ${script.href}`);
    return requested;
  }
  return existsSync(fileURLToPath(script)) ? byDefault() : 0;
}

export interface OrderedRangePoolOptions<T> {
  /** A worker script that calls `serveRanges`. */
  readonly script: URL;
  readonly source: SharedScanSource;
  readonly workers: number;
  readonly ranges: readonly PositionRange[];
  /**
   * Ranges each worker may have queued, and (times the workers) ranges past the oldest not yet
   * taken that may be read or wait in memory: enough that no worker waits for its next range while
   * the caller is busy with what it was given, few enough to bound memory.
   */
  readonly ahead: number;
  /** What the workers do, for error messages ("Verifying positions"). */
  readonly doing: string;
  /** A result after which no later range is needed (verification's first broken link): later ranges are no longer handed out. */
  readonly endsAfter?: (result: T) => boolean;
}

/**
 * Hands consecutive ranges of `$all` out to `workers` worker threads, each reading them from its own
 * connection (`serveRanges`), and yields their results in range order as they arrive, up to the last
 * range (or the first result that `endsAfter` says ends the work). Stopping the iteration early, or
 * a failure in a worker, stops every worker.
 */
export async function* inRangeOrder<T>(options: OrderedRangePoolOptions<T>): AsyncGenerator<T> {
  const { ranges, ahead, doing } = options;
  const arrived = new Map<number, T>();
  const workers: { readonly thread: Worker; queued: number }[] = [];
  // Set by callbacks: declared wide so the checks after an await are not narrowed to its first value.
  let failure = null as Error | null;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    wake?.();
    wake = null;
  };
  let nextToSend = 0;
  let nextToYield = 0;
  let lastNeeded = ranges.length - 1;
  let finished = false;
  const pump = (): void => {
    for (const worker of workers) {
      while (worker.queued < ahead && nextToSend <= lastNeeded && nextToSend < nextToYield + ahead * workers.length) {
        const [from, to] = ranges[nextToSend];
        worker.thread.postMessage({ seq: nextToSend++, from, to } satisfies RangeTask);
        worker.queued++;
      }
    }
  };
  const fail = (error: Error): void => {
    failure ??= error;
    signal();
  };
  try {
    for (let i = 0; i < Math.min(options.workers, ranges.length); i++) {
      const thread = new Worker(options.script, { workerData: options.source });
      const worker = { thread, queued: 0 };
      workers.push(worker);
      thread.on('message', (reply: RangeReply<T>) => {
        worker.queued--;
        if ('error' in reply) return fail(new Error(`${doing} in a worker failed: ${reply.error}`));
        arrived.set(reply.seq, reply.result);
        if (reply.seq < lastNeeded && options.endsAfter?.(reply.result)) lastNeeded = reply.seq;
        pump();
        signal();
      });
      thread.on('error', fail);
      thread.on('exit', (code) => {
        if (!finished) fail(new Error(`${doing}: a worker exited (code ${code}) before the end`));
      });
    }
    pump();
    for (; nextToYield <= lastNeeded; nextToYield++) {
      while (!arrived.has(nextToYield)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const result = arrived.get(nextToYield)!;
      arrived.delete(nextToYield);
      pump();
      yield result;
    }
  } finally {
    finished = true;
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }
}

/**
 * The worker side of `inRangeOrder`: opens the shared scan of `$all` on a connection of its own and
 * answers each range it is sent, one at a time, in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AllScan, SharedScanSource } from '../event-store.port.js';
import { openSqliteScan } from '../sqlite/sqlite-event-store.js';

export interface RangeTask {
  readonly seq: number;
  readonly from: bigint;
  readonly to: bigint;
}

export type RangeReply<T> = { readonly seq: number; readonly result: T } | { readonly seq: number; readonly error: string };

/** What a worker answers for one range, and the buffers it hands over rather than copies. */
export interface RangeAnswer<T> {
  readonly result: T;
  readonly transfer?: readonly ArrayBuffer[];
}

/** Serves the ranges this worker thread is sent with `work`; does nothing outside a worker thread. */
export function serveRanges<T>(work: (scan: AllScan, from: bigint, to: bigint) => RangeAnswer<T>): void {
  const port = parentPort;
  if (!port) return;
  const source = workerData as SharedScanSource;
  if (source.kind !== 'sqlite') throw new Error(`No shared scan for ${String(source.kind)} stores`);
  const scan = openSqliteScan(source.file);
  port.on('message', ({ seq, from, to }: RangeTask) => {
    let answer: RangeAnswer<T>;
    try {
      answer = work(scan, from, to);
    } catch (error) {
      port.postMessage({ seq, error: error instanceof Error ? error.message : String(error) } satisfies RangeReply<T>);
      return;
    }
    port.postMessage({ seq, result: answer.result } satisfies RangeReply<T>, [...(answer.transfer ?? [])]);
  });
  port.on('close', () => scan.close());
}

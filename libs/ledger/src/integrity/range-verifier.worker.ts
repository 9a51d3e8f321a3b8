/**
 * Worker thread of `verifyLedger`: opens the shared scan of `$all` on a connection of its own and
 * verifies the ranges it is sent, one at a time, replying with each range's result.
 * Runs only compiled (dist/); under jest the verifier verifies in its own thread instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SharedScanSource } from '../event-store/event-store.port.js';
import { openSqliteScan } from '../event-store/sqlite/sqlite-event-store.js';
import { verifyRange, type RangeResult } from './range-verifier.js';

export interface RangeTask {
  readonly seq: number;
  readonly from: bigint;
  readonly to: bigint;
}

export type RangeReply = { readonly seq: number; readonly result: RangeResult } | { readonly seq: number; readonly error: string };

const port = parentPort;
if (port) {
  const source = workerData as SharedScanSource;
  if (source.kind !== 'sqlite') throw new Error(`No shared scan for ${String(source.kind)} stores`);
  const scan = openSqliteScan(source.file);
  port.on('message', ({ seq, from, to }: RangeTask) => {
    let reply: RangeReply;
    try {
      reply = { seq, result: verifyRange(scan, from, to) };
    } catch (error) {
      reply = { seq, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.on('close', () => scan.close());
}

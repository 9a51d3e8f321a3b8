/**
 * Worker thread of `readLogEntries`: opens the shared scan of `$all` on a connection of its own,
 * reads the ranges it is sent and hashes their leaves, replying with each range's entries as flat
 * arrays (the hashes in one transferred buffer). Runs only compiled (dist/); under jest the log
 * reads in its own thread instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SharedScanSource } from '../event-store/event-store.port.js';
import { openSqliteScan } from '../event-store/sqlite/sqlite-event-store.js';
import { readRange } from './log-entries.js';

export interface LeafTask {
  readonly seq: number;
  readonly from: bigint;
  readonly to: bigint;
}

export type LeafReply =
  | { readonly seq: number; readonly positions: BigInt64Array; readonly revisions: BigInt64Array; readonly ids: string[]; readonly streams: string[]; readonly hashes: Uint8Array }
  | { readonly seq: number; readonly error: string };

const port = parentPort;
if (port) {
  const source = workerData as SharedScanSource;
  if (source.kind !== 'sqlite') throw new Error(`No shared scan for ${String(source.kind)} stores`);
  const scan = openSqliteScan(source.file);
  port.on('message', ({ seq, from, to }: LeafTask) => {
    try {
      const page = readRange(scan, from, to);
      const positions = new BigInt64Array(page.length);
      const revisions = new BigInt64Array(page.length);
      const hashes = new Uint8Array(page.length * 32);
      page.forEach((entry, i) => {
        positions[i] = entry.position;
        revisions[i] = entry.revision;
        hashes.set(entry.leafHash, i * 32);
      });
      const reply: LeafReply = { seq, positions, revisions, ids: page.map((entry) => entry.id), streams: page.map((entry) => entry.stream), hashes };
      port.postMessage(reply, [positions.buffer, revisions.buffer, hashes.buffer]);
    } catch (error) {
      port.postMessage({ seq, error: error instanceof Error ? error.message : String(error) } satisfies LeafReply);
    }
  });
  port.on('close', () => scan.close());
}

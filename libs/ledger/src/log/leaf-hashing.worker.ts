/**
 * Worker thread of `readLogEntries`: reads the ranges it is sent (`serveRanges`) and hashes their
 * leaves, answering each range's entries as flat arrays (the hashes in one transferred buffer).
 * Runs only compiled (dist/); under jest the log reads in its own thread instead.
 */
import { serveRanges } from '../event-store/range-pool/range-worker.js';
import { readRange } from './log-entries.js';

export interface LeafPage {
  readonly positions: BigInt64Array;
  readonly revisions: BigInt64Array;
  readonly ids: string[];
  readonly streams: string[];
  readonly hashes: Uint8Array;
}

serveRanges<LeafPage>((scan, from, to) => {
  const page = readRange(scan, from, to);
  const positions = new BigInt64Array(page.length);
  const revisions = new BigInt64Array(page.length);
  const hashes = new Uint8Array(page.length * 32);
  page.forEach((entry, i) => {
    positions[i] = entry.position;
    revisions[i] = entry.revision;
    hashes.set(entry.leafHash, i * 32);
  });
  const result = { positions, revisions, ids: page.map((entry) => entry.id), streams: page.map((entry) => entry.stream), hashes };
  return { result, transfer: [positions.buffer, revisions.buffer, hashes.buffer] };
});

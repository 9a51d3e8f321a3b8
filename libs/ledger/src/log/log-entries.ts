import { availableParallelism } from 'node:os';
import type { AllScan, EventStore, SharedScanSource } from '../event-store/event-store.port.js';
import { readAllPages } from '../event-store/read-all-pages.js';
import { consecutiveRanges, inRangeOrder, workerCountFor } from '../event-store/range-pool/ordered-range-pool.js';
import { readSealShape } from '../integrity/hash-chain.js';
import type { LeafPage } from './leaf-hashing.worker.js';
import { hashLeafOf, type LeafFields } from './log-leaf.js';

/**
 * An event as the log reads it: its place in `$all`, what its leaf commits to, and the leaf's hash.
 * `metadata` may be only the head of the stored text (`METADATA_HEAD_CHARS`).
 */
export interface LogEntry {
  readonly position: bigint;
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly metadata: string;
}

export interface HashedLogEntry {
  readonly position: bigint;
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly leafHash: Buffer;
}

/**
 * The leaf hash of one stored event: its place, its id and its chain hash (never its plaintext).
 * `metadata` may be the whole stored text or its head (`METADATA_HEAD_CHARS`): both give the same leaf.
 */
export function leafOf(event: Omit<LogEntry, 'position'>): Buffer {
  return hashLeafOf(leafFieldsOf(event));
}

/** What the leaf of a stored event commits to (`encodeLeaf` of it is the entry the log hashes, and serves in entry bundles). */
export function leafFieldsOf(event: Omit<LogEntry, 'position'>): LeafFields {
  return { stream: event.stream, revision: event.revision, id: event.id, hash: readSealShape(event.metadata)?.hash ?? '' };
}

export interface ReadLogEntriesOptions {
  readonly pageSize?: number;
  /**
   * Worker threads that read and hash ranges of `$all` while this thread takes the pages in order,
   * for stores whose scan other threads can open. Default: one fewer than the cores (at least one)
   * when `$all` spans more than `WORKERS_FROM` positions and the compiled worker script exists; 0
   * reads and hashes in this thread.
   */
  readonly workers?: number;
  /** The compiled worker script; default `leaf-hashing.worker.js` beside this module. */
  readonly workerScript?: URL;
}

/** Ranges each worker may read ahead of this thread (a range is `pageSize` positions). */
const RANGES_AHEAD = 16;

/** Below this many positions a worker's start-up costs more than it saves. */
const WORKERS_FROM = 100_000;

/**
 * Every event of `$all` in order, with its leaf hash, in pages of at most `pageSize`, up to the end
 * of `$all` as it is when the last page is read (events appended meanwhile are included). Through
 * the store's scan when it has one — only the columns a leaf needs, never the data, read and hashed
 * in worker threads for a large ledger — else through `readAll` pages.
 */
export async function* readLogEntries(store: EventStore, options: ReadLogEntriesOptions = {}): AsyncGenerator<HashedLogEntry[]> {
  const pageSize = Math.max(1, options.pageSize ?? 5000);
  const scan = store.allScan?.();
  if (!scan) {
    for await (const page of readAllPages(store, { pageSize })) yield page.map(hashed);
    return;
  }
  let next: bigint | null = null;
  const start = scan.bounds();
  const script = options.workerScript ?? new URL('./leaf-hashing.worker.js', import.meta.url);
  const span = start ? start.last - start.first + 1n : 0n;
  // One fewer than the cores: this thread writes the pages while the workers read.
  const workers = start && scan.shared ? workerCountFor(options.workers, script, () => (span > BigInt(WORKERS_FROM) ? Math.max(1, availableParallelism() - 1) : 0)) : 0;
  if (start && scan.shared && workers > 0) {
    yield* readInWorkers(scan.shared, start, pageSize, workers, script);
    next = start.last + 1n;
  }
  for (let bounds = scan.bounds(); bounds && (next === null || bounds.last >= next); bounds = scan.bounds()) {
    if (next === null || next < bounds.first) next = bounds.first;
    for (const [from, to] of consecutiveRanges(next, bounds.last, pageSize)) {
      const page = readRange(scan, from, to);
      next = to + 1n;
      if (page.length > 0) yield page;
      // The scan is synchronous: give timers and requests a turn between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

function hashed(event: LogEntry): HashedLogEntry {
  return { position: event.position, id: event.id, stream: event.stream, revision: event.revision, leafHash: leafOf(event) };
}

/** The entries of positions `from`..`to` (inclusive), hashed, in this thread. */
export function readRange(scan: Pick<AllScan, 'scanEntries'>, from: bigint, to: bigint): HashedLogEntry[] {
  const page: HashedLogEntry[] = [];
  scan.scanEntries(from, to, ([position, id, stream, revision, metadata]) => {
    page.push(hashed({ position, id, stream, revision, metadata }));
    return true;
  });
  return page;
}

/**
 * Consecutive ranges of `pageSize` positions, read and hashed by `count` workers, yielded in `$all`
 * order; at most `RANGES_AHEAD` per worker are read ahead or wait in memory (a few megabytes), so
 * that the workers keep reading while this thread writes what it was given.
 */
async function* readInWorkers(
  source: SharedScanSource,
  bounds: { readonly first: bigint; readonly last: bigint },
  pageSize: number,
  count: number,
  script: URL,
): AsyncGenerator<HashedLogEntry[]> {
  const ranges = consecutiveRanges(bounds.first, bounds.last, pageSize);
  for await (const reply of inRangeOrder<LeafPage>({ script, source, workers: count, ranges, ahead: RANGES_AHEAD, doing: "Reading the log's entries" })) {
    const page = pageOf(reply);
    if (page.length > 0) yield page;
  }
}

function pageOf(reply: LeafPage): HashedLogEntry[] {
  const hashes = Buffer.from(reply.hashes.buffer, reply.hashes.byteOffset, reply.hashes.byteLength);
  return reply.ids.map((id, i) => ({
    position: reply.positions[i],
    id,
    stream: reply.streams[i],
    revision: reply.revisions[i],
    leafHash: hashes.subarray(i * 32, i * 32 + 32),
  }));
}

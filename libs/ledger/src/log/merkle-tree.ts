import { EMPTY_ROOT, hashChildren, isPowerOfTwo, splitPoint } from './merkle.js';

/**
 * "Stored hashes" (as in Go's sumdb/tlog): the hash of every complete, aligned subtree of the log,
 * node (level, index) covering leaves [index·2^level, (index+1)·2^level). About two per leaf; any
 * root or proof is then a handful of reads per tree level, never a walk over the leaves.
 */
export interface StoredHashes {
  /** The stored hash of node (level, index); throws when the log does not hold it. */
  nodeHash(level: number, index: number): Buffer;
}

export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/** MTH(D[start:end]) for a log that holds at least `end` leaves. */
export function subtreeHash(store: StoredHashes, start: number, end: number): Buffer {
  const width = end - start;
  if (width <= 0) throw new RangeError(`Empty range [${start}, ${end})`);
  if (isPowerOfTwo(width) && start % width === 0) return store.nodeHash(Math.round(Math.log2(width)), start / width);
  const k = splitPoint(width);
  return hashChildren(subtreeHash(store, start, start + k), subtreeHash(store, start + k, end));
}

/** The root of the tree of the first `size` leaves. */
export function rootAt(store: StoredHashes, size: number): Buffer {
  return size === 0 ? Buffer.from(EMPTY_ROOT) : subtreeHash(store, 0, size);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]). */
export function inclusionProof(store: StoredHashes, index: number, size: number): Buffer[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`No leaf ${index} in a tree of ${size}`);
  }
  const path = (m: number, start: number, end: number): Buffer[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < k
      ? [...path(m, start, start + k), subtreeHash(store, start + k, end)]
      : [...path(m - k, start + k, end), subtreeHash(store, start, start + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.4.1 PROOF(oldSize, D[0:newSize]); empty when oldSize is 0 or equals newSize. */
export function consistencyProof(store: StoredHashes, oldSize: number, newSize: number): Buffer[] {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new RangeError(`No consistency proof from ${oldSize} to ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    if (m === end - start) return whole ? [] : [subtreeHash(store, start, end)];
    const k = splitPoint(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, whole), subtreeHash(store, start + k, end)]
      : [...subproof(m - k, start + k, end, false), subtreeHash(store, start, start + k)];
  };
  return subproof(oldSize, 0, newSize, true);
}

/**
 * The right edge of a growing tree (a "compact range" from 0): one hash per set bit of its size,
 * the complete subtrees it is made of, largest first. Appending a leaf gives the stored nodes it
 * completes; the root is folded from the edge. A verifier rebuilds a whole log with it in O(log n)
 * memory; the follower starts it from the stored hashes.
 */
export class TreeEdge {
  private readonly edge: { level: number; hash: Buffer }[] = [];
  private count: number;

  private constructor(size: number, edge: readonly { level: number; hash: Buffer }[]) {
    this.count = size;
    this.edge.push(...edge);
  }

  static empty(): TreeEdge {
    return new TreeEdge(0, []);
  }

  /** The edge of the first `size` leaves of a stored log: one read per set bit of `size`. */
  static fromStore(store: StoredHashes, size: number): TreeEdge {
    const edge: { level: number; hash: Buffer }[] = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        edge.push({ level, hash: store.nodeHash(level, start / width) });
        start += width;
      }
    }
    return new TreeEdge(size, edge);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the next leaf; returns every node it completes, the leaf itself first. */
  append(leafHash: Buffer): StoredNode[] {
    const index = this.count++;
    const made: StoredNode[] = [{ level: 0, index, hash: leafHash }];
    let node = { level: 0, hash: leafHash };
    while (this.edge.length > 0 && this.edge[this.edge.length - 1].level === node.level) {
      const left = this.edge.pop()!;
      node = { level: node.level + 1, hash: hashChildren(left.hash, node.hash) };
      made.push({ level: node.level, index: Math.floor(index / 2 ** node.level), hash: node.hash });
    }
    this.edge.push(node);
    return made;
  }

  root(): Buffer {
    if (this.edge.length === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.edge[this.edge.length - 1].hash;
    for (let i = this.edge.length - 2; i >= 0; i--) root = hashChildren(this.edge[i].hash, root);
    return root;
  }
}

/** Stored hashes in memory: for verifiers that rebuild a log, and for specs. */
export class MemoryStoredHashes implements StoredHashes {
  private readonly levels: Buffer[][] = [];
  private readonly edge = TreeEdge.empty();

  get size(): number {
    return this.edge.size;
  }

  append(leafHash: Buffer): void {
    for (const node of this.edge.append(leafHash)) (this.levels[node.level] ??= [])[node.index] = node.hash;
  }

  nodeHash(level: number, index: number): Buffer {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`No stored hash at level ${level}, index ${index}`);
    return hash;
  }

  /** The stored hashes of nodes (level, from…to), by index, as `LogStore.storedHashes` (tiles read them). */
  storedHashes(level: number, from: number, to: number): Map<number, Buffer> {
    const hashes = new Map<number, Buffer>();
    for (let index = from; index <= to; index++) {
      const hash = this.levels[level]?.[index];
      if (!hash) break;
      hashes.set(index, hash);
    }
    return hashes;
  }
}

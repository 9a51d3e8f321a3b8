import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree hashing and the §2.1.3.2 / §2.1.4.2 proof verification algorithms,
 * on SHA-256. Sizes and indexes are plain numbers (exact up to 2^53 leaves), halved by division:
 * JavaScript's shift operators would cut them to 32 bits.
 */
export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** The byte before a leaf's data in its hash (RFC 9162 §2.1.1). */
export const LEAF_HASH_PREFIX = 0x00;
const NODE_HASH_PREFIX = 0x01;

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export function hashLeaf(bytes: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + bytes.length);
  input[0] = LEAF_HASH_PREFIX;
  input.set(bytes, 1);
  return hash('sha256', input, 'buffer');
}

// Building a log hashes about one node per leaf: one buffer and a one-shot digest, not a Hash object each.
const children = Buffer.allocUnsafe(1 + 2 * HASH_BYTES);
children[0] = NODE_HASH_PREFIX;

/** SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    return createHash('sha256').update(children.subarray(0, 1)).update(left).update(right).digest();
  }
  children.set(left, 1);
  children.set(right, 1 + HASH_BYTES);
  return hash('sha256', children, 'buffer');
}

/** The largest power of two strictly less than `n` (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(hash: Uint8Array): boolean {
  return hash.length === HASH_BYTES;
}

const half = (n: number): number => Math.floor(n / 2);
const odd = (n: number): boolean => n % 2 === 1;

/** Both algorithms' step at a node on the tree's right edge: shift both until fn is odd or 0. */
function climbRightEdge(fn: number, sn: number): [number, number] {
  while (!odd(fn) && fn !== 0) {
    fn = half(fn);
    sn = half(sn);
  }
  return [fn, sn];
}

/**
 * RFC 9162 §2.1.3.2: the root that `proof` leads to from the hash of leaf `index` in a tree of
 * `size` leaves, or null when the proof cannot be an inclusion proof for that index and size.
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Buffer | null {
  if (!isSize(index) || !isSize(size) || index >= size || !isHash(leafHash) || !proof.every(isHash)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = hashChildren(p, r);
      [fn, sn] = climbRightEdge(fn, sn);
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** Whether `proof` shows that leaf `index` with hash `leafHash` is in the tree of `size` leaves with `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  return computed !== null && isHash(root) && computed.equals(root);
}

/**
 * RFC 9162 §2.1.4.2, with its edge cases as transparency-dev/merkle settles them: from 0 leaves
 * any tree is consistent (the proof must be empty); equal sizes need an empty proof and equal
 * roots; a shrinking tree is never consistent.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize || !proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && isHash(oldRoot) && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0 || !isHash(oldRoot) || !isHash(newRoot)) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      [fn, sn] = climbRightEdge(fn, sn);
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

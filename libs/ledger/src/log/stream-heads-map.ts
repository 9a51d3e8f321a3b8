import { createHash, hash } from 'node:crypto';
import { HASH_BYTES } from './merkle.js';

/**
 * The map of stream heads: a sparse Merkle tree from every stream of the ledger to its head (the
 * revision of its last event and that event's leaf index in the log), whose root each checkpoint
 * carries (`STREAM_HEADS_EXTENSION`). With it a case file proves that it holds a stream's *every*
 * event up to the checkpoint: the head says which event is the last, the log proves that event, and
 * the chain links every event before it down to revision 0.
 *
 * The tree (pure; a `MapNodes` holds its nodes):
 *
 *   key        = SHA-256(UTF-8 stream name): 256 bits, read from the most significant bit down;
 *                bit d chooses the child at depth d (0 = left).
 *   value      = 0x01 (version) ‖ revision (uint64 BE) ‖ leaf index (uint64 BE)
 *   leaf hash  = SHA-256(0x00 ‖ key ‖ SHA-256(value))
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)           (RFC 6962's domain separation)
 *   empty      = 32 zero bytes: the hash of a subtree that holds no stream
 *
 * A subtree holding exactly one stream is that stream's leaf hash, at the depth where its key
 * parts from every other key (as in Diem's Jellyfish tree and Sigsum-era "compact" sparse trees),
 * so a path is as long as the keys' shared prefixes, about log2(streams), not 256. Each set of
 * heads has one tree and so one root, however it was built: log.db updating it event by event
 * and a verifier rebuilding it from the events agree.
 *
 * A proof for a key is the sibling hashes along its path, from the deepest up, and what the path
 * ends at: the key's own leaf (a member), an empty subtree, or another key's leaf whose key shares
 * the path (both non-members).
 */
export const STREAM_HEAD_VALUE_VERSION = 1;
export const MAP_KEY_BYTES = 32;
export const EMPTY_SUBTREE: Buffer = Buffer.alloc(HASH_BYTES);
/** Depth of the deepest possible node: one per key bit. */
const MAX_DEPTH = MAP_KEY_BYTES * 8;

/**
 * The checkpoint extension line that carries the map's root: `stream-heads/v1 <base64 root>`.
 * A C2SP checkpoint's extension lines follow the root and are part of the signed text.
 */
export const STREAM_HEADS_EXTENSION = 'stream-heads/v1';

export interface LoggedStreamHead {
  /** The revision of the stream's last event. */
  readonly revision: bigint;
  /** That event's leaf index in the log. */
  readonly leafIndex: number;
}

/** A map leaf as nodes and proofs hold it: its key and the hash of its value. */
export interface MapLeaf {
  readonly key: Buffer;
  readonly valueHash: Buffer;
}

/** A stored node: a leaf (one stream below it) or an inner node (two or more). */
export type MapNode = ({ readonly kind: 'leaf' } & MapLeaf & { readonly hash: Buffer; readonly value?: Buffer }) | { readonly kind: 'inner'; readonly hash: Buffer };

/**
 * Where a map's nodes live, by path: the key bits from the root down as '0'/'1' characters ('' is
 * the root). No node at a path = an empty subtree.
 */
export interface MapNodes {
  node(path: string): MapNode | null;
  put(path: string, node: MapNode): void;
}

export interface MapProof {
  /** Sibling hashes along the key's path, from the deepest up. */
  readonly siblings: readonly Buffer[];
  /** What the path ends at: a leaf (the key's own, or another that shares the path), or null (empty). */
  readonly leaf: MapLeaf | null;
}

export function mapKey(stream: string): Buffer {
  return createHash('sha256').update(stream, 'utf8').digest();
}

export function encodeStreamHead(head: LoggedStreamHead): Buffer {
  if (head.revision < 0n || !Number.isSafeInteger(head.leafIndex) || head.leafIndex < 0) throw new RangeError('A stream head is a revision and a leaf index, both non-negative');
  const value = Buffer.alloc(17);
  value[0] = STREAM_HEAD_VALUE_VERSION;
  value.writeBigUInt64BE(head.revision, 1);
  value.writeBigUInt64BE(BigInt(head.leafIndex), 9);
  return value;
}

export function decodeStreamHead(value: Buffer): LoggedStreamHead {
  if (value.length !== 17 || value[0] !== STREAM_HEAD_VALUE_VERSION) throw new RangeError('Not a stream head value');
  return { revision: value.readBigUInt64BE(1), leafIndex: Number(value.readBigUInt64BE(9)) };
}

const sha256 = (bytes: Buffer): Buffer => hash('sha256', bytes, 'buffer');

export function hashMapValue(value: Buffer): Buffer {
  return sha256(value);
}

/**
 * One prefix byte and two 32-byte halves, hashed at once: a fold hashes a node for every one it
 * writes, and the bytes are laid out here instead of in two new buffers per hash.
 */
const hashInput = Buffer.alloc(1 + 2 * HASH_BYTES);

function hashPrefixed(prefix: 0x00 | 0x01, first: Buffer, second: Buffer): Buffer {
  if (first.length !== HASH_BYTES || second.length !== HASH_BYTES) return sha256(Buffer.concat([Buffer.from([prefix]), first, second]));
  hashInput[0] = prefix;
  first.copy(hashInput, 1);
  second.copy(hashInput, 1 + HASH_BYTES);
  return sha256(hashInput);
}

export function hashMapLeaf(leaf: MapLeaf): Buffer {
  return hashPrefixed(0x00, leaf.key, leaf.valueHash);
}

function hashMapNode(left: Buffer, right: Buffer): Buffer {
  return hashPrefixed(0x01, left, right);
}

/** Bit `depth` of `key`, the most significant bit of its first byte being bit 0. */
export function keyBit(key: Buffer, depth: number): 0 | 1 {
  return ((key[depth >> 3] >> (7 - (depth & 7))) & 1) as 0 | 1;
}

function sharedPrefixBits(a: Buffer, b: Buffer): number {
  let depth = 0;
  while (depth < MAX_DEPTH && keyBit(a, depth) === keyBit(b, depth)) depth++;
  return depth;
}

export function mapRoot(nodes: MapNodes): Buffer {
  return nodes.node('')?.hash ?? EMPTY_SUBTREE;
}

export interface MapUpdate {
  readonly key: Buffer;
  readonly value: Buffer;
}

/**
 * Sets every update's key to its value (one update per key: the last one given wins) and returns
 * the new root. Each node on the updated keys' paths is read and written once per call, so a
 * batch of k keys costs O(k · log streams) node reads, writes and hashes.
 */
export function updateMap(nodes: MapNodes, updates: readonly MapUpdate[]): Buffer {
  const latest = new Map<string, MapUpdate>();
  for (const update of updates) {
    if (update.key.length !== MAP_KEY_BYTES) throw new RangeError('A map key is 32 bytes');
    latest.set(update.key.toString('hex'), update);
  }
  if (latest.size === 0) return mapRoot(nodes);
  return updateSubtree(nodes, '', [...latest.values()]);
}

/** Updates the subtree at `path` (every update's key begins with it); returns its new hash. */
function updateSubtree(nodes: MapNodes, path: string, updates: readonly MapUpdate[]): Buffer {
  const node = nodes.node(path);
  if (updates.length === 0) return node?.hash ?? EMPTY_SUBTREE;
  if (node?.kind === 'inner') {
    const depth = path.length;
    const left = updateSubtree(nodes, `${path}0`, updates.filter((update) => keyBit(update.key, depth) === 0));
    const right = updateSubtree(nodes, `${path}1`, updates.filter((update) => keyBit(update.key, depth) === 1));
    const hash = hashMapNode(left, right);
    nodes.put(path, { kind: 'inner', hash });
    return hash;
  }
  // An empty subtree, or one stream's leaf: the subtree is made again from its streams.
  const leaves: { key: Buffer; valueHash: Buffer; value?: Buffer }[] = updates.map((update) => ({ key: update.key, valueHash: hashMapValue(update.value), value: update.value }));
  if (node?.kind === 'leaf' && !updates.some((update) => update.key.equals(node.key))) {
    leaves.push({ key: node.key, valueHash: node.valueHash, ...(node.value ? { value: node.value } : {}) });
  }
  return buildSubtree(nodes, path, leaves);
}

function buildSubtree(nodes: MapNodes, path: string, leaves: readonly { key: Buffer; valueHash: Buffer; value?: Buffer }[]): Buffer {
  if (leaves.length === 0) return EMPTY_SUBTREE;
  if (leaves.length === 1) {
    const leaf = leaves[0];
    const hash = hashMapLeaf(leaf);
    nodes.put(path, { kind: 'leaf', key: leaf.key, valueHash: leaf.valueHash, hash, ...(leaf.value ? { value: leaf.value } : {}) });
    return hash;
  }
  const depth = path.length;
  if (depth >= MAX_DEPTH) throw new RangeError('Two map leaves with one key');
  const left = buildSubtree(nodes, `${path}0`, leaves.filter((leaf) => keyBit(leaf.key, depth) === 0));
  const right = buildSubtree(nodes, `${path}1`, leaves.filter((leaf) => keyBit(leaf.key, depth) === 1));
  const hash = hashMapNode(left, right);
  nodes.put(path, { kind: 'inner', hash });
  return hash;
}

/** The leaf for `key`, when the map holds it. */
export function mapLookup(nodes: MapNodes, key: Buffer): (MapLeaf & { readonly value?: Buffer }) | null {
  let path = '';
  for (let node = nodes.node(path); node; node = nodes.node(path)) {
    if (node.kind === 'leaf') return node.key.equals(key) ? node : null;
    path += keyBit(key, path.length);
  }
  return null;
}

/** The proof for `key`: that the map holds it (with its value), or that it does not. */
export function mapProof(nodes: MapNodes, key: Buffer): MapProof {
  const siblings: Buffer[] = [];
  let path = '';
  let node = nodes.node(path);
  while (node?.kind === 'inner') {
    const bit = keyBit(key, path.length);
    siblings.push(nodes.node(`${path}${1 - bit}`)?.hash ?? EMPTY_SUBTREE);
    path += bit;
    node = nodes.node(path);
  }
  return { siblings: siblings.reverse(), leaf: node ? { key: node.key, valueHash: node.valueHash } : null };
}

/** The root that `proof` leads to from what its path ends at, along `key`'s bits; null if it cannot be a proof for `key`. */
function rootFromProof(key: Buffer, proof: MapProof): Buffer | null {
  const depth = proof.siblings.length;
  if (key.length !== MAP_KEY_BYTES || depth > MAX_DEPTH || !proof.siblings.every((sibling) => sibling.length === HASH_BYTES)) return null;
  let hash: Buffer;
  if (proof.leaf) {
    if (proof.leaf.key.length !== MAP_KEY_BYTES || proof.leaf.valueHash.length !== HASH_BYTES) return null;
    // The leaf must sit on the key's path at this depth.
    if (sharedPrefixBits(proof.leaf.key, key) < depth) return null;
    hash = hashMapLeaf(proof.leaf);
  } else {
    hash = EMPTY_SUBTREE;
  }
  for (let i = 0; i < depth; i++) {
    const sibling = proof.siblings[i];
    hash = keyBit(key, depth - 1 - i) === 0 ? hashMapNode(hash, sibling) : hashMapNode(sibling, hash);
  }
  return hash;
}

/** Whether `proof` shows that the map with `root` holds `key` with `value`. */
export function verifyMapMembership(root: Buffer, key: Buffer, value: Buffer, proof: MapProof): boolean {
  if (!proof.leaf || !proof.leaf.key.equals(key) || !proof.leaf.valueHash.equals(hashMapValue(value))) return false;
  const computed = rootFromProof(key, proof);
  return computed !== null && computed.equals(root);
}

/** Whether `proof` shows that the map with `root` does not hold `key`. */
export function verifyMapNonMembership(root: Buffer, key: Buffer, proof: MapProof): boolean {
  if (proof.leaf?.key.equals(key)) return false;
  const computed = rootFromProof(key, proof);
  return computed !== null && computed.equals(root);
}

/** A map's nodes in memory: for verifiers that rebuild the map from the events, and for specs. */
export class MemoryMapNodes implements MapNodes {
  readonly nodes = new Map<string, MapNode>();

  node(path: string): MapNode | null {
    return this.nodes.get(path) ?? null;
  }

  put(path: string, node: MapNode): void {
    this.nodes.set(path, node);
  }
}

/** The extension line for a map root. */
export function streamHeadsLine(root: Buffer): string {
  return `${STREAM_HEADS_EXTENSION} ${root.toString('base64')}`;
}

/**
 * The map root a checkpoint's extension lines commit to; null when it carries none (a checkpoint
 * signed before the log kept the map). Throws RangeError on a malformed or repeated line.
 */
export function streamHeadsRootOf(extensions: readonly string[] | undefined): Buffer | null {
  const lines = (extensions ?? []).filter((line) => line.startsWith(`${STREAM_HEADS_EXTENSION} `) || line === STREAM_HEADS_EXTENSION);
  if (lines.length === 0) return null;
  if (lines.length > 1) throw new RangeError('The checkpoint carries two stream-heads lines');
  const encoded = lines[0].slice(STREAM_HEADS_EXTENSION.length + 1);
  const root = Buffer.from(encoded, 'base64');
  if (root.length !== HASH_BYTES || root.toString('base64') !== encoded) throw new RangeError('Malformed stream-heads line');
  return root;
}

import { hash } from 'node:crypto';
import { LEAF_HASH_PREFIX } from './merkle.js';

/**
 * What one leaf of the log commits to: an event's place (stream, revision), its id, and its chain
 * `hash`, which already covers the stored data and metadata. Never the plaintext of anything: the
 * chain hash covers the patron's ciphertext, so a shredded key leaves every proof intact.
 *
 *   leaf = 0x01 (version) ‖ len‖stream ‖ len‖revision (decimal) ‖ len‖id ‖ len‖hash (64 hex)
 *
 * with each field UTF-8 after a 4-byte big-endian byte length, like the chain hash itself.
 */
export const LEAF_VERSION = 1;

export interface LeafFields {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  /** The event's chain hash as stored (64 hex digits); empty for an event that carries none. */
  readonly hash: string;
}

export function encodeLeaf(leaf: LeafFields): Buffer {
  return Buffer.from(scratch.subarray(0, writeLeaf(leaf, 0)));
}

/** MTH({encodeLeaf(leaf)}): the leaf's hash in the tree, encoded and hashed in one buffer (the log hashes every event). */
export function hashLeafOf(leaf: LeafFields): Buffer {
  scratch[0] = LEAF_HASH_PREFIX;
  return hash('sha256', scratch.subarray(0, writeLeaf(leaf, 1)), 'buffer');
}

let scratch = Buffer.allocUnsafe(1024);

/** Writes the encoding at `at` in the scratch buffer; returns where it ends. */
function writeLeaf(leaf: LeafFields, at: number): number {
  const revision = leaf.revision.toString();
  const worstCase = at + 1 + 4 * 4 + 3 * (leaf.stream.length + revision.length + leaf.id.length + leaf.hash.length);
  if (worstCase > scratch.length) scratch = Buffer.allocUnsafe(Math.max(worstCase, scratch.length * 2));
  scratch[at] = LEAF_VERSION;
  let offset = at + 1;
  for (const field of [leaf.stream, revision, leaf.id, leaf.hash]) {
    const written = scratch.write(field, offset + 4, 'utf8');
    scratch.writeUInt32BE(written, offset);
    offset += 4 + written;
  }
  return offset;
}

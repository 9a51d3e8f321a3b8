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
  const fields = [leaf.stream, leaf.revision.toString(), leaf.id, leaf.hash].map((field) => Buffer.from(field, 'utf8'));
  const out = Buffer.allocUnsafe(1 + fields.reduce((sum, field) => sum + 4 + field.length, 0));
  out[0] = LEAF_VERSION;
  let offset = 1;
  for (const field of fields) {
    offset = out.writeUInt32BE(field.length, offset);
    offset += field.copy(out, offset);
  }
  return out;
}

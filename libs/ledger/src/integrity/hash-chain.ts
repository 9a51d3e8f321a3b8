import { createHash } from 'node:crypto';

/**
 * The tamper-evident chain. Each event's metadata begins with `hash` and `prev`:
 *
 *   hash = SHA-256( len‖stream, len‖revision, len‖type, len‖prev, len‖data, len‖otherMetadata )
 *
 * where every field is UTF-8 with a 4-byte big-endian length prefix, `prev` is the previous
 * event's hash in the same stream (empty at revision 0), `data` is the stored RFC 8785 text and
 * `otherMetadata` the RFC 8785 text of the metadata without `hash` and `prev`.
 *
 * The stored metadata text is `{"hash":"<64 hex>","prev":<null|"<64 hex>">` followed by the rest of
 * the canonical metadata object, so that verification slices the stored bytes back apart and hashes
 * them without parsing or re-serialising (canonicalising in JS is several times slower than SHA-256).
 */
export const HASH_HEX_LENGTH = 64;

export interface ChainLink {
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly prev: string | null;
  /** Stored (canonical) data text. */
  readonly data: string;
  /** Canonical text of the metadata other than `hash` and `prev`. */
  readonly otherMetadata: string;
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * One buffer, one `update`: verification hashes every event in the ledger, and six small updates
 * with a length buffer each cost more than the SHA-256 itself.
 */
export function hashLink(link: ChainLink): string {
  const fields = [link.stream, link.revision.toString(), link.type, link.prev ?? '', link.data, link.otherMetadata];
  let worstCase = 0;
  for (const field of fields) worstCase += 4 + field.length * 3;
  if (worstCase > scratch.length) scratch = Buffer.allocUnsafe(Math.max(worstCase, scratch.length * 2));
  let offset = 0;
  for (const field of fields) {
    const written = scratch.write(field, offset + 4, 'utf8');
    scratch.writeUInt32BE(written, offset);
    offset += 4 + written;
  }
  return createHash('sha256').update(scratch.subarray(0, offset)).digest('hex');
}

/** Builds the stored metadata text from the chain fields and the canonical other metadata. */
export function sealMetadata(hash: string, prev: string | null, otherMetadata: string): string {
  if (!otherMetadata.startsWith('{') || !otherMetadata.endsWith('}')) {
    throw new TypeError('Metadata must be a JSON object');
  }
  const head = `{"hash":"${hash}","prev":${prev === null ? 'null' : `"${prev}"`}`;
  return otherMetadata === '{}' ? `${head}}` : `${head},${otherMetadata.slice(1)}`;
}

export interface UnsealedMetadata {
  readonly hash: string;
  readonly prev: string | null;
  readonly otherMetadata: string;
}

const HEX = /^[0-9a-f]{64}$/;

/** Splits stored metadata text back into the chain fields and the other metadata; null if malformed. */
export function unsealMetadata(metadata: string): UnsealedMetadata | null {
  const hashStart = '{"hash":"'.length;
  if (!metadata.startsWith('{"hash":"')) return null;
  const hash = metadata.slice(hashStart, hashStart + HASH_HEX_LENGTH);
  let cursor = hashStart + HASH_HEX_LENGTH;
  if (!HEX.test(hash) || !metadata.startsWith('","prev":', cursor)) return null;
  cursor += '","prev":'.length;
  let prev: string | null;
  if (metadata.startsWith('null', cursor)) {
    prev = null;
    cursor += 4;
  } else if (metadata[cursor] === '"') {
    prev = metadata.slice(cursor + 1, cursor + 1 + HASH_HEX_LENGTH);
    if (!HEX.test(prev) || metadata[cursor + 1 + HASH_HEX_LENGTH] !== '"') return null;
    cursor += HASH_HEX_LENGTH + 2;
  } else {
    return null;
  }
  const rest = metadata.slice(cursor);
  if (rest === '}') return { hash, prev, otherMetadata: '{}' };
  if (!rest.startsWith(',')) return null;
  return { hash, prev, otherMetadata: `{${rest.slice(1)}` };
}

import { hash } from 'node:crypto';

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
 * One buffer, one one-shot digest: verification hashes every event in the ledger, and six small
 * updates with a length buffer each (or a Hash object per event) cost more than the SHA-256 itself.
 */
export function hashLink(link: ChainLink): string {
  const offset = putLeadingFields(link.stream, link.revision, link.type, link.prev, link.data, link.otherMetadata.length);
  return digest(putField(link.otherMetadata, offset));
}

/**
 * The hash of a stored event, straight from its stored metadata text: the same bytes as `hashLink`
 * with `otherMetadata` = `unsealMetadata(metadata).otherMetadata`, written without building that
 * string (verification does this for every event in the ledger).
 */
export function hashStoredLink(stream: string, revision: bigint, type: string, data: string, metadata: string, seal: Seal): string {
  const offset = putLeadingFields(stream, revision, type, seal.prev, data, metadata.length);
  // otherMetadata is `{` and what follows the chain fields' comma, or `{}` when nothing follows them.
  scratch[offset + 4] = 0x7b;
  let written = 1;
  if (metadata[seal.othersAt] === ',') {
    written += scratch.write(metadata.slice(seal.othersAt + 1), offset + 5, 'utf8');
  } else {
    scratch[offset + 5] = 0x7d;
    written = 2;
  }
  scratch.writeUInt32BE(written, offset);
  return digest(offset + 4 + written);
}

/**
 * Writes the first five length-prefixed fields into the scratch buffer, grown to leave room for a
 * sixth of `lastFieldChars` UTF-16 units; returns the offset where the sixth goes.
 */
function putLeadingFields(stream: string, revision: bigint, type: string, prev: string | null, data: string, lastFieldChars: number): number {
  const revisionText = revision.toString();
  const prevText = prev ?? '';
  const worstCase = 6 * 4 + (stream.length + revisionText.length + type.length + prevText.length + data.length + lastFieldChars) * 3;
  if (worstCase > scratch.length) scratch = Buffer.allocUnsafe(Math.max(worstCase, scratch.length * 2));
  let offset = putField(stream, 0);
  offset = putField(revisionText, offset);
  offset = putField(type, offset);
  offset = putField(prevText, offset);
  return putField(data, offset);
}

/** Writes `field` as UTF-8 after its 4-byte big-endian byte length; returns the offset after it. */
function putField(field: string, offset: number): number {
  const written = scratch.write(field, offset + 4, 'utf8');
  scratch.writeUInt32BE(written, offset);
  return offset + 4 + written;
}

function digest(length: number): string {
  return hash('sha256', scratch.subarray(0, length), 'hex');
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

/** The chain fields at the start of stored metadata, and where the other members begin. */
export interface Seal {
  readonly hash: string;
  readonly prev: string | null;
  /** Index of the `,` before the first other member, or of the closing `}` when there is none. */
  readonly othersAt: number;
}

const HEX = /^[0-9a-f]{64}$/;

/** Whether `text` has the form of a hash: 64 lower-case hex digits. */
export function isHash(text: string): boolean {
  return HEX.test(text);
}

/** Reads the chain fields at the start of stored metadata text; null if malformed. */
export function readSeal(metadata: string): Seal | null {
  const seal = readSealShape(metadata);
  return seal && isHash(seal.hash) && (seal.prev === null || isHash(seal.prev)) ? seal : null;
}

/**
 * `readSeal` without checking that `hash` and `prev` are hex digits, only that they have their
 * length and place: for a verifier that compares them with hashes it computed or checked itself,
 * and checks with `isHash` only what it cannot compare (or before it reports a mismatch).
 * It decides from the first 149 characters and whether the text is longer, so a text cut to
 * `METADATA_HEAD_CHARS` reads the same as the whole (the log builds its leaves from such a cut).
 */
export function readSealShape(metadata: string): Seal | null {
  const hashStart = '{"hash":"'.length;
  if (!metadata.startsWith('{"hash":"')) return null;
  const hash = metadata.slice(hashStart, hashStart + HASH_HEX_LENGTH);
  let cursor = hashStart + HASH_HEX_LENGTH;
  if (!metadata.startsWith('","prev":', cursor)) return null;
  cursor += '","prev":'.length;
  let prev: string | null;
  if (metadata.startsWith('null', cursor)) {
    prev = null;
    cursor += 4;
  } else if (metadata[cursor] === '"' && metadata[cursor + 1 + HASH_HEX_LENGTH] === '"') {
    prev = metadata.slice(cursor + 1, cursor + 1 + HASH_HEX_LENGTH);
    cursor += HASH_HEX_LENGTH + 2;
  } else {
    return null;
  }
  const endsHere = metadata.length === cursor + 1 && metadata[cursor] === '}';
  if (!endsHere && metadata[cursor] !== ',') return null;
  return { hash, prev, othersAt: cursor };
}

/** Splits stored metadata text back into the chain fields and the other metadata; null if malformed. */
export function unsealMetadata(metadata: string): UnsealedMetadata | null {
  const seal = readSeal(metadata);
  if (!seal) return null;
  const otherMetadata = metadata[seal.othersAt] === ',' ? `{${metadata.slice(seal.othersAt + 1)}` : '{}';
  return { hash: seal.hash, prev: seal.prev, otherMetadata };
}

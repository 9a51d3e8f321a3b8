import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519 (algorithm byte 0x01), as golang.org/x/mod/sumdb/note writes it:
 *
 *   <text ending in \n>\n— <key name> <base64(key id ‖ signature)>\n
 *
 * key id = first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key); a verifier key is
 * `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. Signatures are over the text alone.
 */
const ED25519 = 0x01;
const SIGNATURE_PREFIX = '— ';
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_SIGNATURES = 100;

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

export interface NoteSigner {
  readonly name: string;
  readonly privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  readonly keyId: Buffer;
}

export interface NoteVerifier {
  readonly name: string;
  readonly publicKey: Buffer;
  readonly keyId: Buffer;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  /** base64(key id ‖ signature), as written on the line. */
  readonly base64: string;
}

export interface OpenedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A key name: non-empty, no spaces, no '+', no newlines. */
function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** The signature types this ledger reads: Ed25519 note signatures, and C2SP tlog-cosignature's timestamped Ed25519 `cosignature/v1`. */
export const NOTE_ED25519 = ED25519;
export const COSIGNATURE_V1_ED25519 = 0x04;
type KeyAlgorithm = typeof NOTE_ED25519 | typeof COSIGNATURE_V1_ED25519;

export function keyId(name: string, publicKey: Buffer, algorithm: KeyAlgorithm = ED25519): Buffer {
  return createHash('sha256').update(`${name}\n`, 'utf8').update(Buffer.from([algorithm])).update(publicKey).digest().subarray(0, 4);
}

/** The raw 32-byte public key of an Ed25519 key object. */
export function rawPublicKey(key: KeyObject): Buffer {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(SPKI_ED25519_PREFIX.length));
}

/** The key object of a raw 32-byte Ed25519 public key. */
export function publicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** An Ed25519 private key from its 32-byte seed (as Go's signer keys carry it). */
export function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new NoteError('An Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function noteSigner(name: string, privateKey: KeyObject, algorithm: KeyAlgorithm = ED25519): NoteSigner {
  if (!isKeyName(name)) throw new NoteError(`Invalid key name "${name}"`);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new NoteError('The signing key must be an Ed25519 key');
  const publicKey = rawPublicKey(privateKey);
  return { name, privateKey, publicKey, keyId: keyId(name, publicKey, algorithm) };
}

export function verifierKeyOf(key: NoteVerifier, algorithm: KeyAlgorithm = ED25519): string {
  return `${key.name}+${key.keyId.toString('hex')}+${Buffer.concat([Buffer.from([algorithm]), key.publicKey]).toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Parses `<name>+<hex key id>+<base64(0x01 ‖ key)>`; throws NoteError unless every part agrees. */
export function parseVerifierKey(text: string, algorithm: KeyAlgorithm = ED25519): NoteVerifier {
  // base64 has '+' in its alphabet: the key is everything after the second '+'.
  const [name, hexId, ...rest] = text.trim().split('+');
  const encoded = rest.join('+');
  // Go's note.NewVerifier reads the id with strconv.ParseUint(…, 16, 32): either case of hex digits.
  if (rest.length === 0 || !name || !isKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hexId ?? '')) throw new NoteError('Malformed verifier key');
  const key = decodeBase64(encoded ?? '');
  if (!key || key.length !== 33 || key[0] !== algorithm) {
    throw new NoteError(`Malformed verifier key: not ${algorithm === ED25519 ? 'an Ed25519 key' : 'an Ed25519 cosignature/v1 key (type 0x04)'}`);
  }
  const publicKey = key.subarray(1);
  const id = keyId(name, publicKey, algorithm);
  if (id.toString('hex') !== hexId.toLowerCase()) throw new NoteError('Malformed verifier key: the key id does not match the key');
  return { name, publicKey, keyId: id };
}

function assertText(text: string): void {
  if (!text.endsWith('\n') || text.includes('\n\n') || text.startsWith('\n')) throw new NoteError('Malformed note text');
}

/** The signed note: the text, a blank line, and one signature line. Ed25519 is deterministic. */
export function signNote(text: string, signer: NoteSigner): string {
  assertText(text);
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

/** The signature line of a note signed once (e.g. by `signNote`), with its newline: to add to another copy of the same text. */
export function signatureLine(note: string): string {
  return note.slice(note.lastIndexOf('\n\n') + 2);
}

/** Splits a signed note into its text and signature lines, checking only the form. */
export function parseNote(note: string): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('Malformed note: no signature block');
  const text = note.slice(0, split + 1);
  assertText(text);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('Malformed note: too many signatures');
  const signatures = lines.map((line) => {
    const match = /^— (\S+) (\S+)$/u.exec(line);
    const bytes = match ? decodeBase64(match[2]) : null;
    if (!match || !bytes || bytes.length < 5 || !isKeyName(match[1])) throw new NoteError('Malformed note: bad signature line');
    return { name: match[1], keyId: bytes.subarray(0, 4), base64: match[2] };
  });
  return { text, signatures };
}

/**
 * The note's text, if it carries a valid signature by `verifier`. Throws NoteError when the note is
 * malformed, has no signature by that key (name and key id), or that signature does not verify.
 */
export function openNote(note: string, verifier: NoteVerifier): string {
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((sig) => sig.name === verifier.name && sig.keyId.equals(verifier.keyId));
  if (mine.length === 0) throw new NoteError(`The note carries no signature by ${verifier.name}+${verifier.keyId.toString('hex')}`);
  for (const sig of mine) {
    const signature = Buffer.from(sig.base64, 'base64').subarray(4);
    if (signature.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), publicKeyObject(verifier.publicKey), signature)) {
      throw new NoteError(`Invalid signature for key ${verifier.name}+${verifier.keyId.toString('hex')}`);
    }
  }
  return text;
}

/** The note's text if one of `verifiers` signed it; else the first one's refusal (NoteError). */
export function openNoteWithAny(note: string, verifiers: readonly NoteVerifier[]): string {
  for (const verifier of verifiers.slice(1)) {
    try {
      return openNote(note, verifier);
    } catch {
      // the next key
    }
  }
  return openNote(note, verifiers[0]);
}

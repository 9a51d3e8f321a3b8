import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type DataKeyRecord, PatronKeyStore, type PatronKeyStoreOptions, type PatronKeyStoreStats, patronKeyId, caseKeyId } from './patron-key-store.js';

/** What an event may hold about a patron: never the reference itself. */
export interface ProtectedPatronRef {
  /** HMAC-SHA-256 of the normalised reference under the library's blind-index key (hex). */
  readonly blindIndex: string;
  /** Short form of the blind index, shown to auditors. */
  readonly pseudonym: string;
  /**
   * AES-256-GCM ciphertext of the reference. `v1.<iv>.<ciphertext>.<tag>`: under the patron's key of
   * the first reading; `v2.<keyId>.<iv>.<ciphertext>.<tag>`: under the data key it names (one per case).
   */
  readonly encryptedRef: string;
}

/** A patron named without a key: what streams about the patron (not about one case) hold. */
export interface PatronIdentity {
  readonly blindIndex: string;
  readonly pseudonym: string;
}

/**
 * A case about to be opened: its id, and its data key, already durable in keys.db. Everything in
 * the case's first events that names the patron is encrypted under it, without waiting for keys.db.
 */
export interface NewCase {
  readonly caseId: string;
  /** The reference, blind-indexed and encrypted under the case's key. */
  protect(ref: string): ProtectedPatronRef;
  /** Other words naming that patron (see `protectWords`), under the same key. */
  protectWords(text: string, patron: Pick<ProtectedPatronRef, 'blindIndex'>): string;
}

const PER_PATRON = 'v1';
const PER_KEY = 'v2';

/** Card numbers and patron ids are compared without surrounding space and in one Unicode form. */
export function normalisePatronRef(ref: string): string {
  return ref.normalize('NFC').trim();
}

export function pseudonymOf(blindIndex: string): string {
  return `P-${blindIndex.slice(0, 12)}`;
}

/**
 * Protected fields: the patron reference is encrypted under a per-patron data key (so one key's
 * destruction — crypto-shredding — makes exactly that patron unreadable) and indexed by a keyed
 * HMAC (so cases can be found by patron without storing the reference).
 */
export class ProtectedFields {
  constructor(
    private readonly blindIndexKey: Buffer,
    private readonly keys: PatronKeyStore,
  ) {}

  /** Opens `keys.db` and the blind-index key in a data dir, creating both on first use. */
  static open(paths: { keysFile: string; blindIndexKeyFile: string }, options: PatronKeyStoreOptions = {}): ProtectedFields {
    if (!existsSync(paths.blindIndexKeyFile)) {
      writeFileSync(paths.blindIndexKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    chmodSync(paths.blindIndexKeyFile, 0o600);
    const key = Buffer.from(readFileSync(paths.blindIndexKeyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${paths.blindIndexKeyFile} does not hold a 32-byte key`);
    return new ProtectedFields(key, new PatronKeyStore(paths.keysFile, options));
  }

  /**
   * A new case's id with its own data key (so that each case's identity can be shredded on the case's
   * schedule), the key made ahead and durable before this resolves: the event that uses it can never
   * outlive it.
   */
  async newCase(repeatableCaseId?: string): Promise<NewCase> {
    const { caseId, keyId, key } = repeatableCaseId === undefined ? await this.keys.newCaseKey() : await this.caseKeyFor(repeatableCaseId);
    return {
      caseId,
      protect: (ref) => {
        const blindIndex = this.blindIndex(ref);
        return { blindIndex, pseudonym: pseudonymOf(blindIndex), encryptedRef: seal(key, normalisePatronRef(ref), blindIndex, keyId) };
      },
      protectWords: (text, patron) => seal(key, text, patron.blindIndex, keyId),
    };
  }

  /**
   * The key of a case whose id a repeatable request derived (an `Idempotency-Key`): made on first use
   * and durable before this resolves, like a key made ahead, and the same key when the request is sent
   * again after an append of unknown outcome, so the case it may have opened is found, not opened twice.
   */
  private async caseKeyFor(caseId: string): Promise<{ caseId: string; keyId: string; key: Buffer }> {
    const keyId = caseKeyId(caseId);
    const key = await this.keys.keyFor(keyId);
    if (!key) throw new Error(`The key of case ${caseId} was destroyed`);
    return { caseId, keyId, key };
  }

  /** keys.db's commits and keys made since it was opened. */
  get keyStats(): PatronKeyStoreStats {
    return this.keys.stats;
  }

  blindIndex(ref: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`patron-ref\u0000${normalisePatronRef(ref)}`, 'utf8').digest('hex');
  }

  /** The blind index and pseudonym of a reference, without making or touching any key. */
  identify(ref: string): PatronIdentity {
    const blindIndex = this.blindIndex(ref);
    return { blindIndex, pseudonym: pseudonymOf(blindIndex) };
  }

  /**
   * Encrypts the reference under the data key `keyId` (made on first use, durable before this
   * resolves, group-committed with others) — for a case, `caseKeyId(caseId)`, so that each case's
   * identity can be shredded on its own schedule. Without `keyId`: the patron's key of the first
   * reading (kept so that its records and specs of them can still be made).
   */
  async protect(ref: string, keyId?: string): Promise<ProtectedPatronRef> {
    const blindIndex = this.blindIndex(ref);
    const legacy = keyId === undefined || keyId === patronKeyId(blindIndex);
    if (!legacy && (keyId.includes('.') || keyId.startsWith('p-'))) throw new Error(`Not a data key id: ${keyId}`);
    const encryptedRef = await this.encrypt(normalisePatronRef(ref), blindIndex, legacy ? undefined : keyId);
    return { blindIndex, pseudonym: pseudonymOf(blindIndex), encryptedRef };
  }

  /**
   * Encrypts other words that name the patron (their own name when they ask about their own records,
   * the details of their identification) under the same per-case key as their reference, so that a
   * shred of the case key takes them too. `reveal` opens them like the reference.
   */
  async protectWords(text: string, protectedRef: Pick<ProtectedPatronRef, 'blindIndex' | 'encryptedRef'>): Promise<string> {
    const keyId = keyIdOfCiphertext(protectedRef.blindIndex, protectedRef.encryptedRef);
    if (keyId === null || keyId.startsWith('p-')) throw new Error('Words are protected only under a per-case data key');
    return this.encrypt(text, protectedRef.blindIndex, keyId);
  }

  /** AES-256-GCM under the data key `keyId` (the first reading's patron key when undefined). */
  private async encrypt(plaintext: string, blindIndex: string, keyId: string | undefined): Promise<string> {
    const key = await this.keys.keyFor(keyId ?? patronKeyId(blindIndex));
    if (!key) throw new PatronShreddedError(pseudonymOf(blindIndex));
    return seal(key, plaintext, blindIndex, keyId);
  }

  /** The key a stored ciphertext is under (`p-<blindIndex>` for the first reading's), or null when it is not ours. */
  keyIdOf(blindIndex: string, encryptedRef: string): string | null {
    return keyIdOfCiphertext(blindIndex, encryptedRef);
  }

  /** The clear reference, or null when its key has been shredded or the ciphertext is not this patron's. */
  reveal(blindIndex: string, encryptedRef: string): string | null {
    const parsed = parseCiphertext(blindIndex, encryptedRef);
    if (!parsed) return null;
    const key = this.keys.existingKey(parsed.keyId);
    if (!key) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64url'));
      decipher.setAAD(associatedData(blindIndex, parsed.legacy ? undefined : parsed.keyId));
      decipher.setAuthTag(Buffer.from(parsed.tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parsed.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /**
   * A document's bytes (an attachment) encrypted under the data key `keyId` (a case's: shredded with the
   * case's identity), with `context` (which case and attachment) bound in as associated data, so that
   * stored bytes moved to another attachment fail to open. `DLB1 ‖ iv(12) ‖ tag(16) ‖ ciphertext`.
   */
  async sealBytes(plaintext: Buffer, keyId: string, context: string): Promise<Buffer> {
    const key = await this.keys.keyFor(keyId);
    if (!key) throw new DataKeyShreddedError(keyId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${keyId}\u0000${context}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([SEALED_BYTES_MAGIC, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** The bytes `sealBytes` sealed, or null when the key is destroyed or the bytes are not those sealed under this context. */
  openBytes(sealed: Buffer, keyId: string, context: string): Buffer | null {
    if (sealed.length < 32 || !sealed.subarray(0, 4).equals(SEALED_BYTES_MAGIC)) return null;
    const key = this.keys.existingKey(keyId);
    if (!key) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
      decipher.setAAD(Buffer.from(`${keyId}\u0000${context}`, 'utf8'));
      decipher.setAuthTag(sealed.subarray(16, 32));
      return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
    } catch {
      return null;
    }
  }

  /** Crypto-shredding of the first reading: destroys the patron's own key. */
  shred(ref: string): { pseudonym: string; shredded: boolean } {
    const blindIndex = this.blindIndex(ref);
    return { pseudonym: pseudonymOf(blindIndex), shredded: this.keys.shred(patronKeyId(blindIndex)) !== null };
  }

  /** Destroys one data key; the fingerprint of the key destroyed now, or null when none was live. */
  shredKey(keyId: string, at?: Date): string | null {
    return this.keys.shred(keyId, at);
  }

  /** The key's record in keys.db (null: never held here). */
  keyRecord(keyId: string): DataKeyRecord | null {
    return this.keys.record(keyId);
  }

  isShredded(blindIndex: string): boolean {
    return this.keys.record(patronKeyId(blindIndex))?.shreddedAt != null;
  }

  close(): void {
    this.keys.close();
  }
}

export class PatronShreddedError extends Error {
  override readonly name = 'PatronShreddedError';
  constructor(readonly pseudonym: string) {
    super(`The identity of patron ${pseudonym} has been shredded; no new records can be linked to it`);
  }
}

/** A data key was destroyed: nothing new can be encrypted under it. */
export class DataKeyShreddedError extends Error {
  override readonly name = 'DataKeyShreddedError';
  constructor(readonly keyId: string) {
    super('The identity of this case has been shredded; nothing new can be stored under its key');
  }
}

const SEALED_BYTES_MAGIC = Buffer.from('DLB1', 'ascii');

/** AES-256-GCM of `plaintext` under `key`, in the stored form (`v1.…` for the first reading's patron key, `v2.<keyId>.…`). */
function seal(key: Buffer, plaintext: string, blindIndex: string, keyId: string | undefined): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The blind index (and key id) are bound in as associated data: a ciphertext moved to another patron or case fails to open.
  cipher.setAAD(associatedData(blindIndex, keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return (keyId === undefined ? [PER_PATRON, ...parts] : [PER_KEY, keyId, ...parts]).join('.');
}

function associatedData(blindIndex: string, keyId: string | undefined): Buffer {
  return Buffer.from(keyId === undefined ? blindIndex : `${blindIndex}\u0000${keyId}`, 'utf8');
}

interface ParsedCiphertext {
  readonly legacy: boolean;
  readonly keyId: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

function parseCiphertext(blindIndex: string, encryptedRef: string): ParsedCiphertext | null {
  const parts = encryptedRef.split('.');
  if (parts[0] === PER_PATRON && parts.length === 4) {
    const [, iv, ciphertext, tag] = parts as [string, string, string, string];
    return iv && tag ? { legacy: true, keyId: patronKeyId(blindIndex), iv, ciphertext, tag } : null;
  }
  if (parts[0] === PER_KEY && parts.length === 5) {
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    return keyId && iv && tag && !keyId.startsWith('p-') ? { legacy: false, keyId, iv, ciphertext, tag } : null;
  }
  return null;
}

/** Pure: the id of the key a stored ciphertext is under (`p-<blindIndex>` for the first reading's), or null. */
export function keyIdOfCiphertext(blindIndex: string, encryptedRef: string): string | null {
  return parseCiphertext(blindIndex, encryptedRef)?.keyId ?? null;
}

/**
 * The key a case's patron identities are under: its patron's ciphertext's key (`p-<blindIndex>` for the
 * first reading's), or, on a request about a resource or a transaction that names no single patron,
 * the case's own key, under which the patrons attached to it are encrypted.
 */
export function identityKeyIdOf(state: { readonly caseId: string; readonly patron?: { readonly blindIndex: string; readonly encryptedRef: string } }): string {
  const { patron } = state;
  if (patron === undefined) return caseKeyId(state.caseId);
  return keyIdOfCiphertext(patron.blindIndex, patron.encryptedRef) ?? patronKeyId(patron.blindIndex);
}

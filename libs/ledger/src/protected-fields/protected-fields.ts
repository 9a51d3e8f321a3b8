import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PatronKeyStore } from './patron-key-store.js';

/** What an event may hold about a patron: never the reference itself. */
export interface ProtectedPatronRef {
  /** HMAC-SHA-256 of the normalised reference under the library's blind-index key (hex). */
  readonly blindIndex: string;
  /** Short form of the blind index, shown to auditors. */
  readonly pseudonym: string;
  /** AES-256-GCM ciphertext of the reference under the patron's own data key. */
  readonly encryptedRef: string;
}

const CIPHER_VERSION = 'v1';

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
  static open(paths: { keysFile: string; blindIndexKeyFile: string }): ProtectedFields {
    if (!existsSync(paths.blindIndexKeyFile)) {
      writeFileSync(paths.blindIndexKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    chmodSync(paths.blindIndexKeyFile, 0o600);
    const key = Buffer.from(readFileSync(paths.blindIndexKeyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${paths.blindIndexKeyFile} does not hold a 32-byte key`);
    return new ProtectedFields(key, new PatronKeyStore(paths.keysFile));
  }

  blindIndex(ref: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`patron-ref\u0000${normalisePatronRef(ref)}`, 'utf8').digest('hex');
  }

  /** Resolves once the patron's key is durable (made on first use, group-committed with others). */
  async protect(ref: string): Promise<ProtectedPatronRef> {
    const blindIndex = this.blindIndex(ref);
    const key = await this.keys.keyFor(blindIndex);
    if (!key) throw new PatronShreddedError(pseudonymOf(blindIndex));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The blind index is bound in as associated data: a ciphertext moved to another patron fails to open.
    cipher.setAAD(Buffer.from(blindIndex, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(normalisePatronRef(ref), 'utf8'), cipher.final()]);
    const encryptedRef = [CIPHER_VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
    return { blindIndex, pseudonym: pseudonymOf(blindIndex), encryptedRef };
  }

  /** The clear reference, or null when the patron's key has been shredded or the ciphertext is not theirs. */
  reveal(blindIndex: string, encryptedRef: string): string | null {
    const key = this.keys.existingKey(blindIndex);
    if (!key) return null;
    const [version, iv, ciphertext, tag] = encryptedRef.split('.');
    if (version !== CIPHER_VERSION || !iv || ciphertext === undefined || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(blindIndex, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** Crypto-shredding: destroys the patron's data key. */
  shred(ref: string): { pseudonym: string; shredded: boolean } {
    const blindIndex = this.blindIndex(ref);
    return { pseudonym: pseudonymOf(blindIndex), shredded: this.keys.shred(blindIndex) };
  }

  isShredded(blindIndex: string): boolean {
    return this.keys.isShredded(blindIndex);
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

import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { rawPublicKey } from './signed-note.js';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** Whether this call made the key (first start). */
  readonly created: boolean;
  /** Whether the file can be read by anyone but its owner. */
  readonly exposed: boolean;
}

/**
 * The log's Ed25519 signing key: a PKCS #8 PEM file, mode 0600, made on first use. Made with an
 * exclusive create, so that two instances starting together on one keys dir end up with one key.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  let created = false;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds a ${privateKey.asymmetricKeyType} key; the log signs with Ed25519`);
  return { privateKey, created, exposed: (statSync(file).mode & 0o077) !== 0 };
}

/** The origin when none is configured: unique to the library's key, the same on every instance that shares it. */
export function defaultOrigin(privateKey: KeyObject): string {
  return `disclosure-ledger/${createHash('sha256').update(rawPublicKey(privateKey)).digest('hex').slice(0, 16)}`;
}

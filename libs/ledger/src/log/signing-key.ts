import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { rawPublicKey } from './signed-note.js';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** The log origin written in the key file when it was made (`Log origin: …`); null in a key made before the ledger wrote one. */
  readonly recordedOrigin: string | null;
  /** Whether this call made the key (first start). */
  readonly created: boolean;
  /** Whether the file can be read by anyone but its owner. */
  readonly exposed: boolean;
}

/** PEM allows explanatory text before `-----BEGIN`: the key file names the log it signs for, and goes wherever the key goes (backups, restores). */
const ORIGIN_LINE = /^Log origin: (\S+)\r?\n/;

/** A signing key file: the Ed25519 key and the origin it records. */
export function readSigningKey(file: string): Omit<SigningKey, 'created' | 'exposed'> {
  const pem = readFileSync(file, 'utf8');
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds a ${privateKey.asymmetricKeyType} key; the log signs with Ed25519`);
  return { privateKey, recordedOrigin: ORIGIN_LINE.exec(pem)?.[1] ?? null };
}

/** The PEM text of a new signing key file for `origin`. */
export function signingKeyFileText(privateKey: KeyObject, origin: string | null): string {
  return `${origin ? `Log origin: ${origin}\n` : ''}${privateKey.export({ format: 'pem', type: 'pkcs8' }) as string}`;
}

/**
 * The log's Ed25519 signing key: a PKCS #8 PEM file, mode 0600, made on first use (recording
 * `originForNewKey`). Made with an exclusive create, so that two instances starting together on one
 * keys dir end up with one key.
 */
export function loadOrCreateSigningKey(file: string, originForNewKey: string | null = null): SigningKey {
  let created = false;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, signingKeyFileText(privateKey, originForNewKey), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { ...readSigningKey(file), created, exposed: (statSync(file).mode & 0o077) !== 0 };
}

/** The origin earlier versions derived from the key when none was configured: what a key file without an origin line signed under. */
export function keyDerivedOrigin(privateKey: KeyObject): string {
  return `disclosure-ledger/${createHash('sha256').update(rawPublicKey(privateKey)).digest('hex').slice(0, 16)}`;
}

/**
 * The origin a log signs under, so that a restart, a new public URL or a new key never changes it:
 * the configured one (`LEDGER_LOG_ORIGIN`); else the one its kept checkpoints carry; else the one
 * its key file records; else (a key made by an earlier version, which never signed) the origin that
 * version derived from the key.
 */
export function resolveLogOrigin(parts: { configured?: string | undefined; kept: string | null; key: Pick<SigningKey, 'privateKey' | 'recordedOrigin'> }): string {
  return parts.configured ?? parts.kept ?? parts.key.recordedOrigin ?? keyDerivedOrigin(parts.key.privateKey);
}

/** The origin a new ledger takes from its public URL: host and path, without the scheme (`https://library.example/ledger` → `library.example/ledger`). */
export function originOfPublicUrl(publicUrl: string): string {
  try {
    const url = new URL(publicUrl);
    return `${url.host}${url.pathname}`.replace(/\/+$/, '') || 'localhost';
  } catch {
    return 'localhost';
  }
}

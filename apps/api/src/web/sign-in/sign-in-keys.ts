import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LedgerConfig, makePrivateDir } from '@ledger/ledger';
import { LEDGER_CONFIG } from '../../infrastructure/tokens.js';

/** The file in the keys dir that every instance shares, so a cookie one instance made is good on all of them. */
export const WEB_COOKIE_KEY_FILE = 'web-cookie.key';

/**
 * Keys for what the sign-in hands a browser to keep: the device cookie's HMAC and the sealed state of a
 * single sign-on in progress. Both are derived (HKDF) from one random key in the keys dir, made on first start.
 */
@Injectable()
export class SignInKeys {
  readonly deviceCookie: Buffer;
  readonly singleSignOnState: Buffer;

  constructor(@Inject(LEDGER_CONFIG) config: Pick<LedgerConfig, 'keysDir'>) {
    const root = loadOrCreateKey(join(config.keysDir, WEB_COOKIE_KEY_FILE));
    this.deviceCookie = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'disclosure-ledger device cookie', 32));
    this.singleSignOnState = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'disclosure-ledger single sign-on state', 32));
  }
}

function loadOrCreateKey(file: string): Buffer {
  if (!existsSync(file)) {
    makePrivateDir(join(file, '..'));
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another instance made it first
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}

/** AES-256-GCM: what the browser keeps, it can neither read nor change. */
export function seal(key: Buffer, value: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or null for anything this key did not seal (malformed, changed, or from another key). */
export function unseal(key: Buffer, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

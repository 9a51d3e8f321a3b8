import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { newSecretBytes } from '../command-handling/command-scope.js';

const TOKEN_PREFIX = 'dl_';

/** A bearer token: 256 random bits. Only its SHA-256 is ever recorded. */
export function newTokenSecret(): { token: string; tokenId: string; tokenSha256: string } {
  // Inside a repeatable request (an Idempotency-Key) a resend makes the same token again: see newSecretBytes.
  const token = TOKEN_PREFIX + newSecretBytes(32).toString('base64url');
  return { token, tokenId: newSecretBytes(8).toString('hex'), tokenSha256: sha256Hex(token) };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length === TOKEN_PREFIX.length + 43;
}

/**
 * Hands an admin token over in a file only this account may read (0600), flushed to disk. The first start
 * creates it (`replace: false`: an existing file is never overwritten); `ledger admin-token --reset`
 * replaces it whole (a new file renamed over the old, so no reader ever sees half a token).
 */
export function writeAdminTokenFile(file: string, token: string, options: { readonly replace: boolean }): void {
  const target = options.replace ? `${file}.${randomBytes(6).toString('hex')}.new` : file;
  const fd = openSync(target, 'wx', 0o600);
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (options.replace) renameSync(target, file);
}

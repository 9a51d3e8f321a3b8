import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: HMAC-SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code from the step before or after is accepted too: a phone's clock a little off, a code typed as it rolls over. */
const WINDOW = 1;

/** A new 160-bit secret (RFC 4226's recommended length), as the base32 text apps accept. */
export function newTotpSecret(): string {
  return new Secret({ buffer: randomBytes(20).buffer }).base32;
}

function totp(secret: string, label = 'ledger', issuer = 'Disclosure Ledger', digits = TOTP_DIGITS): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The `otpauth://totp/…` URI the QR code carries. */
export function totpUri(secret: string, label: string, issuer: string): string {
  return totp(secret, label, issuer).toString();
}

/** The code for an instant (tests, and the RFC's vectors with `digits` 8). */
export function totpCode(secret: string, at: Date, digits = TOTP_DIGITS): string {
  return totp(secret, undefined, undefined, digits).generate({ timestamp: at.getTime() });
}

/**
 * The time step a code is right for, at `at` (within one step either way), or null. The caller keeps the
 * last step accepted and refuses any step not after it, so that each code signs in once.
 */
export function totpStepOf(secret: string, code: string, at: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

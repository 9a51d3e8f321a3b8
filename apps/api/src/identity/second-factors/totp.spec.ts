import { Secret } from 'otpauth';
import { newTotpSecret, totpCode, totpStepOf, totpUri } from './totp.js';

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
const RFC_SECRET = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer }).base32;
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1, 30-second steps)', () => {
  it.each(RFC_VECTORS)('at T=%i s the 8-digit code is %s, and the 6-digit code is its last six digits', (seconds, expected) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(RFC_SECRET, at, 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, at)).toBe(expected.slice(2));
    expect(totpStepOf(RFC_SECRET, expected.slice(2), at)).toBe(Math.floor(seconds / 30));
  });

  it('accepts a code from one step before or after, and names that step; refuses older, garbled or wrong codes', () => {
    const at = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 90_000)), at)).toBeNull();
    expect(totpStepOf(RFC_SECRET, '050471', at)).toBe(step);
    expect(totpStepOf(RFC_SECRET, '050 471', at)).toBe(step);
    expect(totpStepOf(RFC_SECRET, '050472', at)).toBeNull();
    expect(totpStepOf(RFC_SECRET, '05047', at)).toBeNull();
    expect(totpStepOf(RFC_SECRET, 'abcdef', at)).toBeNull();
  });

  it('makes a fresh 160-bit secret each time, and a URI authenticator apps read (SHA1, 6 digits, 30 s)', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'dana', 'Disclosure Ledger'));
    expect(uri.protocol).toBe('otpauth:');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, issuer: 'Disclosure Ledger', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});

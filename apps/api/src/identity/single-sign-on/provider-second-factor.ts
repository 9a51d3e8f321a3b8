/**
 * Authentication method references (RFC 8176) that show the provider asked for more than a password:
 * `mfa` (several factors), `otp`, `hwk`/`swk` (a hardware or software key, e.g. a passkey), `fpt`/`face`/`iris`
 * (biometrics, which a provider only offers unlocking a key), `sc` (a smart card), `sms`/`tel` (a code by phone).
 */
export const SECOND_FACTOR_AMR = ['mfa', 'otp', 'hwk', 'swk', 'fpt', 'face', 'iris', 'sc', 'sms', 'tel'] as const;

/** Whether an ID token's `amr` claim shows a second factor; anything but an array of strings shows none. */
export function secondFactorInAmr(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((method) => typeof method === 'string' && (SECOND_FACTOR_AMR as readonly string[]).includes(method));
}

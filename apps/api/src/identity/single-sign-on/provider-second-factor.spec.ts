import { secondFactorInAmr } from './provider-second-factor.js';

describe('secondFactorInAmr', () => {
  it('given a provider that asked for a code, a key or several factors, then the second factor counts', () => {
    expect(secondFactorInAmr(['pwd', 'mfa'])).toBe(true);
    expect(secondFactorInAmr(['pwd', 'otp'])).toBe(true);
    expect(secondFactorInAmr(['hwk'])).toBe(true);
    expect(secondFactorInAmr(['swk', 'fpt'])).toBe(true);
  });

  it('given a password alone, no amr, or an amr that is not a list of strings, then it does not count', () => {
    expect(secondFactorInAmr(['pwd'])).toBe(false);
    expect(secondFactorInAmr(undefined)).toBe(false);
    expect(secondFactorInAmr('mfa')).toBe(false);
    expect(secondFactorInAmr([{ mfa: true }])).toBe(false);
    expect(secondFactorInAmr([])).toBe(false);
  });
});

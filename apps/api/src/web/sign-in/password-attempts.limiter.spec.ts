import { ACCOUNT_FAILURES_ALLOWED, ACCOUNT_WINDOW_MS, PasswordAttemptsLimiter } from './password-attempts.limiter.js';

describe('password attempts per account', () => {
  let now = 0;
  const limiter = () => new PasswordAttemptsLimiter({ now: () => new Date(now) });
  beforeEach(() => {
    now = Date.parse('2026-03-01T09:00:00Z');
  });

  it('given four wrong passwords, when a fifth comes, then the account is locked for 15 minutes and then free again', () => {
    const attempts = limiter();
    for (let i = 1; i < ACCOUNT_FAILURES_ALLOWED; i++) attempts.recordFailure('ada');
    expect(attempts.isLocked('ada')).toBe(false);
    attempts.recordFailure('ada');
    expect(attempts.isLocked('ada')).toBe(true);
    expect(attempts.isLocked('grace')).toBe(false);
    now += ACCOUNT_WINDOW_MS;
    expect(attempts.isLocked('ada')).toBe(false);
  });

  it('given failures spread over more than the window, then they do not add up', () => {
    const attempts = limiter();
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED * 2; i++) {
      attempts.recordFailure('ada');
      if ((i + 1) % (ACCOUNT_FAILURES_ALLOWED - 1) === 0) now += ACCOUNT_WINDOW_MS;
    }
    expect(attempts.isLocked('ada')).toBe(false);
  });

  it('given a successful sign-in, then earlier failures are forgotten', () => {
    const attempts = limiter();
    for (let i = 1; i < ACCOUNT_FAILURES_ALLOWED; i++) attempts.recordFailure('ada');
    attempts.recordSuccess('ada');
    attempts.recordFailure('ada');
    expect(attempts.isLocked('ada')).toBe(false);
  });
});

import { ACCOUNT_FAILURES_ALLOWED, ACCOUNT_WINDOW_MS, DEVICE_FAILURES_ALLOWED, FREE_FAILURES, PasswordAttemptsLimiter } from './password-attempts.limiter.js';

describe('password attempts per account, with device cookies', () => {
  let now = 0;
  const limiter = () => new PasswordAttemptsLimiter({ now: () => new Date(now) });
  const failFromUnknownBrowsers = (attempts: PasswordAttemptsLimiter, times: number) => {
    for (let i = 0; i < times; i++) {
      const wait = attempts.wait('ada', null);
      if (wait !== null) now += wait * 1000;
      attempts.recordFailure('ada', null);
    }
  };
  beforeEach(() => {
    now = Date.parse('2026-03-01T09:00:00Z');
  });

  it('given three wrong passwords from unknown browsers, then each further one waits longer: 1 s, 2 s, 4 s', () => {
    const attempts = limiter();
    failFromUnknownBrowsers(attempts, FREE_FAILURES - 1);
    expect(attempts.wait('ada', null)).toBeNull();
    attempts.recordFailure('ada', null);
    expect(attempts.wait('ada', null)).toBe(1);
    now += 1000;
    expect(attempts.wait('ada', null)).toBeNull();
    attempts.recordFailure('ada', null);
    expect(attempts.wait('ada', null)).toBe(2);
    now += 2000;
    attempts.recordFailure('ada', null);
    expect(attempts.wait('ada', null)).toBe(4);
    expect(attempts.wait('grace', null)).toBeNull();
  });

  it('given ten wrong passwords from unknown browsers, then the username is closed to them for 15 minutes, and then open again', () => {
    const attempts = limiter();
    failFromUnknownBrowsers(attempts, ACCOUNT_FAILURES_ALLOWED);
    expect(attempts.wait('ada', null)).toBe(ACCOUNT_WINDOW_MS / 1000);
    now += ACCOUNT_WINDOW_MS;
    expect(attempts.wait('ada', null)).toBeNull();
    attempts.recordFailure('ada', null);
    expect(attempts.wait('ada', null)).toBeNull();
  });

  it('given a stranger has closed the username, then the owner’s browser with its device cookie may still try, counted on its own', () => {
    const attempts = limiter();
    failFromUnknownBrowsers(attempts, ACCOUNT_FAILURES_ALLOWED);
    expect(attempts.wait('ada', 'owners-desk')).toBeNull();
    attempts.recordFailure('ada', 'owners-desk');
    expect(attempts.wait('ada', 'owners-desk')).toBeNull();
    attempts.recordSuccess('ada', 'owners-desk');
    // The owner's success forgets the device's failures, not the stranger's.
    expect(attempts.wait('ada', null)).not.toBeNull();
  });

  it('given a device cookie that sends ten wrong passwords, then it counts as an unknown browser until the window is over', () => {
    const attempts = limiter();
    for (let i = 0; i < DEVICE_FAILURES_ALLOWED; i++) attempts.recordFailure('ada', 'stolen-laptop');
    expect(attempts.wait('ada', 'stolen-laptop')).toBeNull();
    failFromUnknownBrowsers(attempts, ACCOUNT_FAILURES_ALLOWED);
    expect(attempts.wait('ada', 'stolen-laptop')).not.toBeNull();
    expect(attempts.wait('ada', 'another-desk')).toBeNull();
  });

  it('given a sign-in from an unknown browser, then the username’s earlier failures are forgotten', () => {
    const attempts = limiter();
    failFromUnknownBrowsers(attempts, FREE_FAILURES);
    attempts.recordSuccess('ada', null);
    attempts.recordFailure('ada', null);
    expect(attempts.wait('ada', null)).toBeNull();
  });
});

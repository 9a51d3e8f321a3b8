import { ACCOUNT_FAILURES_ALLOWED, ACCOUNT_WINDOW_MS, DEVICE_FAILURES_ALLOWED, FREE_FAILURES, maxWait, PasswordAttemptsLimiter, waitFromRecords } from './password-attempts.limiter.js';

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

describe('the per-account wait over every instance’s access records', () => {
  const now = Date.parse('2026-03-01T09:00:10Z');
  const at = (seconds: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + seconds * 1000).toISOString();
  const wrong = (seconds: number, device?: 'known') => ({ occurredAt: at(seconds), query: { reason: 'wrong_password', ...(device && { device }) } });

  it('given three wrong passwords from unknown browsers, newest first, then the next waits a second after the last', () => {
    expect(waitFromRecords([wrong(9.5), wrong(5), wrong(1)], now)).toBe(1);
    expect(waitFromRecords([wrong(9), wrong(5), wrong(1)], now)).toBeNull();
    expect(waitFromRecords([wrong(9.5), wrong(5)], now)).toBeNull();
  });

  it('given wrong passwords from the owner’s device, an SSO sign-in or a refusal for throttling, then they do not count', () => {
    const records = [wrong(9.5, 'known'), { occurredAt: at(9), query: { reason: 'throttled_account' } }, { occurredAt: at(9), query: { method: 'oidc', reason: 'sso_failed' } }, wrong(5), wrong(1)];
    expect(waitFromRecords(records, now)).toBeNull();
  });

  it('given a sign-in from an unknown browser after them, then earlier failures are forgotten', () => {
    expect(waitFromRecords([wrong(9.5), { occurredAt: at(9), query: { reason: 'signed_in' } }, wrong(5), wrong(3), wrong(1)], now)).toBeNull();
    expect(waitFromRecords([wrong(9.5), { occurredAt: at(9), query: { reason: 'signed_in', device: 'known' } }, wrong(5), wrong(3), wrong(1)], now)).toBe(2);
  });

  it('the longer of two waits', () => {
    expect(maxWait(null, null)).toBeNull();
    expect(maxWait(3, null)).toBe(3);
    expect(maxWait(null, 4)).toBe(4);
    expect(maxWait(5, 2)).toBe(5);
  });
});

import { FailedAuthenticationLimiter, TooManyFailedAuthentications } from './failed-authentication.limiter.js';

describe('failed authentication limiter', () => {
  const limiter = () => new FailedAuthenticationLimiter({ port: 0, authFailuresPerMinute: 2, publicUrl: 'http://localhost:0', sessionIdleMinutes: 30, signInAttemptsPerMinute: 30, timeZone: 'UTC', mfaRequiredRoles: [] });

  it('allows the limit, then refuses further failures from the address for a minute', () => {
    const subject = limiter();
    subject.recordFailure('10.0.0.1', 0);
    subject.recordFailure('10.0.0.1', 1);
    expect(() => subject.recordFailure('10.0.0.1', 2)).toThrow(TooManyFailedAuthentications);
    expect(() => subject.recordFailure('10.0.0.1', 30_000)).toThrow(TooManyFailedAuthentications);
    expect(() => subject.recordFailure('10.0.0.2', 30_000)).not.toThrow();
    expect(() => subject.recordFailure('10.0.0.1', 60_003)).not.toThrow();
  });

  it('starts a new window after a minute', () => {
    const subject = limiter();
    subject.recordFailure('a', 0);
    subject.recordFailure('a', 1);
    expect(() => subject.recordFailure('a', 60_001)).not.toThrow();
  });
});

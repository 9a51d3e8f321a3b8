import { SESSION_IDLE_MS, SESSION_MAX_MS, WebSessionStore } from './web-session.store.js';

describe('web sessions', () => {
  const user = { userId: 'u1', name: 'Ada', role: 'director' as const, passwordSetAt: '2026-03-01T08:00:00.000Z' };
  const idle30 = { sessionIdleMinutes: 30 };
  let now: number;
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2026-03-01T09:00:00Z');
  });

  it('given a session, when a request comes within 30 minutes of the last, then it lives on', () => {
    const store = new WebSessionStore(clock, idle30);
    const secret = store.start(user);
    now += SESSION_IDLE_MS - 1;
    expect(store.resume(secret)).toMatchObject({ userId: 'u1', role: 'director' });
    now += SESSION_IDLE_MS - 1;
    expect(store.resume(secret)).not.toBeNull();
  });

  it('says whether a cookie names a live session without keeping it alive (what may post a document)', () => {
    const store = new WebSessionStore(clock, idle30);
    const secret = store.start(user);
    expect([store.isLive(secret), store.isLive('not-a-session')]).toEqual([true, false]);
    now += SESSION_IDLE_MS - 1;
    expect(store.isLive(secret)).toBe(true);
    // Asking did not reset the idle clock.
    now += 1;
    expect(store.isLive(secret)).toBe(false);
  });

  it('given a session idle for 30 minutes, when a request comes, then it has ended for good', () => {
    const store = new WebSessionStore(clock, idle30);
    const secret = store.start(user);
    now += SESSION_IDLE_MS;
    expect(store.resume(secret)).toBeNull();
    now -= SESSION_IDLE_MS;
    expect(store.resume(secret)).toBeNull();
  });

  it('given a busy session, when 12 hours have passed since sign-in, then it ends anyway', () => {
    const store = new WebSessionStore(clock, idle30);
    const secret = store.start(user);
    for (let t = 20 * 60_000; t < SESSION_MAX_MS; t += 20 * 60_000) {
      now += 20 * 60_000;
      expect(store.resume(secret)).not.toBeNull();
    }
    now = Date.parse('2026-03-01T09:00:00Z') + SESSION_MAX_MS;
    expect(store.resume(secret)).toBeNull();
  });

  it('signs out one session, or every session of a user, and gives each its own CSRF token', () => {
    const store = new WebSessionStore(clock, idle30);
    const first = store.start(user);
    const second = store.start(user);
    const other = store.start({ ...user, userId: 'u2' });
    expect(store.resume(first)!.csrfToken).not.toBe(store.resume(second)!.csrfToken);
    store.end(first);
    expect(store.resume(first)).toBeNull();
    expect(store.endAllOf('u1')).toBe(1);
    expect(store.resume(second)).toBeNull();
    expect(store.resume(other)).not.toBeNull();
    expect(store.resume('made-up')).toBeNull();
  });

  it('given LEDGER_SESSION_IDLE_MINUTES=5, when a request comes 5 minutes after the last, then the session has ended', () => {
    const store = new WebSessionStore(clock, { sessionIdleMinutes: 5 });
    const secret = store.start(user);
    now += 5 * 60_000 - 1;
    expect(store.resume(secret)).not.toBeNull();
    now += 5 * 60_000;
    expect(store.resume(secret)).toBeNull();
  });
});

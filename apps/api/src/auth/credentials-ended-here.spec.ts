import { CredentialsEndedHere } from './credentials-ended-here.js';

describe('credentials this instance has ended, ahead of its views', () => {
  const at = (checkpoint: bigint | null) => {
    const views = { checkpoint };
    return { views, ended: new CredentialsEndedHere(views) };
  };

  it('given a deactivation the views have not applied, refuses the user\'s tokens, sessions and sign-ins, and no one else\'s', () => {
    const { ended } = at(10n);
    ended.record('u1', 'user', 11n);
    expect(['token', 'session', 'sign-in'].map((credential) => ended.refuses('u1', credential as 'token'))).toEqual([true, true, true]);
    expect(ended.refuses('u2', 'token')).toBe(false);
  });

  it('given a revocation, refuses tokens only; given a second-factor reset, sessions only', () => {
    const { ended } = at(null);
    ended.record('revoked', 'tokens', 5n);
    ended.record('reset', 'sessions', 6n);
    expect([ended.refuses('revoked', 'token'), ended.refuses('revoked', 'session'), ended.refuses('revoked', 'sign-in')]).toEqual([true, false, false]);
    expect([ended.refuses('reset', 'token'), ended.refuses('reset', 'session'), ended.refuses('reset', 'sign-in')]).toEqual([false, true, false]);
  });

  it('once the views have reached the ending\'s position, leaves it to them (a reactivation later is theirs to show)', () => {
    const { views, ended } = at(10n);
    ended.record('u1', 'user', 12n);
    views.checkpoint = 11n;
    expect(ended.refuses('u1', 'token')).toBe(true);
    views.checkpoint = 12n;
    expect(ended.refuses('u1', 'token')).toBe(false);
    // Forgotten, not merely passed: an older position recorded later does not bring it back once applied
    ended.record('u1', 'tokens', 12n);
    expect(ended.refuses('u1', 'token')).toBe(false);
  });

  it('keeps the latest of two endings of one kind', () => {
    const { views, ended } = at(0n);
    ended.record('u1', 'tokens', 30n);
    ended.record('u1', 'tokens', 20n);
    views.checkpoint = 25n;
    expect(ended.refuses('u1', 'token')).toBe(true);
  });
});

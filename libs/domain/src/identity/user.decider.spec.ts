import { CaseStateConflict, NotFound } from '../shared/errors.js';
import { decideUser, evolveUser, initialUserState, type UserCommand } from './user.decider.js';
import type { UserEvent } from './user.events.js';

const at = '2026-01-05T10:00:00.000Z';
const given = (...events: UserEvent[]) => events.reduce(evolveUser, initialUserState);
const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u1', name: 'Ada', role: 'staff', by: 'admin', occurredAt: at } };
const issued = (tokenId: string): UserEvent => ({
  type: 'TokenIssued',
  data: { userId: 'u1', tokenId, tokenSha256: 'f'.repeat(64), by: 'admin', occurredAt: at },
});

describe('user decider', () => {
  it('registers a new user once', () => {
    const command: UserCommand = { type: 'RegisterUser', userId: 'u1', name: 'Ada', role: 'staff', by: 'admin', occurredAt: at };
    expect(decideUser(command, given())).toEqual([registered]);
    expect(() => decideUser(command, given(registered))).toThrow(CaseStateConflict);
  });

  it('hands out the first token in the same decision as the registration', () => {
    const command: UserCommand = {
      type: 'RegisterUser', userId: 'u1', name: 'Ada', role: 'staff',
      firstToken: { tokenId: 't1', tokenSha256: 'f'.repeat(64) }, by: 'admin', occurredAt: at,
    };
    expect(decideUser(command, given())).toEqual([registered, issued('t1')]);
  });

  it('issues tokens only to a user that exists', () => {
    const command: UserCommand = { type: 'IssueToken', userId: 'u1', tokenId: 't1', tokenSha256: 'f'.repeat(64), by: 'admin', occurredAt: at };
    expect(() => decideUser(command, given())).toThrow(NotFound);
    expect(decideUser(command, given(registered))).toEqual([issued('t1')]);
  });

  it('revokes every live token, and revoked tokens stay revoked', () => {
    const state = given(registered, issued('t1'), issued('t2'));
    const [revoked] = decideUser({ type: 'RevokeTokens', userId: 'u1', by: 'admin', occurredAt: at }, state);
    expect(revoked).toEqual({ type: 'TokensRevoked', data: { userId: 'u1', tokenIds: ['t1', 't2'], by: 'admin', occurredAt: at } });
    const after = evolveUser(evolveUser(state, revoked), issued('t3'));
    expect(after.activeTokenIds).toEqual(['t3']);
  });

  it('refuses to revoke the last live admin tokens (409 LAST-ADMIN), allows it while another admin holds one', () => {
    const admin = [
      { type: 'UserRegistered', data: { userId: 'a1', name: 'Admin', role: 'admin', by: 'system', occurredAt: at } },
      { type: 'TokenIssued', data: { userId: 'a1', tokenId: 't1', tokenSha256: 'h', by: 'system', occurredAt: at } },
    ] as const;
    const state = admin.reduce((s, e) => evolveUser(s, e as never), initialUserState);
    const revoke = { type: 'RevokeTokens', userId: 'a1', by: 'a1', occurredAt: at } as const;
    expect(() => decideUser(revoke, state, { otherAdminsWithTokens: 0 })).toThrow(expect.objectContaining({ kind: 'state', rule: 'LAST-ADMIN' }));
    expect(decideUser(revoke, state, { otherAdminsWithTokens: 1 })).toHaveLength(1);
  });

  describe('web password through an enrollment link', () => {
    const link = (enrollmentId: string, expiresAt = '2026-01-06T10:00:00.000Z'): UserEvent => ({
      type: 'EnrollmentLinkIssued',
      data: { userId: 'u1', enrollmentId, expiresAt, by: 'admin', occurredAt: at },
    });
    const setWith = (enrollmentId: string, occurredAt = '2026-01-05T11:00:00.000Z'): UserCommand => ({ type: 'SetPassword', userId: 'u1', enrollmentId, occurredAt });

    it('records a username given at registration', () => {
      const [event] = decideUser({ type: 'RegisterUser', userId: 'u1', name: 'Ada', role: 'staff', username: 'ada', by: 'admin', occurredAt: at }, given());
      expect(event).toEqual({ type: 'UserRegistered', data: { userId: 'u1', name: 'Ada', role: 'staff', username: 'ada', by: 'admin', occurredAt: at } });
    });

    it('issues a link only to a user that exists', () => {
      const command: UserCommand = { type: 'IssueEnrollmentLink', userId: 'u1', enrollmentId: 'e1', expiresAt: '2026-01-06T10:00:00.000Z', by: 'admin', occurredAt: at };
      expect(() => decideUser(command, given())).toThrow(NotFound);
      expect(decideUser(command, given(registered))).toEqual([link('e1')]);
    });

    it('records that the user set the password, by the user, and never a hash', () => {
      const events = decideUser(setWith('e1'), given(registered, link('e1')));
      expect(events).toEqual([{ type: 'PasswordSet', data: { userId: 'u1', enrollmentId: 'e1', reset: false, by: 'u1', occurredAt: '2026-01-05T11:00:00.000Z' } }]);
      expect(JSON.stringify(events)).not.toMatch(/hash|scrypt|password"/i);
    });

    it('uses a link once: a second use, or any older link, is refused', () => {
      const afterSet = given(registered, link('e1'), link('e2'), ...decideUser(setWith('e2'), given(registered, link('e1'), link('e2'))));
      expect(() => decideUser(setWith('e2'), afterSet)).toThrow(CaseStateConflict);
      expect(() => decideUser(setWith('e1'), afterSet)).toThrow(CaseStateConflict);
    });

    it('refuses a link at or after its expiry, and an unknown link', () => {
      const state = given(registered, link('e1', '2026-01-06T10:00:00.000Z'));
      expect(() => decideUser(setWith('e1', '2026-01-06T10:00:00.000Z'), state)).toThrow(/expired/);
      expect(() => decideUser(setWith('nope'), state)).toThrow(CaseStateConflict);
      expect(decideUser(setWith('e1', '2026-01-06T09:59:59.999Z'), state)).toHaveLength(1);
    });

    it('marks a second password as a reset', () => {
      const first = given(registered, link('e1'), ...decideUser(setWith('e1'), given(registered, link('e1'))), link('e2'));
      const [event] = decideUser(setWith('e2'), first);
      expect(event).toMatchObject({ type: 'PasswordSet', data: { reset: true } });
    });
  });

  describe('offboarding', () => {
    const deactivate = { type: 'DeactivateUser', userId: 'u1', by: 'admin', occurredAt: at } as const;
    const later = '2026-01-06T10:00:00.000Z';
    const link = (enrollmentId: string): UserEvent => ({ type: 'EnrollmentLinkIssued', data: { userId: 'u1', enrollmentId, expiresAt: '2026-01-06T10:00:00.000Z', by: 'admin', occurredAt: at } });
    const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: 'u1', tokenIds: ['t1'], by: 'admin', occurredAt: at } };

    it('given a user with a token, a password and a link, when deactivated, then one event names the tokens and every credential ends', () => {
      const passwordSet: UserEvent = { type: 'PasswordSet', data: { userId: 'u1', enrollmentId: 'e1', reset: false, by: 'u1', occurredAt: at } };
      const state = given(registered, issued('t1'), link('e1'), passwordSet, link('e2'));
      const events = decideUser(deactivate, state);
      expect(events).toEqual([deactivated]);
      expect(evolveUser(state, deactivated)).toMatchObject({ active: false, activeTokenIds: [], openEnrollments: {}, passwordSetAt: null, lastDeactivatedAt: at });
    });

    it('given a deactivated user, then no token, no link, no password and no second deactivation', () => {
      const state = given(registered, issued('t1'), link('e1'), deactivated);
      expect(() => decideUser({ type: 'IssueToken', userId: 'u1', tokenId: 't2', tokenSha256: 'f'.repeat(64), by: 'admin', occurredAt: at }, state)).toThrow(CaseStateConflict);
      expect(() => decideUser({ type: 'IssueEnrollmentLink', userId: 'u1', enrollmentId: 'e3', expiresAt: later, by: 'admin', occurredAt: at }, state)).toThrow(CaseStateConflict);
      expect(() => decideUser({ type: 'SetPassword', userId: 'u1', enrollmentId: 'e1', occurredAt: at }, state)).toThrow(CaseStateConflict);
      expect(() => decideUser(deactivate, state)).toThrow(CaseStateConflict);
    });

    it('given a deactivated user, when reactivated, then active with no password until a new link is used', () => {
      const state = given(registered, issued('t1'), deactivated);
      const events = decideUser({ type: 'ReactivateUser', userId: 'u1', by: 'admin', occurredAt: later }, state);
      expect(events).toEqual([{ type: 'UserReactivated', data: { userId: 'u1', by: 'admin', occurredAt: later } }]);
      const after = events.reduce(evolveUser, state);
      expect(after).toMatchObject({ active: true, passwordSetAt: null, activeTokenIds: [], openEnrollments: {} });
      expect(() => decideUser({ type: 'ReactivateUser', userId: 'u1', by: 'admin', occurredAt: later }, after)).toThrow(CaseStateConflict);
    });

    it('refuses to deactivate the last active admin (409 LAST-ADMIN), allows it while another admin is active', () => {
      const admin = given({ type: 'UserRegistered', data: { userId: 'u1', name: 'Admin', role: 'admin', by: 'system', occurredAt: at } });
      expect(() => decideUser(deactivate, admin, { otherActiveAdmins: 0 })).toThrow(expect.objectContaining({ kind: 'state', rule: 'LAST-ADMIN' }));
      expect(decideUser(deactivate, admin, { otherActiveAdmins: 1 })).toHaveLength(1);
    });

    it('an unknown user is not found', () => {
      expect(() => decideUser(deactivate, given())).toThrow(NotFound);
      expect(() => decideUser({ type: 'ReactivateUser', userId: 'u1', by: 'admin', occurredAt: at }, given())).toThrow(NotFound);
    });
  });

  it('given two links issued, when the earlier is used, then it is refused: a new link voids every earlier one', () => {
    const first: UserEvent = { type: 'EnrollmentLinkIssued', data: { userId: 'u1', enrollmentId: 'e1', expiresAt: '2026-01-06T10:00:00.000Z', by: 'admin', occurredAt: at } };
    const second: UserEvent = { type: 'EnrollmentLinkIssued', data: { userId: 'u1', enrollmentId: 'e2', expiresAt: '2026-01-06T10:00:00.000Z', by: 'admin', occurredAt: at } };
    const state = given(registered, first, second);
    expect(() => decideUser({ type: 'SetPassword', userId: 'u1', enrollmentId: 'e1', occurredAt: at }, state)).toThrow(CaseStateConflict);
    expect(decideUser({ type: 'SetPassword', userId: 'u1', enrollmentId: 'e2', occurredAt: at }, state)).toHaveLength(1);
  });
  describe('second factors', () => {
    const added = (factorId: string, kind: 'totp' | 'passkey' | 'recovery_codes'): UserEvent => ({ type: 'SecondFactorAdded', data: { userId: 'u1', factorId, kind, by: 'u1', occurredAt: at } });
    const add = (factorId: string, kind: 'totp' | 'passkey' | 'recovery_codes'): UserCommand => ({ type: 'AddSecondFactor', userId: 'u1', factorId, kind, occurredAt: at });

    it('given an active user, when they add a factor they proved, then it is recorded as theirs', () => {
      expect(decideUser(add('f1', 'totp'), given(registered))).toEqual([added('f1', 'totp')]);
      expect(given(registered, added('f1', 'totp'), added('f2', 'passkey')).secondFactors).toEqual({ f1: 'totp', f2: 'passkey' });
    });

    it('keeps one authenticator app and one set of recovery codes, but any number of passkeys', () => {
      const state = given(registered, added('f1', 'totp'), added('f2', 'recovery_codes'), added('f3', 'passkey'));
      expect(() => decideUser(add('f4', 'totp'), state)).toThrow(CaseStateConflict);
      expect(() => decideUser(add('f4', 'recovery_codes'), state)).toThrow(CaseStateConflict);
      expect(() => decideUser(add('f3', 'passkey'), state)).toThrow(CaseStateConflict);
      expect(decideUser(add('f4', 'passkey'), state)).toEqual([added('f4', 'passkey')]);
    });

    it('refuses a factor to a deactivated or unknown user', () => {
      const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: 'u1', tokenIds: [], by: 'admin', occurredAt: at } };
      expect(() => decideUser(add('f1', 'totp'), given(registered, deactivated))).toThrow(CaseStateConflict);
      expect(() => decideUser(add('f1', 'totp'), given())).toThrow(NotFound);
    });

    it('given factors, when the admin resets them, then every one is named and none is left; a new app may be set up', () => {
      const state = given(registered, added('f1', 'totp'), added('f2', 'recovery_codes'));
      const events = decideUser({ type: 'ResetSecondFactors', userId: 'u1', by: 'admin', occurredAt: at }, state);
      expect(events).toEqual([{ type: 'SecondFactorsReset', data: { userId: 'u1', factorIds: ['f1', 'f2'], by: 'admin', occurredAt: at } }]);
      const after = events.reduce(evolveUser, state);
      expect(after.secondFactors).toEqual({});
      expect(decideUser(add('f5', 'totp'), after)).toEqual([added('f5', 'totp')]);
      expect(() => decideUser({ type: 'ResetSecondFactors', userId: 'u9', by: 'admin', occurredAt: at }, given())).toThrow(NotFound);
    });
  });
});

import { type AdminGuardCommand, type AdminGuardContext, decideAdminGuard, evolveAdminGuard, initialAdminGuardState } from './admin-guard.js';

const AT = '2026-03-01T10:00:00.000Z';
const clear = (userId: string, by = 'a1'): AdminGuardCommand => ({ type: 'ClearAdminRevocation', userId, by, occurredAt: AT });
const live = (liveTokensByAdmin: Record<string, string[]>): AdminGuardContext => ({ liveTokensByAdmin });

describe('the last-admin guard', () => {
  it('given two admins with live tokens, when one admin’s revocation is cleared, then those tokens count as gone', () => {
    const events = decideAdminGuard(clear('a2'), initialAdminGuardState, live({ a1: ['t1'], a2: ['t2', 't3'] }));
    expect(events).toEqual([{ type: 'AdminRevocationCleared', data: { userId: 'a2', tokenIds: ['t2', 't3'], by: 'a1', occurredAt: AT } }]);
    expect(events.reduce(evolveAdminGuard, initialAdminGuardState)).toEqual({ cleared: { a2: ['t2', 't3'] }, deactivating: {} });
  });

  it('given one admin’s revocation cleared but not yet recorded on its stream, when the other is to be revoked, then LAST-ADMIN', () => {
    const state = decideAdminGuard(clear('a2'), initialAdminGuardState, live({ a1: ['t1'], a2: ['t2'] })).reduce(evolveAdminGuard, initialAdminGuardState);
    expect(() => decideAdminGuard(clear('a1', 'a2'), state, live({ a1: ['t1'], a2: ['t2'] }))).toThrow(expect.objectContaining({ kind: 'state', rule: 'LAST-ADMIN' }));
  });

  it('given a token issued after a clearance, when another admin is revoked, then the new token keeps the library open', () => {
    const state = decideAdminGuard(clear('a2'), initialAdminGuardState, live({ a1: ['t1'], a2: ['t2'] })).reduce(evolveAdminGuard, initialAdminGuardState);
    expect(decideAdminGuard(clear('a1', 'a2'), state, live({ a1: ['t1'], a2: ['t2', 't9'] }))).toHaveLength(1);
  });

  it('given an admin whose live tokens are all cleared already, when cleared again, then nothing is recorded', () => {
    const state = { cleared: { a2: ['t2'] }, deactivating: {} };
    expect(decideAdminGuard(clear('a2'), state, live({ a1: ['t1'], a2: ['t2'] }))).toEqual([]);
  });

  describe('deactivating an admin', () => {
    const deactivate = (userId: string, by = 'a1'): AdminGuardCommand => ({ type: 'ClearAdminDeactivation', userId, by, occurredAt: AT });
    const standing = (active: Record<string, boolean>, lastDeactivatedAt: string | null = null): AdminGuardContext => ({
      liveTokensByAdmin: { a1: ['t1'], a2: ['t2'] },
      standingByAdmin: Object.fromEntries(Object.entries(active).map(([id, isActive]) => [id, { active: isActive, lastDeactivatedAt }])),
    });

    it('given two active admins, when one is deactivated, then it is cleared and its tokens count as gone', () => {
      const events = decideAdminGuard(deactivate('a2'), initialAdminGuardState, standing({ a1: true, a2: true }));
      expect(events).toEqual([{ type: 'AdminDeactivationCleared', data: { userId: 'a2', tokenIds: ['t2'], by: 'a1', occurredAt: AT } }]);
      expect(events.reduce(evolveAdminGuard, initialAdminGuardState)).toEqual({ cleared: { a2: ['t2'] }, deactivating: { a2: AT } });
    });

    it('given the only active admin, when deactivated, then LAST-ADMIN', () => {
      expect(() => decideAdminGuard(deactivate('a1'), initialAdminGuardState, standing({ a1: true, a2: false }))).toThrow(
        expect.objectContaining({ kind: 'state', rule: 'LAST-ADMIN' }),
      );
    });

    it('given one admin’s deactivation cleared but not yet on its stream, when the other is deactivated, then LAST-ADMIN', () => {
      const state = decideAdminGuard(deactivate('a2'), initialAdminGuardState, standing({ a1: true, a2: true })).reduce(evolveAdminGuard, initialAdminGuardState);
      expect(() => decideAdminGuard(deactivate('a1', 'a2'), state, standing({ a1: true, a2: true }))).toThrow(expect.objectContaining({ rule: 'LAST-ADMIN' }));
    });

    it('given an admin deactivated and then reactivated on its stream, when the other is deactivated, then it counts as active again', () => {
      const state = decideAdminGuard(deactivate('a2'), initialAdminGuardState, standing({ a1: true, a2: true })).reduce(evolveAdminGuard, initialAdminGuardState);
      expect(decideAdminGuard(deactivate('a1', 'a2'), state, standing({ a1: true, a2: true }, AT))).toHaveLength(1);
    });

    it('given a user who is not an active admin, when cleared, then nothing is recorded', () => {
      expect(decideAdminGuard(deactivate('a2'), initialAdminGuardState, standing({ a1: true, a2: false }))).toEqual([]);
    });
  });
});

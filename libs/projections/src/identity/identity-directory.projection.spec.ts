import type { UserEvent } from '@ledger/domain';
import type { ProjectedEvent } from '../runner/projection.js';
import { dumpViews, project } from '../testing/view-harness.js';
import { IdentityDirectory, identityDirectoryProjection } from './identity-directory.projection.js';

const AT = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-01T11:00:00.000Z';
let position = 0n;
const recorded = (event: UserEvent): ProjectedEvent => {
  position += 1n;
  return { stream: `user-${event.data.userId}`, revision: position, position, type: event.type, data: event.data, metadata: {}, recordedAt: new Date(AT) };
};

const history: ProjectedEvent[] = [
  { type: 'UserRegistered', data: { userId: 'u1', name: 'Dana', role: 'director', email: 'dana@library.example', by: 'a1', occurredAt: AT } },
  { type: 'TokenIssued', data: { userId: 'u1', tokenId: 't1', tokenSha256: '1'.repeat(64), by: 'a1', occurredAt: AT } },
  { type: 'EnrollmentLinkIssued', data: { userId: 'u1', enrollmentId: 'e1', expiresAt: LATER, by: 'a1', occurredAt: AT } },
  { type: 'PasswordSet', data: { userId: 'u1', enrollmentId: 'e1', reset: false, by: 'u1', occurredAt: AT } },
  { type: 'EnrollmentLinkIssued', data: { userId: 'u1', enrollmentId: 'e2', expiresAt: LATER, by: 'a1', occurredAt: AT } },
  { type: 'TokenIssued', data: { userId: 'u1', tokenId: 't2', tokenSha256: '2'.repeat(64), by: 'a1', occurredAt: AT } },
  { type: 'SecondFactorAdded', data: { userId: 'u1', factorId: 'f1', kind: 'passkey', by: 'u1', occurredAt: AT } },
  { type: 'SecondFactorAdded', data: { userId: 'u1', factorId: 'f2', kind: 'totp', by: 'u1', occurredAt: AT } },
  { type: 'UserDeactivated', data: { userId: 'u1', tokenIds: ['t1'], by: 'a1', occurredAt: LATER } },
].map((event) => recorded(event as UserEvent));

describe('identity directory view', () => {
  it('replayed twice gives the same view, and applying an event twice changes nothing', async () => {
    expect(dumpViews(await project(identityDirectoryProjection, history))).toEqual(dumpViews(await project(identityDirectoryProjection, history)));
    expect(dumpViews(await project(identityDirectoryProjection, history, 2))).toEqual(dumpViews(await project(identityDirectoryProjection, history)));
  });

  it('given a deactivation, then the user is inactive, has no password or link, and none of their tokens authenticates', async () => {
    const directory = new IdentityDirectory(await project(identityDirectoryProjection, history));
    expect(directory.findUser('u1')).toMatchObject({ active: false, passwordSetAt: null, openEnrollmentId: null, email: 'dana@library.example' });
    // t2 was issued after the event's list was read elsewhere: the view ends every token of the user all the same.
    expect(directory.findByTokenSha256('1'.repeat(64))).toBeNull();
    expect(directory.findByTokenSha256('2'.repeat(64))).toBeNull();
  });

  it('before the deactivation, the password’s instant and the latest link are what sign-in and enrollment check', async () => {
    const directory = new IdentityDirectory(await project(identityDirectoryProjection, history.slice(0, 8)));
    expect(directory.findUser('u1')).toMatchObject({ active: true, passwordSetAt: AT, openEnrollmentId: 'e2', secondFactors: ['totp', 'passkey'], secondFactorsResetAt: null });
    // Authentication reads this on every request: the owner, their role and the token, nothing more.
    const owner = directory.findByTokenSha256('2'.repeat(64));
    expect(owner).toEqual({ userId: 'u1', name: directory.findUser('u1')!.name, role: directory.findUser('u1')!.role, tokenId: 't2', tokenSha256: '2'.repeat(64) });
  });

  it('given a reactivation, then the user is active again with no password and no token, and the deactivation still ends older sessions', async () => {
    const reactivated = recorded({ type: 'UserReactivated', data: { userId: 'u1', by: 'a1', occurredAt: LATER } });
    const directory = new IdentityDirectory(await project(identityDirectoryProjection, [...history, reactivated]));
    expect(directory.findUser('u1')).toMatchObject({ active: true, passwordSetAt: null, deactivatedAt: LATER });
    expect(new IdentityDirectory(await project(identityDirectoryProjection, history.slice(0, 8))).findUser('u1')).toMatchObject({ deactivatedAt: null });
    expect(directory.findByTokenSha256('2'.repeat(64))).toBeNull();
  });

  it('given a reset of the second factors, then the user has none, and the reset’s instant ends sessions begun before it', async () => {
    const reset = recorded({ type: 'SecondFactorsReset', data: { userId: 'u1', factorIds: ['f1'], by: 'a1', occurredAt: LATER } });
    const directory = new IdentityDirectory(await project(identityDirectoryProjection, [...history.slice(0, 8), reset]));
    expect(directory.findUser('u1')).toMatchObject({ secondFactors: [], secondFactorsResetAt: LATER });
    expect(directory.listUsers()[0]).toMatchObject({ secondFactors: [] });
    expect(directory.liveSecondFactorIds('u1')).toEqual(new Set());
    expect(new IdentityDirectory(await project(identityDirectoryProjection, history.slice(0, 8))).liveSecondFactorIds('u1')).toEqual(new Set(['f1', 'f2']));
  });
});

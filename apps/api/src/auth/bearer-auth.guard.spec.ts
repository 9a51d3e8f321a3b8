import { jest } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IdentityDirectory, TokenOwner } from '@ledger/projections';
import { PositionWatch } from '@ledger/projections';
import type { AccessRecorder } from '../infrastructure/access-recorder.service.js';
import { Roles } from './authenticated-user.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { CredentialsEndedHere } from './credentials-ended-here.js';
import { FailedAuthenticationLimiter, TooManyFailedAuthentications } from './failed-authentication.limiter.js';
import { newTokenSecret } from './token-secrets.js';

class Routes {
  @Roles('admin')
  me(): void {}
}

/**
 * A token issued a moment ago, by the CLI, another instance or this one under load, is in the store
 * before it is in this instance's views: the guard must not refuse it for that.
 */
describe('bearer token guard, for a token the views have not applied yet', () => {
  const issued = newTokenSecret();
  const owner: TokenOwner = { userId: 'u1', name: 'Ada Admin', role: 'admin', tokenId: issued.tokenId, tokenSha256: issued.tokenSha256 };

  function given(views: { reached: bigint | null }, storeHead: bigint | null | 'no answer', options: { failuresPerMinute?: number } = {}) {
    const directoryRows = new Map<string, TokenOwner>();
    const watch = new PositionWatch(views.reached);
    const waits: bigint[] = [];
    const directory = { findByTokenSha256: (sha: string) => directoryRows.get(sha) ?? null } as IdentityDirectory;
    const liveViews = {
      get checkpoint() {
        return watch.position;
      },
      waitFor: (position: bigint, timeoutMs?: number) => {
        waits.push(position);
        return watch.waitFor(position, timeoutMs ?? 5000);
      },
    };
    const heads: string[] = [];
    const store = {
      headPosition: () => {
        heads.push('asked');
        return storeHead === 'no answer' ? new Promise<bigint | null>(() => undefined) : Promise.resolve(storeHead);
      },
    };
    const ended = new CredentialsEndedHere(liveViews);
    const limiter = new FailedAuthenticationLimiter({ port: 0, authFailuresPerMinute: options.failuresPerMinute ?? 100, publicUrl: 'http://localhost:0', sessionIdleMinutes: 30, signInAttemptsPerMinute: 30, timeZone: 'UTC', mfaRequiredRoles: [] });
    const guard = new BearerAuthGuard(new Reflector(), directory, limiter, {} as AccessRecorder, { now: () => new Date() }, { logPublic: false }, store, liveViews, ended);
    const request: { headers: Record<string, string>; ip: string; user?: unknown } = { headers: { authorization: `Bearer ${issued.token}` }, ip: '10.0.0.9' };
    const context = { getHandler: () => Routes.prototype.me, getClass: () => Routes, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
    /** The views worker applies a batch up to `position`, with the token's issue in it or not. */
    const viewsApply = (position: bigint, holdsTheToken = true) => {
      if (holdsTheToken) directoryRows.set(owner.tokenSha256, owner);
      watch.advance(position);
    };
    return { guard, context, request, waits, heads, viewsApply, ended, directoryRows };
  }

  it('when the views are behind the store, waits for them to reach its head, then lets the token in', async () => {
    const { guard, context, request, waits, viewsApply } = given({ reached: 10n }, 12n);
    const decided = guard.canActivate(context);
    await new Promise((resolve) => setImmediate(resolve));
    expect(waits).toEqual([12n]);
    viewsApply(12n);
    await expect(decided).resolves.toBe(true);
    expect(request.user).toEqual({ userId: 'u1', name: 'Ada Admin', role: 'admin', tokenId: issued.tokenId });
  });

  it('when the views already hold everything the store does, refuses an unknown token without waiting', async () => {
    const { guard, context, waits } = given({ reached: 12n }, 12n);
    await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedException);
    expect(waits).toEqual([]);
  });

  it('when the views reach the head and still do not know the token, refuses it', async () => {
    const { guard, context, waits, viewsApply } = given({ reached: null }, 3n);
    const decided = guard.canActivate(context);
    await new Promise((resolve) => setImmediate(resolve));
    expect(waits).toEqual([3n]);
    viewsApply(3n, false);
    await expect(decided).rejects.toThrow('The token is unknown or has been revoked');
  });

  it('from an address blocked for guessing, answers 429 without asking the store or waiting', async () => {
    // Given views that have the store's head, and an address whose first failure blocks it
    const { guard, context, heads, waits } = given({ reached: 12n }, 12n, { failuresPerMinute: 0 });
    await expect(guard.canActivate(context)).rejects.toThrow(TooManyFailedAuthentications);
    expect(heads).toEqual(['asked']);
    // Then, blocked, it is answered at once
    await expect(guard.canActivate(context)).rejects.toThrow(TooManyFailedAuthentications);
    expect(heads).toEqual(['asked']);
    expect(waits).toEqual([]);
  });

  it('when the store does not answer, refuses the unknown token once the one deadline has passed', async () => {
    jest.useFakeTimers();
    try {
      const { guard, context, heads, waits } = given({ reached: 10n }, 'no answer');
      const decided = guard.canActivate(context);
      const refused = expect(decided).rejects.toThrow(UnauthorizedException);
      await jest.advanceTimersByTimeAsync(5000);
      await refused;
      expect(heads).toEqual(['asked']);
      expect(waits).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token its views still list once this instance has recorded its revocation, and only until they apply it', async () => {
    // Given a live token in the views, and a revocation this instance recorded at 14 that the views (at 12) have not applied
    const { guard, context, heads, ended, viewsApply, directoryRows } = given({ reached: 12n }, 12n);
    viewsApply(12n);
    ended.record('u1', 'tokens', 14n);
    // Then it is refused at once, without waiting for the views
    await expect(guard.canActivate(context)).rejects.toThrow('The token is unknown or has been revoked');
    expect(heads).toEqual([]);
    // And once the views have applied the revocation, what they say decides: here, the token is gone
    directoryRows.clear();
    viewsApply(14n, false);
    await expect(guard.canActivate(context)).rejects.toThrow('The token is unknown or has been revoked');
    // A second-factor reset ends sessions, not API tokens
    directoryRows.set(owner.tokenSha256, owner);
    ended.record('u1', 'sessions', 20n);
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });
});

import { Reflector } from '@nestjs/core';
// The error filter first: it and the guard import each other, and the filter's decorators read the guard's class.
import './web-error.filter.js';
import type { DirectoryUser, IdentityDirectory } from '@ledger/projections';
import type { ActorResolver } from '../../auth/designee-roster.js';
import { CredentialsEndedHere } from '../../auth/credentials-ended-here.js';
import type { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { WebCookies } from './web-cookies.js';
import type { WebDrafts } from './web-drafts.js';
import { type WebRequest, WebSessionGuard } from './web-session.guard.js';
import { WebSessionStore } from './web-session.store.js';

/** Whom a session cookie names: only a user the directory still shows as they were when the session began, and nothing this instance has ended. */
describe('web session guard: who the cookie names', () => {
  const clock = { now: () => new Date('2026-12-08T10:00:00Z') };
  const http = { publicUrl: 'http://ledger.test', sessionIdleMinutes: 30 };
  const staff: DirectoryUser = {
    userId: 'u1', name: 'Sam Staff', role: 'staff', registeredAt: '2026-01-01T00:00:00.000Z', username: 'sam', email: null, active: true,
    passwordSetAt: null, openEnrollmentId: null, secondFactors: [], secondFactorsResetAt: null, deactivatedAt: null,
  };

  function given(directoryShows: DirectoryUser) {
    const views = { checkpoint: 10n as bigint | null };
    const ended = new CredentialsEndedHere(views);
    const sessions = new WebSessionStore(clock, http);
    let shown = directoryShows;
    const directory = { findUser: (userId: string) => (userId === shown.userId ? shown : null) } as IdentityDirectory;
    const guard = new WebSessionGuard(new Reflector(), sessions, directory, {} as ActorResolver, new WebCookies(http), {} as AccessRecorder, clock, {} as WebDrafts, ended);
    const secret = sessions.start(staff);
    const named = () => {
      const request = { headers: { cookie: `ledger_session=${secret}` } } as unknown as WebRequest;
      guard.identify(request);
      return request.webSession?.userId ?? null;
    };
    return { named, ended, views, show: (user: DirectoryUser) => (shown = user) };
  }

  it('names the user while the directory shows them as they signed in', () => {
    expect(given(staff).named()).toBe('u1');
  });

  it('ends the session at a deactivation this instance recorded, before its views have it, and it stays ended after they do', () => {
    const { named, ended, views } = given(staff);
    ended.record('u1', 'user', 11n);
    expect(named()).toBeNull();
    views.checkpoint = 11n;
    expect(named()).toBeNull();
  });

  it('ends it at a second-factor reset recorded here; a revocation of API tokens leaves it', () => {
    const revoked = given(staff);
    revoked.ended.record('u1', 'tokens', 11n);
    expect(revoked.named()).toBe('u1');
    const reset = given(staff);
    reset.ended.record('u1', 'sessions', 11n);
    expect(reset.named()).toBeNull();
  });

  it('ends a session begun before a deactivation the directory shows, even once the user is active again', () => {
    const { named, show } = given(staff);
    show({ ...staff, deactivatedAt: '2026-12-08T09:30:00.000Z' });
    expect(named()).toBeNull();
  });
});

import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@ledger/domain';
import type { IdentityDirectory } from '@ledger/projections';
import { ALLOWED_ROLES, type AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { CredentialsEndedHere } from '../../auth/credentials-ended-here.js';
import { type Clock, CLOCK, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { recordRoleRefusal } from '../../access-log/record-access.interceptor.js';
import { WebCookies } from './web-cookies.js';
import { CsrfRejected, SignInRequired } from './web-errors.js';
import { WEB_PUBLIC } from './web-page.decorator.js';
import { type PendingStep, SIGN_IN_STEP, STEP_PAGES } from '../account/sign-in-progress.js';
import { type WebSession, WebSessionStore } from './web-session.store.js';
import { WebDrafts } from './web-drafts.js';
import type { FormBody } from './web-form.js';

/** `designee`: the signed-in member of staff is an active designee now (their navigation has the case board). */
/** `webSessionSecret`: the cookie value that named the session (sign-out ends that one). */
/** `sessionSecondsLeft`: how long the session lives without another request (the page's timeout warning counts it down). */
export type WebRequest = Request & { user?: AuthenticatedUser; webSession?: WebSession; webSessionSecret?: string; designee?: boolean; sessionSecondsLeft?: number };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The web application's guard: the session cookie names the user (their role read again from the
 * identity directory on every request, so a changed role, a deactivation or a new password takes effect at once), the
 * route's `@Roles` decide as they do for the API, and every unsafe request must carry the session's CSRF
 * token (SameSite=Lax already stops cross-site posts; the token also stops same-site ones).
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessionStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    private readonly actors: ActorResolver,
    private readonly cookies: WebCookies,
    private readonly recorder: AccessRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly drafts: WebDrafts,
    private readonly ended: CredentialsEndedHere,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<WebRequest>();
    const { cookie } = this.identify(request);
    if (request.user?.role === 'staff') request.designee = (await this.actors.actorNow(request.user)).isActiveDesignee;
    if (this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, targets)) return true;
    if (!request.webSession) {
      this.keepLapsedDraft(request);
      throw new SignInRequired(cookie);
    }
    const pending = request.webSession.signIn.pending;
    if (pending && !this.reflector.getAllAndOverride<PendingStep[] | undefined>(SIGN_IN_STEP, targets)?.includes(pending)) throw new SignInRequired(false, STEP_PAGES[pending]);
    if (!SAFE_METHODS.has(request.method) && !sameToken(csrfTokenOf(request), request.webSession.csrfToken)) throw new CsrfRejected();
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed || !allowed.includes(request.webSession.role)) {
      await recordRoleRefusal(this.reflector, this.recorder, this.clock.now(), context, request.webSession);
      throw new ForbiddenException('Your role does not give you access to this page.');
    }
    if (!SAFE_METHODS.has(request.method)) this.drafts.sent(request.webSession.userId, request.path);
    return true;
  }

  /** A form posted after its session ran out is kept as the user's draft (never acted on), to be given back once they sign in again. */
  private keepLapsedDraft(request: WebRequest): void {
    if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null) return;
    const userId = this.cookies.sessionSecrets(request).map((secret) => this.sessions.lapsedUserOf(secret)).find((id) => id !== null);
    if (!userId) return;
    const body = request.body as FormBody;
    const page = typeof body._page === 'string' ? body._page : request.path;
    this.drafts.keep(userId, page, request.path, body);
  }

  /**
   * Who the session cookie names: sets `request.webSession` and `request.user` when the session is live
   * and its user is still active, with the role and the password it began with, and ends it otherwise. The error pages of addresses
   * no page matched (where no guard ran) call it too, to show the signed-in user's navigation.
   */
  identify(request: WebRequest): { cookie: boolean } {
    // Each value in turn: one planted by a sibling subdomain must not hide the user's own.
    const secrets = this.cookies.sessionSecrets(request);
    for (const secret of secrets) {
      const session = this.sessions.resume(secret);
      if (!session) continue;
      const current = this.directory.findUser(session.userId);
      // The directory is folded from the ledger on every instance: a deactivation or a new password recorded anywhere ends this session.
      // A deactivation since the session began ends it even after a reactivation (a single sign-on session has no password to differ).
      const sameStanding = current?.secondFactorsResetAt === session.secondFactorsResetAt && current.deactivatedAt === session.deactivatedAt;
      // What this instance recorded ending counts before its directory has it (CredentialsEndedHere).
      const endedHere = this.ended.refuses(session.userId, 'session');
      if (current && current.active && current.role === session.role && current.passwordSetAt === session.passwordSetAt && sameStanding && !endedHere) {
        request.webSession = session;
        request.webSessionSecret = secret;
        request.sessionSecondsLeft = this.sessions.secondsLeft(session);
        request.user = { userId: session.userId, name: current.name, role: session.role, tokenId: 'web-session' };
        break;
      }
      this.sessions.end(secret);
    }
    return { cookie: secrets.length > 0 };
  }
}

export function csrfTokenOf(request: Request): string | undefined {
  const fromBody = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

export function sameToken(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@ledger/domain';
import type { IdentityDirectory } from '@ledger/projections';
import { ALLOWED_ROLES, type AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { readCookie, SESSION_COOKIE } from './web-cookies.js';
import { CsrfRejected, SignInRequired } from './web-errors.js';
import { WEB_PUBLIC } from './web-page.decorator.js';
import { type WebSession, WebSessionStore } from './web-session.store.js';

/** `designee`: the signed-in member of staff is an active designee now (their navigation has the case board). */
export type WebRequest = Request & { user?: AuthenticatedUser; webSession?: WebSession; designee?: boolean };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The web application's guard: the session cookie names the user (their role read again from the
 * identity directory on every request, so a changed role or a removed user takes effect at once), the
 * route's `@Roles` decide as they do for the API, and every unsafe request must carry the session's CSRF
 * token (SameSite=Strict already stops cross-site posts; the token also stops same-site ones).
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessionStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<WebRequest>();
    const { cookie } = this.identify(request);
    if (request.user?.role === 'staff') request.designee = (await this.actors.actorNow(request.user)).isActiveDesignee;
    if (this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, targets)) return true;
    if (!request.webSession) throw new SignInRequired(cookie);
    if (!SAFE_METHODS.has(request.method) && !sameToken(csrfTokenOf(request), request.webSession.csrfToken)) throw new CsrfRejected();
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed || !allowed.includes(request.webSession.role)) throw new ForbiddenException('Your role does not give you access to this page.');
    return true;
  }

  /**
   * Who the session cookie names: sets `request.webSession` and `request.user` when the session is live
   * and its user still has the role it began with, and ends it otherwise. The error pages of addresses
   * no page matched (where no guard ran) call it too, to show the signed-in user's navigation.
   */
  identify(request: WebRequest): { cookie: boolean } {
    const secret = readCookie(request, SESSION_COOKIE);
    const session = secret ? this.sessions.resume(secret) : null;
    const current = session ? this.directory.findUser(session.userId) : null;
    if (session && current && current.role === session.role) {
      request.webSession = session;
      request.user = { userId: session.userId, name: current.name, role: session.role, tokenId: 'web-session' };
    } else if (secret && session) {
      this.sessions.end(secret);
    }
    return { cookie: secret !== undefined };
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

import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ledger/domain';
import type { IdentityDirectory, TokenOwner } from '@ledger/projections';
import { EVENT_STORE, type EventStore, type HttpConfig } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { type Clock, CLOCK, HTTP_CONFIG, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../infrastructure/tokens.js';
import { AccessRecorder } from '../infrastructure/access-recorder.service.js';
import { recordRoleRefusal } from '../access-log/record-access.interceptor.js';
import { TIMED_OUT, withinBound } from '../http/within-bound.js';
import { CredentialsEndedHere } from './credentials-ended-here.js';
import { FailedAuthenticationLimiter } from './failed-authentication.limiter.js';
import { ALLOWED_ROLES, type AuthenticatedUser, IS_LOG_PUBLIC, IS_PUBLIC } from './authenticated-user.js';
import { looksLikeToken, sameDigest, sha256Hex } from './token-secrets.js';
import { WEB_SESSION } from '../web/shared/web-page.decorator.js';

/**
 * How long an unknown token waits for the views to reach the store's head before it is refused: a
 * token issued a moment ago (on this instance under load, on another instance, or by the CLI) may not
 * be in this instance's views yet, and the views follow the store within a poll (250 ms) when idle.
 */
const NEW_TOKEN_CATCH_UP_MS = 5000;

/**
 * Every route but the public ones needs `Authorization: Bearer <token>` of a live token (401), and
 * the caller's role must be among the route's `@Roles` (403). A route without `@Roles` is closed to
 * everyone: forgetting to declare who may call an endpoint must fail safe.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    private readonly limiter: FailedAuthenticationLimiter,
    private readonly recorder: AccessRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HTTP_CONFIG) private readonly http: Pick<HttpConfig, 'logPublic'>,
    @Inject(EVENT_STORE) private readonly store: Pick<EventStore, 'headPosition'>,
    @Inject(LIVE_VIEWS) private readonly views: Pick<LiveViews, 'checkpoint' | 'waitFor'>,
    private readonly ended: CredentialsEndedHere,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.http.logPublic && this.reflector.getAllAndOverride<boolean>(IS_LOG_PUBLIC, targets)) return true;
    // Web pages are signed in by session cookie: their own guard decides (WebSessionGuard).
    if (this.reflector.getAllAndOverride<boolean>(WEB_SESSION, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; ip?: string; user?: AuthenticatedUser }>();
    const address = request.ip ?? 'unknown';
    const token = /^Bearer ([A-Za-z0-9_-]+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !looksLikeToken(token)) {
      this.limiter.recordFailure(address);
      throw new UnauthorizedException('A valid bearer token is required');
    }
    const presented = sha256Hex(token);
    const owner = this.directory.findByTokenSha256(presented) ?? (await this.onceViewsReachTheHead(address, () => this.directory.findByTokenSha256(presented)));
    // A revocation or deactivation this instance recorded counts before its views have it.
    if (!owner || !sameDigest(owner.tokenSha256, presented) || this.ended.refuses(owner.userId, 'token')) {
      this.limiter.recordFailure(address);
      throw new UnauthorizedException('The token is unknown or has been revoked');
    }
    request.user = { userId: owner.userId, name: owner.name, role: owner.role, tokenId: owner.tokenId };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed || !allowed.includes(owner.role)) {
      await recordRoleRefusal(this.reflector, this.recorder, this.clock.now(), context, owner);
      throw new ForbiddenException(`The ${owner.role} role may not do this`);
    }
    return true;
  }

  /**
   * Looks again once the views have what the store holds now, or null at once when they already had
   * it: a token unknown to caught-up views is refused without a wait, and so is one from an address
   * already blocked for guessing. The store's answer and the views' catching up share one deadline.
   */
  private async onceViewsReachTheHead(address: string, lookUp: () => TokenOwner | null): Promise<TokenOwner | null> {
    this.limiter.assertNotBlocked(address);
    const deadline = Date.now() + NEW_TOKEN_CATCH_UP_MS;
    const answer = await withinBound(this.store.headPosition(), NEW_TOKEN_CATCH_UP_MS).catch(() => null);
    const head = answer === TIMED_OUT ? null : answer;
    const checkpoint = this.views.checkpoint;
    if (head === null || (checkpoint !== null && checkpoint >= head)) return null;
    return (await this.views.waitFor(head, Math.max(0, deadline - Date.now()))) ? lookUp() : null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { HttpConfig } from '@ledger/ledger';
import type { DirectoryUser } from '@ledger/projections';
import { SecondFactors } from '../../identity/second-factors/second-factors.service.js';
import { type Clock, CLOCK, HTTP_CONFIG } from '../../infrastructure/tokens.js';
import { HOME } from '../shared/page.renderer.js';
import { WebCookies } from '../shared/web-cookies.js';
import { WebDrafts } from '../shared/web-drafts.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { type WebSession, WebSessionStore } from '../shared/web-session.store.js';
import { type PendingStep, STEP_PAGES } from './sign-in-progress.js';

/** A session whose last sign-in is older than this signs in again before a production, an export or a change of users. */
export const FRESH_SIGN_IN_MS = 15 * 60_000;

/**
 * The one way a web session begins, whatever the first step was (a password, or single sign-on): this
 * decides whether a second factor is asked next, or set up first, or neither. docs/security.md
 * ("Second factors") describes the hook for sign-in methods added later.
 */
@Injectable()
export class SignInCompletion {
  constructor(
    private readonly sessions: WebSessionStore,
    private readonly cookies: WebCookies,
    private readonly secondFactors: SecondFactors,
    @Inject(HTTP_CONFIG) private readonly http: Pick<HttpConfig, 'mfaRequiredRoles'>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly drafts: WebDrafts,
  ) {}

  /**
   * What the session still needs after the first step. `secondFactorDone`: the first step proved a second
   * factor already (an SSO provider's `amr` naming one): nothing more is asked.
   */
  pendingAfterFirstStep(user: Pick<DirectoryUser, 'userId' | 'role'>, secondFactorDone: boolean): PendingStep | null {
    if (secondFactorDone) return null;
    if (this.secondFactors.hasAny(user.userId)) return 'second_factor';
    return this.http.mfaRequiredRoles.includes(user.role) ? 'set_up_second_factor' : null;
  }

  /** Starts the session after the first step, sets its cookie, and sends the browser to the next step or home. */
  begin(request: WebRequest, response: Response, user: DirectoryUser, options: { secondFactorDone: boolean; singleSignOn?: WebSession['singleSignOn'] }): void {
    const pending = this.pendingAfterFirstStep(user, options.secondFactorDone);
    // Back to the form the session ended on, when one was kept for this user (web-drafts.ts).
    const draftPage = this.drafts.latestPageOf(user.userId);
    this.cookies.setSession(request, response, this.sessions.start({ ...user, singleSignOn: options.singleSignOn }, pending, draftPage));
    response.redirect(303, pending ? STEP_PAGES[pending] : (draftPage ?? HOME[user.role]));
  }

  /**
   * The second factor was given: a new session (a new cookie, so one seen before this point is worth
   * nothing), signed in now. Answers where the user was going.
   */
  complete(request: WebRequest, response: Response): string {
    const session = request.webSession!;
    this.sessions.end(request.webSessionSecret!);
    this.cookies.setSession(request, response, this.sessions.start(session));
    return session.signIn.returnTo ?? HOME[session.role];
  }

  /** Whether the session's last sign-in is recent enough for a production, an export or a change of users. */
  isFresh(request: WebRequest): boolean {
    return this.clock.now().getTime() - request.webSession!.signIn.signedInAt < FRESH_SIGN_IN_MS;
  }
}

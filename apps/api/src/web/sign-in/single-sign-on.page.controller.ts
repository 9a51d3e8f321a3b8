import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { IdentityDirectory } from '@ledger/projections';
import { OpenIdClient, type PendingSingleSignOn, type ProviderIdentity, ProviderUnavailable } from '../../identity/single-sign-on/openid-client.service.js';
import { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { type Clock, CLOCK, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { CredentialsEndedHere } from '../../auth/credentials-ended-here.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { readCookies, WebCookies } from '../shared/web-cookies.js';
import { PublicPage, WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { WebSessionStore } from '../shared/web-session.store.js';
import { DeviceCookies } from './device-cookies.js';
import { SignInCompletion } from '../account/sign-in-completion.js';
import { seal, SignInKeys, unseal } from './sign-in-keys.js';

/** How long a sign-in at the provider may take before the ledger no longer accepts its answer. */
const PENDING_MS = 10 * 60_000;
const PENDING_COOKIE = 'ledger_sso';

/** Why a single sign-on was refused: recorded as `query.reason` (with `query.method: oidc`) and said on the page. */
export type SingleSignOnRefusal = 'sso_failed' | 'sso_provider_refused' | 'sso_no_email' | 'sso_email_unverified' | 'sso_unknown_user' | 'sso_deactivated' | 'sso_ambiguous';

const REFUSAL_STATUS: Record<SingleSignOnRefusal, number> = {
  sso_failed: 400,
  sso_provider_refused: 401,
  sso_no_email: 403,
  sso_email_unverified: 403,
  sso_unknown_user: 403,
  sso_deactivated: 403,
  sso_ambiguous: 403,
};

export interface SingleSignOnRefusedPageModel {
  readonly title: string;
  readonly providerName: string;
  readonly reason: SingleSignOnRefusal | 'unavailable';
}
const SINGLE_SIGN_ON_REFUSED_PAGE = pageOf<SingleSignOnRefusedPageModel>('/sign-in/single-sign-on-refused');

/**
 * "Sign in with …": the library's OpenID provider signs the person in, and the ledger finds its own user by
 * the verified `email` the provider gives. The roles are the ledger's own; the provider decides only who
 * the person is. Every sign-in and every refusal goes in the access log (the user id when one is found,
 * never an email, a code or a token).
 */
@WebPages()
@Controller('sign-in/oidc')
export class SingleSignOnPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly cookies: WebCookies,
    private readonly sessions: WebSessionStore,
    private readonly provider: OpenIdClient,
    private readonly keys: SignInKeys,
    private readonly devices: DeviceCookies,
    private readonly recorder: AccessRecorder,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly completion: SignInCompletion,
    private readonly ended: CredentialsEndedHere,
  ) {}

  /** Sends the browser to the provider, keeping `state`, `nonce` and the PKCE verifier sealed in a short-lived cookie. */
  @Get()
  @PublicPage()
  async start(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const name = this.providerName();
    let started;
    try {
      started = await this.provider.start();
    } catch (error) {
      if (!(error instanceof ProviderUnavailable)) throw error;
      return this.unavailable(request, response, name);
    }
    const expiresAt = this.clock.now().getTime() + PENDING_MS;
    this.cookies.set(request, response, this.cookies.named(PENDING_COOKIE), seal(this.keys.singleSignOnState, { ...started.pending, expiresAt }), PENDING_MS);
    response.redirect(303, started.url);
  }

  @Get('callback')
  @PublicPage()
  async callback(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const name = this.providerName();
    const pending = this.pendingOf(request);
    this.cookies.clear(request, response, this.cookies.named(PENDING_COOKIE));
    const refuse = async (reason: SingleSignOnRefusal, userId?: string) => {
      await this.record(reason, userId);
      this.pages.send(response, request, SINGLE_SIGN_ON_REFUSED_PAGE, { title: 'You are not signed in', providerName: name, reason }, REFUSAL_STATUS[reason]);
    };
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    if (!pending) return refuse('sso_failed');
    if (typeof request.query.error === 'string') return refuse('sso_provider_refused');
    let identity: ProviderIdentity;
    try {
      identity = await this.provider.finish(query, pending);
    } catch (error) {
      if (error instanceof ProviderUnavailable) return this.unavailable(request, response, name);
      // A wrong state, nonce, verifier, issuer or signature, or a code spent already: nothing here signs in.
      return refuse('sso_failed');
    }
    if (identity.email === null) return refuse('sso_no_email');
    const holders = this.directory.listUsers().filter((user) => user.email === identity.email);
    const active = holders.filter((user) => user.active);
    if (!identity.emailVerified) return refuse('sso_email_unverified', active.length === 1 ? active[0].userId : undefined);
    if (active.length > 1) return refuse('sso_ambiguous');
    const user = active[0];
    if (!user) return holders.length > 0 ? refuse('sso_deactivated', holders.at(-1)!.userId) : refuse('sso_unknown_user');
    // Deactivated on this instance a moment ago, before its directory has it.
    if (this.ended.refuses(user.userId, 'sign-in')) return refuse('sso_deactivated', user.userId);

    await this.record('signed_in', user.userId, identity.secondFactor);
    this.cookies.clearForm(request, response);
    this.devices.issue(request, response, user.userId);
    // The provider's second factor (its `amr`) counts; without one the ledger asks for its own (docs/security.md).
    this.completion.begin(request, response, user, { secondFactorDone: identity.secondFactor, singleSignOn: { secondFactor: identity.secondFactor } });
  }

  /** 503: the provider's discovery document could not be read; nothing is recorded, since no one tried to sign in yet. */
  private unavailable(request: WebRequest, response: Response, name: string): void {
    response.setHeader('Retry-After', '60');
    this.pages.send(response, request, SINGLE_SIGN_ON_REFUSED_PAGE, { title: `${name} cannot be reached`, providerName: name, reason: 'unavailable' }, 503);
  }

  private providerName(): string {
    if (!this.provider.settings) throw new NotFoundException('Single sign-on is not configured');
    return this.provider.settings.name;
  }

  /** The sealed state this browser was given when it left for the provider, if it is still fresh. */
  private pendingOf(request: WebRequest): PendingSingleSignOn | null {
    const now = this.clock.now().getTime();
    for (const value of readCookies(request, this.cookies.named(PENDING_COOKIE))) {
      const opened = unseal(this.keys.singleSignOnState, value) as (PendingSingleSignOn & { expiresAt: number }) | null;
      if (opened && typeof opened.state === 'string' && typeof opened.nonce === 'string' && typeof opened.codeVerifier === 'string' && opened.expiresAt > now) {
        return { state: opened.state, nonce: opened.nonce, codeVerifier: opened.codeVerifier };
      }
    }
    return null;
  }

  private async record(reason: SingleSignOnRefusal | 'signed_in', userId?: string, secondFactor?: boolean): Promise<void> {
    const user = userId ? this.directory.findUser(userId) : null;
    await this.recorder.record({
      userId: user?.userId ?? 'unknown',
      role: user?.role ?? 'none',
      action: 'sign_in',
      query: { method: 'oidc', reason, ...(secondFactor !== undefined && { secondFactor: secondFactor ? 'provider' : 'none' }) },
      outcome: reason === 'signed_in' ? 'allowed' : 'denied',
      status: reason === 'signed_in' ? 303 : REFUSAL_STATUS[reason],
      occurredAt: this.clock.now().toISOString(),
    });
  }
}

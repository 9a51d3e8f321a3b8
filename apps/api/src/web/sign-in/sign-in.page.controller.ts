import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, USERNAME_MAX } from '@ledger/domain';
import { type DirectoryUser, type IdentityDirectory, recentSignIns } from '@ledger/projections';
import { FailedAuthenticationLimiter } from '../../auth/failed-authentication.limiter.js';
import { sha256Hex } from '../../auth/token-secrets.js';
import type { CredentialsStore } from '../../identity/credentials/credentials.store.js';
import { decoyHash, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '../../identity/credentials/password-hasher.js';
import { SetPasswordCommand } from '../../identity/set-password/set-password.command.js';
import { type Clock, CLOCK, CREDENTIALS_STORE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { HOME, PageRenderer, pageOf } from '../shared/page.renderer.js';
import { WebCookies } from '../shared/web-cookies.js';
import { CsrfRejected } from '../shared/web-errors.js';
import { type FormBody, type FormErrors, formErrors, NO_ERRORS, text } from '../shared/web-form.js';
import { PublicPage, WebPages } from '../shared/web-page.decorator.js';
import { sameToken, type WebRequest } from '../shared/web-session.guard.js';
import { WebSessionStore } from '../shared/web-session.store.js';
import { WebDrafts } from '../shared/web-drafts.js';
import { ACCOUNT_WINDOW_MS, maxWait, PasswordAttemptsLimiter, waitFromRecords } from './password-attempts.limiter.js';
import { DeviceCookies } from './device-cookies.js';
import { SignInAttemptsLimiter } from './sign-in-attempts.limiter.js';
import { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { OpenIdClient } from '../../identity/single-sign-on/openid-client.service.js';
import { SignInCompletion } from '../account/sign-in-completion.js';

const WRONG = 'The username or password is not right';

export interface SignInPageModel {
  readonly title: string;
  readonly formToken: string;
  readonly errors: FormErrors;
  readonly singleSignOn: string | undefined;
  readonly username?: string;
  readonly expired?: boolean;
  readonly enrolled?: boolean;
}
const SIGN_IN_PAGE = pageOf<SignInPageModel>('/sign-in/sign-in');

export interface EnrollPageModel {
  readonly title: string;
  readonly valid: boolean;
  readonly secret: string;
  readonly minPasswordLength: number;
  readonly formToken: string;
  readonly errors: FormErrors;
}
const ENROLL_PAGE = pageOf<EnrollPageModel>('/sign-in/enroll');

/** Sign-in, sign-out, the home redirect and the enrollment page (set a password with a one-time link). */
@WebPages()
@Controller()
export class SignInPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: WebSessionStore,
    private readonly attempts: PasswordAttemptsLimiter,
    private readonly addressLimiter: FailedAuthenticationLimiter,
    private readonly commands: CommandBus,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cookies: WebCookies,
    private readonly addressAttempts: SignInAttemptsLimiter,
    private readonly recorder: AccessRecorder,
    private readonly provider: OpenIdClient,
    private readonly devices: DeviceCookies,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly completion: SignInCompletion,
    private readonly drafts: WebDrafts,
  ) {}

  /** Signed out: the sign-in page; signed in: the home page of the user's role. */
  @Get()
  @PublicPage()
  home(@Req() request: WebRequest, @Res() response: Response): void {
    response.redirect(303, request.webSession ? HOME[request.webSession.role] : '/sign-in');
  }

  @Get('sign-in')
  @PublicPage()
  signInForm(@Req() request: WebRequest, @Res() response: Response, @Query('expired') expired?: string, @Query('enrolled') enrolled?: string): void {
    if (request.webSession) return response.redirect(303, HOME[request.webSession.role]);
    this.pages.send(response, request, SIGN_IN_PAGE, {
      title: 'Sign in',
      formToken: this.formToken(request, response),
      errors: NO_ERRORS,
      expired: expired === '1',
      enrolled: enrolled === '1',
      singleSignOn: this.provider.settings?.name,
    });
  }

  @Post('sign-in')
  @PublicPage()
  async signIn(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    this.assertFormToken(request, body);
    const address = request.ip ?? 'unknown';
    const username = (text(body, 'username') ?? '').toLowerCase().slice(0, USERNAME_MAX);
    const password = typeof body.password === 'string' ? body.password : '';
    const refuse = (field: 'username' | 'password', message: string, status: number) =>
      this.pages.send(response, request, SIGN_IN_PAGE, { title: 'Sign in', formToken: this.formToken(request, response), username, errors: formErrors([{ field, message }]), singleSignOn: this.provider.settings?.name }, status);

    const wait = this.addressAttempts.attempt(address);
    if (wait !== null) {
      await this.recordSignIn(username, 'throttled_address', 429);
      response.setHeader('Retry-After', String(wait));
      refuse('username', 'Too many sign-in attempts from your network. Wait a minute, then try again.', 429);
      return;
    }
    if (!username || !password) {
      refuse(username ? 'password' : 'username', username ? 'Enter your password' : 'Enter your username', 400);
      return;
    }
    const credentials = this.credentials.byUsername(username);
    const named = this.userNamed(username);
    // A browser this account signed in on before is counted on its own: a stranger's guesses cannot lock the owner out.
    const device = named ? this.devices.deviceOf(request, named.userId) : null;
    // This instance's count, or every instance's as the access log has them, whichever asks for the longer wait.
    const accountWait = maxWait(this.attempts.wait(username, device), named && device === null ? waitFromRecords(recentSignIns(this.views.db, named.userId, new Date(this.clock.now().getTime() - ACCOUNT_WINDOW_MS).toISOString()), this.clock.now().getTime()) : null);
    if (accountWait !== null) {
      await this.recordSignIn(username, 'throttled_account', 429, device);
      response.setHeader('Retry-After', String(accountWait));
      refuse('username', `Too many wrong passwords for this username from browsers it has not signed in on. Wait ${accountWait < 60 ? `${accountWait} seconds` : `${Math.ceil(accountWait / 60)} minutes`}, then try again.`, 429);
      return;
    }
    // The same scrypt work whether or not the username exists: timing tells nothing about which names are real.
    const matches = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, credentials?.passwordHash ?? (await decoyHash())));
    const user = matches && credentials?.passwordHash ? this.directory.findUser(credentials.userId) : null;
    // The ledger's word decides, not this instance's credentials store alone: a deactivated user, or a hash
    // the ledger no longer names (kept by an instance that missed a deactivation), signs in to nothing.
    if (!user || !user.active || user.passwordSetAt === null || user.passwordSetAt !== credentials?.passwordSetAt) {
      this.attempts.recordFailure(username, device);
      this.addressLimiter.recordFailure(address);
      await this.recordSignIn(username, 'wrong_password', 401, device);
      refuse('password', WRONG, 401);
      return;
    }
    this.attempts.recordSuccess(username, device);
    this.devices.issue(request, response, user.userId);
    await this.recordSignIn(username, this.completion.pendingAfterFirstStep(user, false) === 'second_factor' ? 'password_ok' : 'signed_in', 303, device);
    this.cookies.clearForm(request, response);
    this.completion.begin(request, response, user, { secondFactorDone: false });
  }

  /** Ends the session (it needs the session's CSRF token, so no other page can sign a user out). */
  @Post('sign-out')
  @HttpCode(303)
  @PublicPage()
  signOut(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): void {
    const secret = request.webSessionSecret;
    const timedOut = text(body, '_timedOut') !== undefined;
    if (request.webSession && secret) {
      if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, request.webSession.csrfToken)) throw new CsrfRejected();
      // The timeout warning signs out a page left alone, carrying the form the user was filling in: it is kept for them.
      const page = text(body, '_draftPage');
      const action = text(body, '_draftAction');
      if (timedOut && page && action) this.drafts.keep(request.webSession.userId, page, action, body);
      else this.drafts.forget(request.webSession.userId);
      this.sessions.end(secret);
    }
    this.cookies.clearSession(request, response);
    response.redirect(303, timedOut ? '/sign-in?expired=1' : '/sign-in');
  }

  @Get('enroll/:secret')
  @PublicPage()
  enrollForm(@Req() request: WebRequest, @Res() response: Response, @Param('secret') secret: string): void {
    const valid = this.linkIsLive(secret);
    this.pages.send(response, request, ENROLL_PAGE, { title: 'Set your password', valid, secret, minPasswordLength: MIN_PASSWORD_LENGTH, formToken: this.formToken(request, response), errors: NO_ERRORS }, valid ? 200 : 404);
  }

  @Post('enroll/:secret')
  @PublicPage()
  async enroll(@Req() request: WebRequest, @Res() response: Response, @Param('secret') secret: string, @Body() body: FormBody): Promise<void> {
    this.assertFormToken(request, body);
    const password = typeof body.password === 'string' ? body.password : '';
    const confirmation = typeof body.confirmation === 'string' ? body.confirmation : '';
    const problems = [
      ...(password.length < MIN_PASSWORD_LENGTH ? [{ field: 'password', message: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters` }] : []),
      ...(password.length > MAX_PASSWORD_LENGTH ? [{ field: 'password', message: `Enter a password of at most ${MAX_PASSWORD_LENGTH} characters` }] : []),
      ...(password.length >= MIN_PASSWORD_LENGTH && confirmation !== password ? [{ field: 'confirmation', message: 'The two passwords are not the same' }] : []),
    ];
    const again = (errors = NO_ERRORS, status = 400, valid = true) =>
      this.pages.send(response, request, ENROLL_PAGE, { title: 'Set your password', valid, secret, minPasswordLength: MIN_PASSWORD_LENGTH, formToken: this.formToken(request, response), errors }, status);
    if (!this.linkIsLive(secret)) return again(NO_ERRORS, 404, false);
    if (problems.length) return again(formErrors(problems));
    try {
      await this.commands.execute(new SetPasswordCommand(secret, password));
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'state' || error.kind === 'not_found')) return again(NO_ERRORS, 409, false);
      throw error;
    }
    this.cookies.clearForm(request, response);
    response.redirect(303, '/sign-in?enrolled=1');
  }

  /**
   * Every attempt goes in the access log before it is answered: who (the user id the username names, or
   * `unknown` for a name that names nobody, since what was typed could be a password), the outcome and why.
   */
  private async recordSignIn(username: string, reason: 'signed_in' | 'password_ok' | 'wrong_password' | 'deactivated' | 'throttled_address' | 'throttled_account', status: number, device: string | null = null): Promise<void> {
    const user = this.userNamed(username);
    // A deactivated user's attempt is worth the auditor's notice whatever password was typed.
    const why = reason === 'wrong_password' && user && !user.active ? 'deactivated' : reason;
    await this.recorder.record({
      userId: user?.userId ?? 'unknown',
      role: user?.role ?? 'none',
      action: 'sign_in',
      // `device: known`: from a browser holding the account's device cookie, which the per-account limit does not count.
      query: { reason: why, ...(device !== null && { device: 'known' }) },
      outcome: why === 'signed_in' || why === 'password_ok' ? 'allowed' : 'denied',
      status,
      occurredAt: this.clock.now().toISOString(),
    });
  }

  /** The user a username names: from this instance's credentials, or from the directory for a user enrolled on another instance. */
  private userNamed(username: string): DirectoryUser | null {
    if (!username) return null;
    const owner = this.credentials.byUsername(username);
    return owner ? this.directory.findUser(owner.userId) : (this.directory.listUsers().find((user) => user.username === username) ?? null);
  }

  private linkIsLive(secret: string): boolean {
    const link = /^[A-Za-z0-9_-]{43}$/.test(secret) ? this.credentials.enrollmentLink(sha256Hex(secret)) : null;
    // Only the user's latest link, and only while they are active, as the ledger records them.
    const user = link && this.directory.findUser(link.userId);
    return link !== null && !!user?.active && user.openEnrollmentId === link.enrollmentId && Date.parse(link.expiresAt) > this.clock.now().getTime();
  }

  /** Before sign-in there is no session to hold a CSRF token: a double-submit cookie stands in. */
  private formToken(request: WebRequest, response: Response): string {
    const existing = this.cookies.formTokens(request).find((token) => /^[A-Za-z0-9_-]{43}$/.test(token));
    if (existing) return existing;
    const token = randomBytes(32).toString('base64url');
    this.cookies.setForm(request, response, token);
    return token;
  }

  private assertFormToken(request: WebRequest, body: FormBody): void {
    const presented = typeof body._csrf === 'string' ? body._csrf : undefined;
    if (!this.cookies.formTokens(request).some((token) => sameToken(presented, token))) throw new CsrfRejected();
  }
}

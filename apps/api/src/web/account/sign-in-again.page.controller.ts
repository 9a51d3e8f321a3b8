import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ROLES } from '@ledger/domain';
import { Roles } from '../../auth/authenticated-user.js';
import type { CredentialsStore } from '../../identity/credentials/credentials.store.js';
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../../identity/credentials/password-hasher.js';
import { SecondFactors } from '../../identity/second-factors/second-factors.service.js';
import { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { type Clock, CLOCK, CREDENTIALS_STORE } from '../../infrastructure/tokens.js';
import { HOME, PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, formErrors, type FormErrors, NO_ERRORS } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { maxWait, PasswordAttemptsLimiter } from '../sign-in/password-attempts.limiter.js';
import { SignInAttemptsLimiter } from '../sign-in/sign-in-attempts.limiter.js';
import { localPath, STEP_PAGES } from './sign-in-progress.js';

export interface SignInAgainPageModel {
  readonly title: string;
  readonly returnTo: string;
  readonly errors: FormErrors;
  readonly name: string;
}
const SIGN_IN_AGAIN_PAGE = pageOf<SignInAgainPageModel>('/account/sign-in-again');

/**
 * Signing in again before a production, an export or a change of users, when the session's last sign-in
 * is older than 15 minutes: the password, then the second factor if the user has one; then back to the
 * page they were on. Attempts are throttled and recorded as sign-ins are.
 */
@WebPages()
@Controller('sign-in/again')
export class SignInAgainPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly secondFactors: SecondFactors,
    private readonly attempts: PasswordAttemptsLimiter,
    private readonly addressAttempts: SignInAttemptsLimiter,
    private readonly recorder: AccessRecorder,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ROLES)
  form(@Req() request: WebRequest, @Res() response: Response, @Query('return') returnTo?: string): void {
    this.render(request, response, this.returnTo(request, returnTo), NO_ERRORS, 200);
  }

  @Post()
  @Roles(...ROLES)
  async check(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const session = request.webSession!;
    const target = this.returnTo(request, body.return);
    const password = typeof body.password === 'string' ? body.password : '';
    const credentials = this.credentials.byUser(session.userId);
    // The same count as the sign-in page's for this username: signing in again is no way around its limit.
    const key = credentials?.username ?? session.userId;
    // Counted as from a browser the account does not know: signing in again gives a thief no better rate.
    const wait = maxWait(this.addressAttempts.attempt(request.ip ?? 'unknown'), this.attempts.wait(key, null));
    if (wait !== null) {
      response.setHeader('Retry-After', String(wait));
      await this.record(request, 'throttled_account', 'denied', 429);
      return this.render(request, response, target, formErrors([{ field: 'password', message: 'Too many attempts. Wait, then try again.' }]), 429);
    }
    if (!password) return this.render(request, response, target, formErrors([{ field: 'password', message: 'Enter your password' }]), 400);
    const right = password.length <= MAX_PASSWORD_LENGTH && !!credentials?.passwordHash && credentials.passwordSetAt === session.passwordSetAt && (await verifyPassword(password, credentials.passwordHash));
    if (!right) {
      this.attempts.recordFailure(key, null);
      await this.record(request, 'wrong_password', 'denied', 401);
      return this.render(request, response, target, formErrors([{ field: 'password', message: 'The password is not right' }]), 401);
    }
    this.attempts.recordSuccess(key, null);
    if (this.secondFactors.hasAny(session.userId)) {
      await this.record(request, 'password_ok', 'allowed', 303);
      session.signIn.pending = 'second_factor';
      session.signIn.returnTo = target;
      return response.redirect(303, STEP_PAGES.second_factor);
    }
    await this.record(request, 'signed_in', 'allowed', 303);
    session.signIn.signedInAt = this.clock.now().getTime();
    response.redirect(303, target);
  }

  private returnTo(request: WebRequest, candidate: unknown): string {
    const path = localPath(candidate);
    // Never back into a sign-in step (a loop), only to a page of the application.
    return path && !path.startsWith('/sign-in') ? path : HOME[request.webSession!.role];
  }

  private record(request: WebRequest, reason: string, outcome: 'allowed' | 'denied', status: number): Promise<void> {
    const session = request.webSession!;
    return this.recorder.record({ userId: session.userId, role: session.role, action: 'sign_in', query: { reason, again: 'true' }, outcome, status, occurredAt: this.clock.now().toISOString() });
  }

  private render(request: WebRequest, response: Response, returnTo: string, errors: FormErrors, status: number): void {
    this.pages.send(response, request, SIGN_IN_AGAIN_PAGE, { title: 'Sign in again', returnTo, errors, name: request.user!.name }, status);
  }
}

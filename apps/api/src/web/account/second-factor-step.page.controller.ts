import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { ROLES } from '@ledger/domain';
import { Roles } from '../../auth/authenticated-user.js';
import { SecondFactors } from '../../identity/second-factors/second-factors.service.js';
import { AccessRecorder } from '../../infrastructure/access-recorder.service.js';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';
import { HOME, PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, formErrors, NO_ERRORS, type FormErrors, text } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { SignInAttemptsLimiter } from '../sign-in/sign-in-attempts.limiter.js';
import { SecondFactorAttemptsLimiter } from './second-factor-attempts.limiter.js';
import { SignInCompletion } from './sign-in-completion.js';
import { SignInStep } from './sign-in-progress.js';

type Outcome = 'second_factor_ok' | 'wrong_second_factor' | 'throttled_second_factor';
const LOCKED = 'Too many wrong codes. Wait 15 minutes, or ask the administrator to reset your second factors.';

export interface SecondFactorPageModel {
  readonly title: string;
  readonly errors: FormErrors;
  readonly passkeys: boolean;
}
const SECOND_FACTOR_PAGE = pageOf<SecondFactorPageModel>('/account/second-factor');

/**
 * The second step of signing in, for a user with a second factor: a code (from the authenticator app, or
 * a recovery code) or a passkey. Every outcome goes in the access log; wrong ones are throttled per user
 * and, with the passwords, per address.
 */
@WebPages()
@Controller('sign-in')
export class SecondFactorStepPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly secondFactors: SecondFactors,
    private readonly completion: SignInCompletion,
    private readonly attempts: SecondFactorAttemptsLimiter,
    private readonly addressAttempts: SignInAttemptsLimiter,
    private readonly recorder: AccessRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('second-factor')
  @Roles(...ROLES)
  @SignInStep('second_factor')
  form(@Req() request: WebRequest, @Res() response: Response): void {
    if (request.webSession!.signIn.pending !== 'second_factor') return response.redirect(303, HOME[request.webSession!.role]);
    this.render(request, response, NO_ERRORS, 200);
  }

  @Post('second-factor')
  @Roles(...ROLES)
  @SignInStep('second_factor')
  async check(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const session = request.webSession!;
    if (session.signIn.pending !== 'second_factor') return response.redirect(303, HOME[session.role]);
    const refusal = await this.throttled(request, response, 'code');
    if (refusal) return this.render(request, response, formErrors([{ field: 'code', message: refusal }]), 429);
    const code = text(body, 'code') ?? '';
    if (!code) return this.render(request, response, formErrors([{ field: 'code', message: 'Enter the code from your authenticator app, or a recovery code' }]), 400);
    const factor = this.secondFactors.checkCode(session.userId, code);
    if (!factor) {
      this.attempts.recordFailure(session.userId);
      await this.record(request, 'wrong_second_factor', 'code', 401);
      return this.render(request, response, formErrors([{ field: 'code', message: 'The code is not right, or was used already. Enter the code your app shows now, or an unused recovery code.' }]), 401);
    }
    this.attempts.recordSuccess(session.userId);
    await this.record(request, 'second_factor_ok', factor, 303);
    response.redirect(303, this.completion.complete(request, response));
  }

  /** A challenge for the user's passkeys (kept in the session: one at a time, for one answer). */
  @Post('passkey/options')
  @HttpCode(200)
  @Roles(...ROLES)
  @SignInStep('second_factor')
  async passkeyOptions(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const session = request.webSession!;
    if (session.signIn.pending !== 'second_factor') return void response.status(409).json({ message: 'You are signed in already.' });
    const options = await this.secondFactors.passkeyAuthenticationOptions(session.userId);
    session.signIn.challenge = options.challenge;
    response.status(200).json(options);
  }

  @Post('passkey')
  @HttpCode(200)
  @Roles(...ROLES)
  @SignInStep('second_factor')
  async passkey(@Req() request: WebRequest, @Res() response: Response, @Body() body: AuthenticationResponseJSON): Promise<void> {
    const session = request.webSession!;
    const challenge = session.signIn.challenge;
    session.signIn.challenge = null;
    if (session.signIn.pending !== 'second_factor' || !challenge) return void response.status(409).json({ message: 'Start again: choose “Use a passkey”.' });
    const refusal = await this.throttled(request, response, 'passkey');
    if (refusal) return void response.status(429).json({ message: refusal });
    if (!(await this.secondFactors.checkPasskey(session.userId, body, challenge))) {
      this.attempts.recordFailure(session.userId);
      await this.record(request, 'wrong_second_factor', 'passkey', 401);
      return void response.status(401).json({ message: 'That passkey is not one of yours. Try another, or enter a code.' });
    }
    this.attempts.recordSuccess(session.userId);
    await this.record(request, 'second_factor_ok', 'passkey', 200);
    response.status(200).json({ redirect: this.completion.complete(request, response) });
  }

  /** The refusal's words when the address or the user has tried too often (recorded), else null. */
  private async throttled(request: WebRequest, response: Response, factor: string): Promise<string | null> {
    const wait = this.addressAttempts.attempt(request.ip ?? 'unknown');
    if (wait === null && !this.attempts.isLocked(request.webSession!.userId)) return null;
    if (wait !== null) response.setHeader('Retry-After', String(wait));
    await this.record(request, 'throttled_second_factor', factor, 429);
    return wait !== null ? 'Too many sign-in attempts from your network. Wait a minute, then try again.' : LOCKED;
  }

  /** The access log names the user (they gave their password) and the kind of factor, never the code. */
  private record(request: WebRequest, reason: Outcome, factor: string, status: number): Promise<void> {
    const session = request.webSession!;
    return this.recorder.record({
      userId: session.userId,
      role: session.role,
      action: 'sign_in',
      query: { reason, factor },
      outcome: reason === 'second_factor_ok' ? 'allowed' : 'denied',
      status,
      occurredAt: this.clock.now().toISOString(),
    });
  }

  private render(request: WebRequest, response: Response, errors: FormErrors, status: number): void {
    const passkeys = this.secondFactors.summary(request.webSession!.userId).passkeys > 0;
    this.pages.send(response, request, SECOND_FACTOR_PAGE, { title: 'Enter a code', errors, passkeys }, status);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { ROLES } from '@ledger/domain';
import type { IdentityDirectory } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import { type FactorAdded, type SecondFactorSummary, SecondFactors, type TotpSetUp } from '../../identity/second-factors/second-factors.service.js';
import { IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { HOME, PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, formErrors, type FormErrors, NO_ERRORS, text } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { SignInStep } from './sign-in-progress.js';

export interface SecurityPageModel {
  readonly title: string;
  readonly summary: SecondFactorSummary;
  readonly settingUp: boolean;
  readonly home: string;
  readonly added: 'totp' | 'passkey' | null;
  readonly errors: FormErrors;
  readonly totp?: TotpSetUp;
  readonly recoveryCodes?: string[] | null;
}
const SECURITY_PAGE = pageOf<SecurityPageModel>('/account/security');

/**
 * `/account/security`: the signed-in user's own second factors. An authenticator app (the secret as text
 * and as a QR code, counted only once a code from it is confirmed) and passkeys; the first of them comes
 * with ten recovery codes, shown once. A user whose role must have a second factor is sent here straight
 * after their password and can open nothing else until one is set up.
 */
@WebPages()
@Controller('account/security')
export class AccountSecurityPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly secondFactors: SecondFactors,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  @Get()
  @Roles(...ROLES)
  @SignInStep('set_up_second_factor')
  page(@Req() request: WebRequest, @Res() response: Response): void {
    const progress = request.webSession!.signIn;
    const recoveryCodes = progress.recoveryCodesToShow;
    progress.recoveryCodesToShow = null;
    this.render(request, response, { recoveryCodes }, NO_ERRORS, 200);
  }

  @Post('totp')
  @Roles(...ROLES)
  @SignInStep('set_up_second_factor')
  async beginTotp(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    if (this.secondFactors.summary(request.user!.userId).totp) return response.redirect(303, '/account/security');
    this.render(request, response, { totp: await this.secondFactors.beginTotp(request.user!.userId, this.accountName(request)) }, NO_ERRORS, 200);
  }

  @Post('totp/confirmation')
  @Roles(...ROLES)
  @SignInStep('set_up_second_factor')
  async confirmTotp(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const code = text(body, 'code') ?? '';
    const totp = await this.secondFactors.pendingTotp(request.user!.userId, this.accountName(request));
    if (!totp) return response.redirect(303, '/account/security');
    const added = /^\d{3}\s?\d{3}$/.test(code.trim()) ? await this.secondFactors.confirmTotp(request.user!, code) : null;
    if (!added) {
      const message = code ? 'The code is not right. Enter the 6-digit code the app shows now.' : 'Enter the 6-digit code from your authenticator app';
      return this.render(request, response, { totp }, formErrors([{ field: 'code', message }]), 400);
    }
    response.redirect(303, this.afterAdding(request, added, 'totp'));
  }

  @Post('passkeys/options')
  @HttpCode(200)
  @Roles(...ROLES)
  @SignInStep('set_up_second_factor')
  async passkeyOptions(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const user = request.user!;
    const options = await this.secondFactors.passkeyRegistrationOptions(user.userId, this.accountName(request), user.name);
    request.webSession!.signIn.challenge = options.challenge;
    response.status(200).json(options);
  }

  @Post('passkeys')
  @HttpCode(200)
  @Roles(...ROLES)
  @SignInStep('set_up_second_factor')
  async registerPasskey(@Req() request: WebRequest, @Res() response: Response, @Body() body: RegistrationResponseJSON): Promise<void> {
    const progress = request.webSession!.signIn;
    const challenge = progress.challenge;
    progress.challenge = null;
    const added = challenge ? await this.secondFactors.registerPasskey(request.user!, body, challenge) : null;
    if (!added) return void response.status(400).json({ message: 'The passkey could not be added. Try again.' });
    response.status(200).json({ redirect: this.afterAdding(request, added, 'passkey') });
  }

  /** The set-up step (if it was pending) is done; the first factor's recovery codes wait to be shown once. */
  private afterAdding(request: WebRequest, added: FactorAdded, kind: 'totp' | 'passkey'): string {
    const progress = request.webSession!.signIn;
    progress.recoveryCodesToShow = added.recoveryCodes;
    if (progress.pending === 'set_up_second_factor') progress.pending = null;
    return `/account/security?added=${kind}`;
  }

  private accountName(request: WebRequest): string {
    return this.directory.findUser(request.user!.userId)?.username ?? request.user!.name;
  }

  private render(request: WebRequest, response: Response, extra: { totp?: TotpSetUp; recoveryCodes?: string[] | null }, errors: FormErrors, status: number): void {
    const session = request.webSession!;
    const added = typeof request.query.added === 'string' ? request.query.added : null;
    this.pages.send(
      response,
      request,
      SECURITY_PAGE,
      {
        title: 'Sign-in security',
        summary: this.secondFactors.summary(session.userId),
        settingUp: session.signIn.pending === 'set_up_second_factor',
        home: HOME[session.role],
        added: added === 'totp' || added === 'passkey' ? added : null,
        errors,
        ...extra,
      },
      status,
    );
  }
}

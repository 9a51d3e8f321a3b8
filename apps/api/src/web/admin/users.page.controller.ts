import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ROLES, USERNAME_MAX, USERNAME_MIN } from '@ledger/domain';
import type { HttpConfig } from '@ledger/ledger';
import type { DirectoryUser, IdentityDirectory } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import { enrollmentUrl } from '../../identity/issue-enrollment-link/issue-enrollment-link.http.controller.js';
import { IssueEnrollmentLinkCommand } from '../../identity/issue-enrollment-link/issue-enrollment-link.command.js';
import { RegisterUserCommand } from '../../identity/register-user/register-user.command.js';
import { RegisterUserRequestDto } from '../../identity/register-user/register-user.request.dto.js';
import { RevokeTokensCommand } from '../../identity/revoke-tokens/revoke-tokens.command.js';
import { HTTP_CONFIG, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { DeactivateUserCommand } from '../../identity/deactivate-user/deactivate-user.command.js';
import { ReactivateUserCommand } from '../../identity/reactivate-user/reactivate-user.command.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, formErrors, NO_ERRORS, text, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { EmailConflict, UsernameConflict } from '../../identity/credentials/username-conflict.js';
import { SecondFactors } from '../../identity/second-factors/second-factors.service.js';
import { FreshSignIn } from '../account/fresh-sign-in.guard.js';

const USERNAME_HINT = `${USERNAME_MIN} to ${USERNAME_MAX} lower-case letters, digits, dots, underscores or hyphens`;

interface Announcement {
  readonly text: string;
  /** A secret shown once: a new user's API token or an enrollment link. */
  readonly secret?: string;
  readonly secretLabel?: string;
}

export interface UsersPageModel {
  readonly title: string;
  readonly users: readonly DirectoryUser[];
  readonly announcement: Announcement | null;
  readonly errors: FormErrors;
  readonly values: FormBody;
  readonly roles: typeof ROLES;
  readonly usernameHint: string;
  readonly self: string;
}
const USERS_PAGE = pageOf<UsersPageModel>('/admin/users');

/** The admin's page: users and roles, enrollment links, token revocation and offboarding. No case data at all. */
@WebPages()
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
    private readonly secondFactors: SecondFactors,
  ) {}

  @Get()
  @Roles('admin')
  list(@Req() request: WebRequest, @Res() response: Response): void {
    this.render(request, response, null, NO_ERRORS, {}, 200);
  }

  @FreshSignIn()
  @Post()
  @Roles('admin')
  async create(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const optional = (field: string) => (text(body, field) ? { [field]: text(body, field) } : {});
    const validated = await validateAs(RegisterUserRequestDto, { name: text(body, 'name'), role: text(body, 'role'), ...optional('username'), ...optional('email') }, '', {
      name: 'Enter the person’s name',
      role: 'Select a role',
      username: `Enter a username of ${USERNAME_HINT}`,
      email: 'Enter an email address like mlopez@library.example, or leave it empty',
    });
    if ('errors' in validated) return this.render(request, response, null, validated.errors, body, 400);
    if (!validated.value.username) return this.render(request, response, null, formErrors([{ field: 'username', message: 'Enter a username: the person signs in with it' }]), body, 400);
    try {
      const created = await this.commands.execute(new RegisterUserCommand(validated.value.name, validated.value.role, request.user!, validated.value.username, validated.value.email?.toLowerCase()));
      const link = await this.commands.execute(new IssueEnrollmentLinkCommand(created.userId, request.user!));
      this.render(request, response, { text: `${created.name} can now set a password. Give them this link (valid for 24 hours, usable once):`, secret: enrollmentUrl(this.http, link.secret), secretLabel: 'Enrollment link' }, NO_ERRORS, {}, 201);
    } catch (error) {
      if (error instanceof UsernameConflict) return this.render(request, response, null, formErrors([{ field: 'username', message: 'That username is taken; choose another' }]), body, 409);
      if (error instanceof EmailConflict) return this.render(request, response, null, formErrors([{ field: 'email', message: 'Another active user has that email address; each person needs their own' }]), body, 409);
      throw error;
    }
  }

  @FreshSignIn()
  @Post(':userId/enrollment')
  @Roles('admin')
  async enrollment(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const link = await this.commands.execute(new IssueEnrollmentLinkCommand(userId, request.user!));
    this.render(request, response, { text: `A new enrollment link for ${this.nameOf(userId)} (valid for 24 hours, usable once). Earlier links no longer work; setting a password with it replaces the old one.`, secret: enrollmentUrl(this.http, link.secret), secretLabel: 'Enrollment link' }, NO_ERRORS, {}, 201);
  }

  /** Revokes every API token of the user; their web sign-in is untouched (deactivation ends that). */
  @FreshSignIn()
  @Post(':userId/revoke')
  @Roles('admin')
  async revoke(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { revoked } = await this.commands.execute(new RevokeTokensCommand(userId, request.user!));
    const name = this.nameOf(userId);
    this.render(request, response, { text: `${revoked} API token${revoked === 1 ? '' : 's'} of ${name} revoked. Their web sign-in still works: to end everything, deactivate them.` }, NO_ERRORS, {}, 200);
  }

  /** Offboarding: every token, web session, password and enrollment link of the user ends, on every instance. */
  @FreshSignIn()
  @Post(':userId/deactivation')
  @Roles('admin')
  async deactivate(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.commands.execute(new DeactivateUserCommand(userId, request.user!));
    this.render(request, response, { text: `${this.nameOf(userId)} is deactivated: their API tokens, web sessions, password and enrollment links no longer work.` }, NO_ERRORS, {}, 200);
  }

  @FreshSignIn()
  @Post(':userId/reactivation')
  @Roles('admin')
  async reactivate(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.commands.execute(new ReactivateUserCommand(userId, request.user!));
    this.render(request, response, { text: `${this.nameOf(userId)} is active again, with no password and no API token: make a new enrollment link for them.` }, NO_ERRORS, {}, 200);
  }

  /** A lost phone or key: every second factor of the user goes (an event) and their sessions end; they set one up at their next sign-in. */
  @FreshSignIn()
  @Post(':userId/second-factor-reset')
  @Roles('admin')
  async resetSecondFactors(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.secondFactors.reset(userId, request.user!);
    this.render(request, response, { text: `${this.nameOf(userId)}’s second factors are removed and their web sessions ended: they set up a new one at their next sign-in.` }, NO_ERRORS, {}, 200);
  }

  private nameOf(userId: string): string {
    return this.directory.findUser(userId)?.name ?? 'The user';
  }

  private render(request: WebRequest, response: Response, announcement: Announcement | null, errors: FormErrors, values: FormBody, status: number): void {
    const users = this.directory.listUsers();
    this.pages.send(response, request, USERS_PAGE, { title: 'Users', users, announcement, errors, values, roles: ROLES, usernameHint: USERNAME_HINT, self: request.user!.userId }, status);
  }
}

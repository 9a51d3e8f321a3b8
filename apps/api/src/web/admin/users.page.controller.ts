import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ROLES, USERNAME_MAX, USERNAME_MIN } from '@ledger/domain';
import type { IdentityDirectory } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import type { CredentialsStore } from '../../identity/credentials/credentials.store.js';
import { enrollmentUrl } from '../../identity/issue-enrollment-link/issue-enrollment-link.http.controller.js';
import { IssueEnrollmentLinkCommand } from '../../identity/issue-enrollment-link/issue-enrollment-link.command.js';
import { RegisterUserCommand } from '../../identity/register-user/register-user.command.js';
import { RegisterUserRequestDto } from '../../identity/register-user/register-user.request.dto.js';
import { RevokeTokensCommand } from '../../identity/revoke-tokens/revoke-tokens.command.js';
import { CREDENTIALS_STORE, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { PageRenderer } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, formErrors, NO_ERRORS, text, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { WebSessionStore } from '../shared/web-session.store.js';
import { UsernameConflict } from '../../identity/credentials/username-conflict.js';

const USERNAME_HINT = `${USERNAME_MIN} to ${USERNAME_MAX} lower-case letters, digits, dots, underscores or hyphens`;

interface Announcement {
  readonly text: string;
  /** A secret shown once: a new user's API token or an enrollment link. */
  readonly secret?: string;
  readonly secretLabel?: string;
}

/** The admin's page: users and roles, enrollment links and token revocation. No case data at all. */
@WebPages()
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly sessions: WebSessionStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
  ) {}

  @Get()
  @Roles('admin')
  list(@Req() request: WebRequest, @Res() response: Response): void {
    this.render(request, response, null, NO_ERRORS, {}, 200);
  }

  @Post()
  @Roles('admin')
  async create(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const validated = await validateAs(RegisterUserRequestDto, { name: text(body, 'name'), role: text(body, 'role'), ...(text(body, 'username') ? { username: text(body, 'username') } : {}) }, '', {
      name: 'Enter the person’s name',
      role: 'Select a role',
      username: `Enter a username of ${USERNAME_HINT}`,
    });
    if ('errors' in validated) return this.render(request, response, null, validated.errors, body, 400);
    if (!validated.value.username) return this.render(request, response, null, formErrors([{ field: 'username', message: 'Enter a username: the person signs in with it' }]), body, 400);
    try {
      const created = await this.commands.execute(new RegisterUserCommand(validated.value.name, validated.value.role, request.user!, validated.value.username));
      const link = await this.commands.execute(new IssueEnrollmentLinkCommand(created.userId, request.user!));
      this.render(request, response, { text: `${created.name} can now set a password. Give them this link (valid for 24 hours, usable once):`, secret: enrollmentUrl(request, link.secret), secretLabel: 'Enrollment link' }, NO_ERRORS, {}, 201);
    } catch (error) {
      if (error instanceof UsernameConflict) return this.render(request, response, null, formErrors([{ field: 'username', message: 'That username is taken; choose another' }]), body, 409);
      throw error;
    }
  }

  @Post(':userId/enrollment')
  @Roles('admin')
  async enrollment(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const link = await this.commands.execute(new IssueEnrollmentLinkCommand(userId, request.user!));
    const name = this.directory.findUser(userId)?.name ?? 'The user';
    this.render(request, response, { text: `A new enrollment link for ${name} (valid for 24 hours, usable once). Setting a password with it replaces the old one.`, secret: enrollmentUrl(request, link.secret), secretLabel: 'Enrollment link' }, NO_ERRORS, {}, 201);
  }

  /** Revokes every API token of the user and ends their web sessions. */
  @Post(':userId/revoke')
  @Roles('admin')
  async revoke(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.commands.execute(new RevokeTokensCommand(userId, request.user!));
    const ended = this.sessions.endAllOf(userId);
    const name = this.directory.findUser(userId)?.name ?? 'The user';
    this.render(request, response, { text: `Every API token of ${name} is revoked${ended ? `, and ${ended} web session${ended === 1 ? '' : 's'} ended` : ''}.` }, NO_ERRORS, {}, 200);
  }

  private render(request: WebRequest, response: Response, announcement: Announcement | null, errors: FormErrors, values: FormBody, status: number): void {
    const logins = new Map(this.credentials.all().map((c) => [c.userId, c]));
    const users = this.directory.listUsers().map((user) => ({ ...user, username: logins.get(user.userId)?.username ?? null, passwordSetAt: logins.get(user.userId)?.passwordSetAt ?? null }));
    this.pages.send(response, request, '/admin/users', { title: 'Users', users, announcement, errors, values, roles: ROLES, usernameHint: USERNAME_HINT, self: request.user!.userId }, status);
  }
}

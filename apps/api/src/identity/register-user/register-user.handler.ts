import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UserCommand, userDecider, userStream } from '@ledger/domain';
import { newTokenSecret } from '../../auth/token-secrets.js';
import type { IdentityDirectory } from '@ledger/projections';
import { CREDENTIALS_STORE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { type CredentialsStore, UsernameTaken } from '../credentials/credentials.store.js';
import { EmailConflict, UsernameConflict } from '../credentials/username-conflict.js';
import { RegisterUserCommand, type RegisteredUser } from './register-user.command.js';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, RegisteredUser> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  async execute(command: RegisterUserCommand): Promise<RegisteredUser> {
    const userId = newEntityId();
    const secret = newTokenSecret();
    // Checked against this instance's directory before anything is claimed; should two instances let one
    // email through at once, single sign-on refuses it as naming more than one user.
    if (command.email !== undefined && this.directory.activeUsersWithEmail(command.email).length > 0) throw new EmailConflict();
    // Claimed before the append, so two registrations can never both get one username.
    if (command.username !== undefined) {
      try {
        this.credentials.reserveUsername(userId, command.username);
      } catch (error) {
        if (error instanceof UsernameTaken) throw new UsernameConflict();
        throw error;
      }
    }
    const result = await this.runner.run({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'new',
      user: command.actor,
      command: ({ occurredAt }): UserCommand => ({
        type: 'RegisterUser',
        userId,
        name: command.name,
        role: command.role,
        ...(command.username !== undefined && { username: command.username }),
        ...(command.email !== undefined && { email: command.email }),
        firstToken: { tokenId: secret.tokenId, tokenSha256: secret.tokenSha256 },
        by: command.actor.userId,
        occurredAt,
      }),
    }).catch((error: unknown) => {
      this.credentials.releaseUsername(userId);
      throw error;
    });
    // The token must work on the very next request: wait for the directory to hold it.
    await this.views.waitFor(result.position);
    return { userId, name: command.name, role: command.role, username: command.username ?? null, email: command.email ?? null, token: secret.token, position: result.position.toString() };
  }
}

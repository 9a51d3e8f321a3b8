import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UserCommand, userDecider, userStream } from '@ledger/domain';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import type { IdentityDirectory } from '@ledger/projections';
import { IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { EmailConflict } from '../credentials/username-conflict.js';
import { ReactivateUserCommand } from './reactivate-user.command.js';

@CommandHandler(ReactivateUserCommand)
export class ReactivateUserHandler implements ICommandHandler<ReactivateUserCommand> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  async execute({ userId, actor }: ReactivateUserCommand) {
    // Their email went to someone else while they were away: two active users with one email would stop single sign-on for both.
    const email = this.directory.findUser(userId)?.email;
    if (email && this.directory.activeUsersWithEmail(email).some((other) => other.userId !== userId)) throw new EmailConflict();
    const result = await this.runner.run({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      user: actor,
      command: ({ occurredAt }): UserCommand => ({ type: 'ReactivateUser', userId, by: actor.userId, occurredAt }),
    });
    // An enrollment link may be issued on the very next request: the directory must have the user active.
    await this.views.waitFor(result.position);
    return { position: result.position.toString() };
  }
}

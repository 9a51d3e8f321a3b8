import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UserCommand, userDecider, userStream } from '@ledger/domain';
import { newTokenSecret } from '../../auth/token-secrets.js';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { IssueTokenCommand } from './issue-token.command.js';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute(command: IssueTokenCommand) {
    const secret = newTokenSecret();
    const result = await this.runner.run({
      stream: userStream(command.userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: 'No such user',
      user: command.actor,
      command: ({ occurredAt }): UserCommand => ({ type: 'IssueToken', userId: command.userId, tokenId: secret.tokenId, tokenSha256: secret.tokenSha256, by: command.actor.userId, occurredAt }),
    });
    await this.views.waitFor(result.position);
    return { token: secret.token, tokenId: secret.tokenId, position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { newTokenSecret } from '../../auth/token-secrets.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { IssueTokenCommand } from './issue-token.command.js';
import type { LiveViews } from '@ledger/runtime';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: IssueTokenCommand) {
    const secret = newTokenSecret();
    const now = this.clock.now().toISOString();
    const result = await this.pipeline.execute({
      stream: userStream(command.userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: 'No such user',
      command: { type: 'IssueToken', userId: command.userId, tokenId: secret.tokenId, tokenSha256: secret.tokenSha256, by: command.actor.userId, occurredAt: now },
      meta: { actor: command.actor, recordedAt: now },
    });
    await this.views.waitFor(result.position);
    return { token: secret.token, tokenId: secret.tokenId, position: result.position.toString() };
  }
}

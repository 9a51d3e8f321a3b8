import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { ReactivateUserCommand } from './reactivate-user.command.js';

@CommandHandler(ReactivateUserCommand)
export class ReactivateUserHandler implements ICommandHandler<ReactivateUserCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, actor }: ReactivateUserCommand) {
    const now = this.clock.now().toISOString();
    const result = await this.pipeline.execute({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      command: { type: 'ReactivateUser', userId, by: actor.userId, occurredAt: now },
      meta: { actor, recordedAt: now },
    });
    // An enrollment link may be issued on the very next request: the directory must have the user active.
    await this.views.waitFor(result.position);
    return { position: result.position.toString() };
  }
}

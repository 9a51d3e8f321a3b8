import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { newTokenSecret } from '../../auth/token-secrets.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { RegisterUserCommand, type RegisteredUser } from './register-user.command.js';
import type { LiveViews } from '@ledger/runtime';

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, RegisteredUser> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RegisterUserCommand): Promise<RegisteredUser> {
    const userId = randomUUID();
    const secret = newTokenSecret();
    const now = this.clock.now().toISOString();
    const result = await this.pipeline.execute({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'new',
      command: {
        type: 'RegisterUser',
        userId,
        name: command.name,
        role: command.role,
        firstToken: { tokenId: secret.tokenId, tokenSha256: secret.tokenSha256 },
        by: command.actor.userId,
        occurredAt: now,
      },
      meta: { actor: command.actor, recordedAt: now },
    });
    // The token must work on the very next request: wait for the directory to hold it.
    await this.views.waitFor(result.position);
    return { userId, name: command.name, role: command.role, token: secret.token, position: result.position.toString() };
  }
}

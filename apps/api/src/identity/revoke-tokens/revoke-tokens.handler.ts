import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { otherLiveAdmins, userDecider, userStream } from '@ledger/domain';
import { clearOnAdminGuard } from '../admin-guard.context.js';
import type { CommandPipeline } from '@ledger/ledger';
import { type Clock, CLOCK, COMMAND_PIPELINE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { IdentityDirectory } from '@ledger/projections';
import { RevokeTokensCommand } from './revoke-tokens.command.js';
import type { LiveViews } from '@ledger/runtime';

@CommandHandler(RevokeTokensCommand)
export class RevokeTokensHandler implements ICommandHandler<RevokeTokensCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  async execute(command: RevokeTokensCommand) {
    const now = this.clock.now().toISOString();
    const stream = userStream(command.userId);
    const target = (await this.pipeline.load(stream, userDecider)).state;
    // An admin's live tokens go only once the last-admin guard has cleared it (LAST-ADMIN otherwise).
    const otherAdminsWithTokens =
      target.role === 'admin' && target.activeTokenIds.length > 0
        ? await clearOnAdminGuard(this.pipeline, this.directory, { type: 'ClearAdminRevocation', userId: command.userId, by: command.actor.userId, occurredAt: now }, command.actor, (state, context) =>
            otherLiveAdmins(state, context, command.userId).length,
          )
        : undefined;
    const result = await this.pipeline.execute({
      stream,
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: 'No such user',
      command: { type: 'RevokeTokens', userId: command.userId, by: command.actor.userId, occurredAt: now },
      meta: { actor: command.actor, recordedAt: now },
      context: () => ({ otherAdminsWithTokens: otherAdminsWithTokens ?? this.directory.otherAdminsWithTokens(command.userId) }),
    });
    // Revocation takes effect on the next request: answer only once the directory has it.
    await this.views.waitFor(result.position);
    const revoked = result.events[0]?.type === 'TokensRevoked' ? result.events[0].data.tokenIds.length : 0;
    return { revoked, position: result.position.toString() };
  }
}

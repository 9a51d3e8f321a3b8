import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { otherLiveAdmins, type UserCommand, userDecider, userStream } from '@ledger/domain';
import { clearOnAdminGuard } from '../admin-guard.context.js';
import type { CommandPipeline } from '@ledger/ledger';
import { COMMAND_PIPELINE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { IdentityDirectory } from '@ledger/projections';
import { RevokeTokensCommand } from './revoke-tokens.command.js';
import { CredentialsEndedHere } from '../../auth/credentials-ended-here.js';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';

@CommandHandler(RevokeTokensCommand)
export class RevokeTokensHandler implements ICommandHandler<RevokeTokensCommand> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    private readonly ended: CredentialsEndedHere,
  ) {}

  async execute({ userId, actor }: RevokeTokensCommand) {
    const stream = userStream(userId);
    const target = (await this.pipeline.load(stream, userDecider)).state;
    // An admin's live tokens go only once the last-admin guard has cleared it (LAST-ADMIN otherwise).
    const otherAdminsWithTokens =
      target.role === 'admin' && target.activeTokenIds.length > 0
        ? await clearOnAdminGuard(
            this.runner,
            this.pipeline,
            this.directory,
            { user: actor, target: userId, command: ({ occurredAt }) => ({ type: 'ClearAdminRevocation', userId, by: actor.userId, occurredAt }) },
            (state, context) => otherLiveAdmins(state, context, userId).length,
          )
        : undefined;
    const result = await this.runner.run({
      stream,
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: 'No such user',
      user: actor,
      command: ({ occurredAt }): UserCommand => ({ type: 'RevokeTokens', userId, by: actor.userId, occurredAt }),
      context: () => ({ otherAdminsWithTokens: otherAdminsWithTokens ?? this.directory.otherAdminsWithTokens(userId) }),
    });
    // Revocation takes effect on the next request: at once on this instance, and in its directory as soon as the views have it.
    this.ended.record(userId, 'tokens', result.position);
    await this.views.waitFor(result.position);
    const revoked = result.events[0]?.type === 'TokensRevoked' ? result.events[0].data.tokenIds.length : 0;
    return { revoked, position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { otherActiveAdmins, type UserCommand, userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import type { IdentityDirectory } from '@ledger/projections';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { COMMAND_PIPELINE, CREDENTIALS_STORE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { clearOnAdminGuard } from '../admin-guard.context.js';
import type { CredentialsStore } from '../credentials/credentials.store.js';
import { CredentialsEndedHere } from '../../auth/credentials-ended-here.js';
import { DeactivateUserCommand } from './deactivate-user.command.js';

/**
 * Records `UserDeactivated`. Every instance ends the user's tokens and sessions from that event: the
 * bearer guard and the session guard read the user's standing from the identity directory, which each
 * instance folds from the ledger (docs/security.md gives the bound). On this instance they end as soon as
 * the event is recorded (`CredentialsEndedHere`, until its directory has it), and the password hash and
 * links in its credentials store are forgotten at once.
 */
@CommandHandler(DeactivateUserCommand)
export class DeactivateUserHandler implements ICommandHandler<DeactivateUserCommand> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    private readonly ended: CredentialsEndedHere,
  ) {}

  async execute({ userId, actor }: DeactivateUserCommand) {
    const stream = userStream(userId);
    const target = (await this.pipeline.load(stream, userDecider)).state;
    const othersActive =
      target.role === 'admin' && target.active
        ? await clearOnAdminGuard(
            this.runner,
            this.pipeline,
            this.directory,
            { user: actor, target: userId, command: ({ occurredAt }) => ({ type: 'ClearAdminDeactivation', userId, by: actor.userId, occurredAt }) },
            (state, context) => otherActiveAdmins(state, context, userId).length,
          )
        : undefined;
    const result = await this.runner.run({
      stream,
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      user: actor,
      command: ({ occurredAt }): UserCommand => ({ type: 'DeactivateUser', userId, by: actor.userId, occurredAt }),
      // A role other than admin needs no count; an admin who was not active when loaded is refused by the decider.
      context: () => ({ otherActiveAdmins: othersActive ?? 0 }),
    });
    this.credentials.forget(userId);
    this.ended.record(userId, 'user', result.position);
    await this.views.waitFor(result.position);
    return { position: result.position.toString() };
  }
}

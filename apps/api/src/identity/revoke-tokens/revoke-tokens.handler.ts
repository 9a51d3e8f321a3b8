import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ADMIN_GUARD_STREAM, type AdminGuardContext, adminGuardDecider, otherLiveAdmins, userDecider, userStream } from '@ledger/domain';
import { type CommandActor, type CommandPipeline, NothingToRecordError } from '@ledger/ledger';
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
      target.role === 'admin' && target.activeTokenIds.length > 0 ? await this.clearAdminRevocation(command.userId, command.actor, now) : undefined;
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

  /** Decides on `admins-main`, whose revision the store checks, so two admins revoking each other cannot both pass. Returns how many other admins keep a token. */
  private async clearAdminRevocation(userId: string, actor: CommandActor, now: string): Promise<number> {
    let others = 0;
    try {
      await this.pipeline.execute({
        stream: ADMIN_GUARD_STREAM,
        decider: adminGuardDecider,
        command: { type: 'ClearAdminRevocation', userId, by: actor.userId, occurredAt: now },
        meta: { actor, recordedAt: now },
        // Read again on every attempt: after a conflict, the winner's clearance is in the guard's state.
        context: async (state) => {
          const context = await this.liveAdminTokens(userId);
          others = otherLiveAdmins(state, context, userId).length;
          return context;
        },
      });
    } catch (error) {
      // A concurrent revocation of the same admin cleared these tokens already: nothing left to guard.
      if (!(error instanceof NothingToRecordError)) throw error;
    }
    return others;
  }

  /** Every admin's live tokens, from their own streams (the directory names the admins; a view may lag on tokens). */
  private async liveAdminTokens(target: string): Promise<AdminGuardContext> {
    const admins = new Set([target, ...this.directory.listUsers().filter((user) => user.role === 'admin').map((user) => user.userId)]);
    const entries = await Promise.all(
      [...admins].map(async (adminId) => [adminId, (await this.pipeline.load(userStream(adminId), userDecider)).state.activeTokenIds] as const),
    );
    return { liveTokensByAdmin: Object.fromEntries(entries) };
  }
}

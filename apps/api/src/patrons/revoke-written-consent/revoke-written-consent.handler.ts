import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFound, patronDecider } from '@ledger/domain';
import { type CommandPipeline, pseudonymOf } from '@ledger/ledger';
import { ActorResolver } from '../../auth/designee-roster.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { type PatronCommandResult, patronStream } from '../patron-desk.js';
import { RevokeWrittenConsentCommand } from './revoke-written-consent.command.js';
import type { LiveViews } from '@ledger/runtime';
import { blindIndexOfConsent } from '@ledger/projections';

@CommandHandler(RevokeWrittenConsentCommand)
export class RevokeWrittenConsentHandler implements ICommandHandler<RevokeWrittenConsentCommand, PatronCommandResult> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly actors: ActorResolver,
  ) {}

  async execute(command: RevokeWrittenConsentCommand): Promise<PatronCommandResult> {
    const blindIndex = blindIndexOfConsent(this.views.db, command.consentId);
    if (blindIndex === null) throw new NotFound('No such consent');
    const now = this.clock.now().toISOString();
    const actor = await this.actors.actorAt(command.user, now, now);
    const result = await this.pipeline.execute({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      expect: 'existing',
      notFoundMessage: 'No such consent',
      command: { type: 'RevokeWrittenConsent', patron: { blindIndex, pseudonym: pseudonymOf(blindIndex) }, actor, occurredAt: now, recordedAt: now, consentId: command.consentId },
      meta: { actor, recordedAt: now },
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

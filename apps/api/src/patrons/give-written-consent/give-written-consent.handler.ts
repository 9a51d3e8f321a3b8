import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { patronDecider } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { ActorResolver } from '../../auth/designee-roster.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { patronStream } from '../patron-desk.js';
import { GiveWrittenConsentCommand, type GivenConsent } from './give-written-consent.command.js';
import { type LiveViews, PatronDirectory } from '@ledger/runtime';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(GiveWrittenConsentCommand)
export class GiveWrittenConsentHandler implements ICommandHandler<GiveWrittenConsentCommand, GivenConsent> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly actors: ActorResolver,
    private readonly directory: PatronDirectory,
  ) {}

  async execute(command: GiveWrittenConsentCommand): Promise<GivenConsent> {
    const now = this.clock.now().toISOString();
    const occurredAt = command.occurredAt ?? now;
    const consentId = newEntityId();
    // Given under any identifier, the consent is the patron's: it goes on the patron's own stream.
    const { blindIndex, pseudonym } = (await this.directory.resolve(this.protectedFields.identify(command.patronRef).blindIndex)).patron;
    const actor = await this.actors.actorAt(command.user, occurredAt, now);
    const result = await this.pipeline.execute({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      command: {
        type: 'GiveWrittenConsent',
        patron: { blindIndex, pseudonym },
        actor,
        occurredAt,
        recordedAt: now,
        consentId,
        grantee: command.grantee,
        categories: command.categories,
        ...(command.expiresAt !== undefined && { expiresAt: command.expiresAt }),
        ...(command.documentSha256 !== undefined && { documentSha256: command.documentSha256 }),
        ...command.proof,
      },
      meta: { actor, recordedAt: now, occurredAt },
    });
    // The consent id must be revocable on the very next request: wait until the consent index has it.
    await this.views.waitFor(result.position);
    return { consentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type PatronCommand, patronDecider } from '@ledger/domain';
import type { ProtectedFields } from '@ledger/ledger';
import { LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { patronStream } from '../patron-desk.js';
import { GiveWrittenConsentCommand, type GivenConsent } from './give-written-consent.command.js';
import { type LiveViews, PatronDirectory, StreamCommandRunner } from '@ledger/runtime';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(GiveWrittenConsentCommand)
export class GiveWrittenConsentHandler implements ICommandHandler<GiveWrittenConsentCommand, GivenConsent> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly directory: PatronDirectory,
  ) {}

  async execute(command: GiveWrittenConsentCommand): Promise<GivenConsent> {
    const consentId = newEntityId();
    // Given under any identifier, the consent is the patron's: it goes on the patron's own stream.
    const { blindIndex, pseudonym } = (await this.directory.resolve(this.protectedFields.identify(command.patronRef).blindIndex)).patron;
    const result = await this.runner.run({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      user: command.user,
      ...(command.occurredAt !== undefined && { occurredAt: command.occurredAt }),
      command: (base): PatronCommand => ({
        type: 'GiveWrittenConsent',
        patron: { blindIndex, pseudonym },
        ...base,
        consentId,
        grantee: command.grantee,
        categories: command.categories,
        ...(command.expiresAt !== undefined && { expiresAt: command.expiresAt }),
        ...(command.documentSha256 !== undefined && { documentSha256: command.documentSha256 }),
        ...command.proof,
      }),
    });
    // The consent id must be revocable on the very next request: wait until the consent index has it.
    await this.views.waitFor(result.position);
    return { consentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

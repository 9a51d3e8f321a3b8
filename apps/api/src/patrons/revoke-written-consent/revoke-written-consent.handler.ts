import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFound, type PatronCommand, patronDecider } from '@ledger/domain';
import { pseudonymOf } from '@ledger/ledger';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { type PatronCommandResult, patronStream } from '../patron-desk.js';
import { RevokeWrittenConsentCommand } from './revoke-written-consent.command.js';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { blindIndexOfConsent } from '@ledger/projections';

@CommandHandler(RevokeWrittenConsentCommand)
export class RevokeWrittenConsentHandler implements ICommandHandler<RevokeWrittenConsentCommand, PatronCommandResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute(command: RevokeWrittenConsentCommand): Promise<PatronCommandResult> {
    const blindIndex = blindIndexOfConsent(this.views.db, command.consentId);
    if (blindIndex === null) throw new NotFound('No such consent');
    const result = await this.runner.run({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      expect: 'existing',
      notFoundMessage: 'No such consent',
      user: command.user,
      command: (base): PatronCommand => ({ type: 'RevokeWrittenConsent', patron: { blindIndex, pseudonym: pseudonymOf(blindIndex) }, ...base, consentId: command.consentId }),
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, GrantNeedToKnow } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class GrantNeedToKnowCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<GrantNeedToKnow, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, ReferToDirector } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class ReferToDirectorCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<ReferToDirector, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

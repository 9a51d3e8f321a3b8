import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, ReferToCounsel } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class ReferToCounselCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<ReferToCounsel, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, ConfirmEarlierTime } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class ConfirmEarlierTimeCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<ConfirmEarlierTime, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

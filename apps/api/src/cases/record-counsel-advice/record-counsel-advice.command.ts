import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RecordCounselAdvice } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class RecordCounselAdviceCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RecordCounselAdvice, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

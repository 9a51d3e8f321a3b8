import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RecordWarrantExecution } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class RecordWarrantExecutionCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RecordWarrantExecution, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RecordProduction } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class RecordProductionCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RecordProduction, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

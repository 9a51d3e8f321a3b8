import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, ExplainPolicy } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class ExplainPolicyCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<ExplainPolicy, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RefuseRequest } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class RefuseRequestCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RefuseRequest, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

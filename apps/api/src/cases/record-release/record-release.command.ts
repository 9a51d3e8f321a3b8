import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RecordRelease } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class RecordReleaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RecordRelease, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

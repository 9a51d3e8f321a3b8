import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, DecideRelease } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export class DecideReleaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<DecideRelease, keyof CaseCommandBase | 'type'>,
  ) {
    super();
  }
}

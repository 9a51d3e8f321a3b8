import { Command } from '@nestjs/cqrs';
import type { CaseCommandBase, RecordLegalInstrument } from '@ledger/domain';
import type { CaseCommandEnvelope, CaseCommandResult } from '../case-command-runner.js';

export interface RecordedInstrument extends CaseCommandResult {
  readonly instrumentId: string;
}

export class RecordLegalInstrumentCommand extends Command<RecordedInstrument> {
  constructor(
    readonly envelope: CaseCommandEnvelope,
    readonly fields: Omit<RecordLegalInstrument, keyof CaseCommandBase | 'type' | 'instrumentId'>,
  ) {
    super();
  }
}

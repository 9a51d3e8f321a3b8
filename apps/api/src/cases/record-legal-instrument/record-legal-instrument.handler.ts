import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CaseCommandRunner, caseCommandResult } from '../case-command-runner.js';
import { RecordLegalInstrumentCommand, type RecordedInstrument } from './record-legal-instrument.command.js';

@CommandHandler(RecordLegalInstrumentCommand)
export class RecordLegalInstrumentHandler implements ICommandHandler<RecordLegalInstrumentCommand, RecordedInstrument> {
  constructor(private readonly cases: CaseCommandRunner) {}

  async execute(command: RecordLegalInstrumentCommand): Promise<RecordedInstrument> {
    const instrumentId = randomUUID();
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RecordLegalInstrument', ...base, instrumentId, ...command.fields }),
    });
    return { ...caseCommandResult(command.envelope.caseId, result), instrumentId };
  }
}

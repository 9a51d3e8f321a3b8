import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { RecordProductionCommand } from './record-production.command.js';

@CommandHandler(RecordProductionCommand)
export class RecordProductionHandler implements ICommandHandler<RecordProductionCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: RecordProductionCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RecordProduction', ...base, ...command.fields }),
      // No court order on the case? The patron's written permission is the statute's other door.
      context: this.cases.patronContext,
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

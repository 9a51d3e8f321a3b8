import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { RecordWarrantExecutionCommand } from './record-warrant-execution.command.js';

@CommandHandler(RecordWarrantExecutionCommand)
export class RecordWarrantExecutionHandler implements ICommandHandler<RecordWarrantExecutionCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: RecordWarrantExecutionCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RecordWarrantExecution', ...base, ...command.fields }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

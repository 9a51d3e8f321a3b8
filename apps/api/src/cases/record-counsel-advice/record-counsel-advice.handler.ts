import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { RecordCounselAdviceCommand } from './record-counsel-advice.command.js';

@CommandHandler(RecordCounselAdviceCommand)
export class RecordCounselAdviceHandler implements ICommandHandler<RecordCounselAdviceCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: RecordCounselAdviceCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RecordCounselAdvice', ...base, ...command.fields }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { ConfirmEarlierTimeCommand } from './confirm-earlier-time.command.js';

@CommandHandler(ConfirmEarlierTimeCommand)
export class ConfirmEarlierTimeHandler implements ICommandHandler<ConfirmEarlierTimeCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommandRunner) {}

  async execute(command: ConfirmEarlierTimeCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({ ...command.envelope, command: (base) => ({ type: 'ConfirmEarlierTime', ...base, ...command.fields }) });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

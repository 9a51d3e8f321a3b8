import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { ExplainPolicyCommand } from './explain-policy.command.js';

@CommandHandler(ExplainPolicyCommand)
export class ExplainPolicyHandler implements ICommandHandler<ExplainPolicyCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: ExplainPolicyCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'ExplainPolicy', ...base, ...command.fields }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

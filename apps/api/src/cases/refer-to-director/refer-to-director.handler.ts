import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { ReferToDirectorCommand } from './refer-to-director.command.js';

@CommandHandler(ReferToDirectorCommand)
export class ReferToDirectorHandler implements ICommandHandler<ReferToDirectorCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: ReferToDirectorCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'ReferToDirector', ...base, ...command.fields }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

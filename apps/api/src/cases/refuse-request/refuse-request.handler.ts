import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { RefuseRequestCommand } from './refuse-request.command.js';

@CommandHandler(RefuseRequestCommand)
export class RefuseRequestHandler implements ICommandHandler<RefuseRequestCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: RefuseRequestCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RefuseRequest', ...base, ...command.fields }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

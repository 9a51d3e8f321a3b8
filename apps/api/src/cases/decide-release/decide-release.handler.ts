import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { DecideReleaseCommand } from './decide-release.command.js';

@CommandHandler(DecideReleaseCommand)
export class DecideReleaseHandler implements ICommandHandler<DecideReleaseCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: DecideReleaseCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'DecideRelease', ...base, ...command.fields }),
      // No court order on the case? The patron's written permission is the statute's other door.
      context: this.cases.patronContext,
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

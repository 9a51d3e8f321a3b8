import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { RecordReleaseCommand } from './record-release.command.js';

@CommandHandler(RecordReleaseCommand)
export class RecordReleaseHandler implements ICommandHandler<RecordReleaseCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
  ) {}

  async execute(command: RecordReleaseCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'RecordRelease', ...base, ...command.fields }),
      // What changed since opening (a consent revoked, a card lost, a vendor withdrawn) is weighed again.
      context: this.cases.patronContext,
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

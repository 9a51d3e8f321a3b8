import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { KnownUsers } from '../known-users.js';
import { ReferToCounselCommand } from './refer-to-counsel.command.js';

@CommandHandler(ReferToCounselCommand)
export class ReferToCounselHandler implements ICommandHandler<ReferToCounselCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
    private readonly users: KnownUsers,
  ) {}

  async execute(command: ReferToCounselCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'ReferToCounsel', ...base, ...command.fields }),
      context: async () => ({ counsel: await this.users.knownUser(command.fields.counselUserId) }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

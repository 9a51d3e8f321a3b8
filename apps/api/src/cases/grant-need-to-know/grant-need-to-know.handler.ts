import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandRunner, type CaseCommandResult, caseCommandResult } from '../case-command-runner.js';
import { KnownUsers } from '../known-users.js';
import { GrantNeedToKnowCommand } from './grant-need-to-know.command.js';

@CommandHandler(GrantNeedToKnowCommand)
export class GrantNeedToKnowHandler implements ICommandHandler<GrantNeedToKnowCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseCommandRunner,
    private readonly users: KnownUsers,
  ) {}

  async execute(command: GrantNeedToKnowCommand): Promise<CaseCommandResult> {
    const result = await this.cases.run({
      ...command.envelope,
      command: (base) => ({ type: 'GrantNeedToKnow', ...base, ...command.fields }),
      context: async () => ({ grantee: await this.users.knownUser(command.fields.userId) }),
    });
    return caseCommandResult(command.envelope.caseId, result);
  }
}

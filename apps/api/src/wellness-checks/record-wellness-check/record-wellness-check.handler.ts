import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProtectedFields } from '@ledger/ledger';
import { CaseCommandRunner } from '../../cases/case-command-runner.js';
import { PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { RecordWellnessCheckCommand, type RecordedWellnessCheck } from './record-wellness-check.command.js';

@CommandHandler(RecordWellnessCheckCommand)
export class RecordWellnessCheckHandler implements ICommandHandler<RecordWellnessCheckCommand, RecordedWellnessCheck> {
  constructor(
    private readonly cases: CaseCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async execute(command: RecordWellnessCheckCommand): Promise<RecordedWellnessCheck> {
    const newCase = await this.protectedFields.newCase();
    const { caseId } = newCase;
    const patron = newCase.protect(command.patronRef);
    // Through the one case command runner: the same actor resolution, instants and back-dating limit as
    // opening a case. It opens and closes the case in one append: request, disclosure, closure.
    const result = await this.cases.run({
      caseId,
      user: command.user,
      ...(command.occurredAt !== undefined && { occurredAt: command.occurredAt }),
      opens: true,
      command: (base) => ({
        type: 'RecordWellnessCheck',
        ...base,
        patron,
        ...(command.immediateThreat !== undefined && { immediateThreat: command.immediateThreat }),
        ...(command.observed !== undefined && { observed: command.observed }),
        concern: command.concern,
        agency: command.agency,
        ...(command.officer !== undefined && { officer: command.officer }),
        categories: command.categories,
      }),
    });
    const status = result.state.exists ? result.state.status : 'closed';
    return { caseId, revision: result.revision.toString(), position: result.position.toString(), status };
  }
}

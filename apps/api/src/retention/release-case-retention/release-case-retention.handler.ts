import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionDesk } from '../retention-desk.js';
import { type CaseRetentionReleased, ReleaseCaseRetentionCommand } from './release-case-retention.command.js';

@CommandHandler(ReleaseCaseRetentionCommand)
export class ReleaseCaseRetentionHandler implements ICommandHandler<ReleaseCaseRetentionCommand, CaseRetentionReleased> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ReleaseCaseRetentionCommand): Promise<CaseRetentionReleased> {
    const facts = await this.desk.caseFacts(command.caseId);
    const result = await this.desk.execute(command.user, (base) => ({ type: 'ReleaseCaseRetention', ...base, case: facts, reason: command.reason }));
    return { caseId: command.caseId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

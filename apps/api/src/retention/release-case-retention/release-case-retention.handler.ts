import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, RetentionDesk } from '../retention-desk.js';
import { type CaseRetentionReleased, ReleaseCaseRetentionCommand } from './release-case-retention.command.js';

@CommandHandler(ReleaseCaseRetentionCommand)
export class ReleaseCaseRetentionHandler implements ICommandHandler<ReleaseCaseRetentionCommand, CaseRetentionReleased> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ReleaseCaseRetentionCommand): Promise<CaseRetentionReleased> {
    const now = this.desk.now();
    const actor = actorOf(command.user);
    const facts = await this.desk.caseFacts(command.caseId);
    const result = await this.desk.execute({ type: 'ReleaseCaseRetention', actor, occurredAt: now, recordedAt: now, case: facts, reason: command.reason }, actor);
    return { caseId: command.caseId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

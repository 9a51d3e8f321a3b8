import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ActorResolver } from '../../auth/designee-roster.js';
import { RetentionDesk } from '../retention-desk.js';
import { type CaseRetentionReleased, ReleaseCaseRetentionCommand } from './release-case-retention.command.js';

@CommandHandler(ReleaseCaseRetentionCommand)
export class ReleaseCaseRetentionHandler implements ICommandHandler<ReleaseCaseRetentionCommand, CaseRetentionReleased> {
  constructor(
    private readonly desk: RetentionDesk,
    private readonly actors: ActorResolver,
  ) {}

  async execute(command: ReleaseCaseRetentionCommand): Promise<CaseRetentionReleased> {
    // A sealed case that does not name the counsel is 403 SEALED, as on reading: whether it waits for a release tells its kind.
    const facts = await this.desk.caseFacts(command.caseId, await this.actors.actorNow(command.user));
    const result = await this.desk.execute(command.user, (base) => ({ type: 'ReleaseCaseRetention', ...base, case: facts, reason: command.reason }));
    return { caseId: command.caseId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

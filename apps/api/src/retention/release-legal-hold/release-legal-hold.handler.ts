import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, RetentionDesk } from '../retention-desk.js';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command.js';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand, void> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ReleaseLegalHoldCommand): Promise<void> {
    const now = this.desk.now();
    const actor = actorOf(command.user);
    await this.desk.execute({ type: 'ReleaseLegalHold', actor, occurredAt: now, recordedAt: now, holdId: command.holdId }, actor);
  }
}

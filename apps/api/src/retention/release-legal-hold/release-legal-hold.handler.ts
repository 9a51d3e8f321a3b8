import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, RetentionDesk } from '../retention-desk.js';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command.js';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand, void> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ReleaseLegalHoldCommand): Promise<void> {
    const now = this.desk.now();
    const actor = actorOf(command.user);
    const released = await this.desk.execute({ type: 'ReleaseLegalHold', actor, occurredAt: now, recordedAt: now, holdId: command.holdId }, actor);
    // A 204 carries no position to wait on: the next read of the holds must already show it released.
    await this.desk.viewsReached(released.position);
  }
}

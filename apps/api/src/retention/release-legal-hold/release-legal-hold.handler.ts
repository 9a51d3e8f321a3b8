import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionDesk } from '../retention-desk.js';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command.js';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand, void> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ReleaseLegalHoldCommand): Promise<void> {
    const released = await this.desk.execute(command.user, (base) => ({ type: 'ReleaseLegalHold', ...base, holdId: command.holdId }));
    // A 204 carries no position to wait on: the next read of the holds must already show it released.
    await this.desk.viewsReached(released.position);
  }
}

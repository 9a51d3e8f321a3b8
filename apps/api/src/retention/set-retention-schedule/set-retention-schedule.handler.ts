import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, RetentionDesk } from '../retention-desk.js';
import { type ScheduleSet, SetRetentionScheduleCommand } from './set-retention-schedule.command.js';

@CommandHandler(SetRetentionScheduleCommand)
export class SetRetentionScheduleHandler implements ICommandHandler<SetRetentionScheduleCommand, ScheduleSet> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: SetRetentionScheduleCommand): Promise<ScheduleSet> {
    const now = this.desk.now();
    const actor = actorOf(command.user);
    const result = await this.desk.execute({ type: 'SetRetentionSchedule', actor, occurredAt: now, recordedAt: now, rules: command.rules }, actor);
    const { rules, version } = result.state.schedule;
    return { rules, version, revision: result.revision.toString(), position: result.position.toString() };
  }
}

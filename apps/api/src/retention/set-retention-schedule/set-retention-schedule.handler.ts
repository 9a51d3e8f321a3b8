import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionDesk } from '../retention-desk.js';
import { type ScheduleSet, SetRetentionScheduleCommand } from './set-retention-schedule.command.js';

@CommandHandler(SetRetentionScheduleCommand)
export class SetRetentionScheduleHandler implements ICommandHandler<SetRetentionScheduleCommand, ScheduleSet> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: SetRetentionScheduleCommand): Promise<ScheduleSet> {
    const result = await this.desk.execute(command.user, (base) => ({ type: 'SetRetentionSchedule', ...base, rules: command.rules }));
    const { rules, version } = result.state.schedule;
    return { rules, version, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionDesk } from '../retention-desk.js';
import type { ScheduleProposedDto } from '../retention.response.dto.js';
import { ProposeRetentionScheduleCommand } from './propose-retention-schedule.command.js';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(ProposeRetentionScheduleCommand)
export class ProposeRetentionScheduleHandler implements ICommandHandler<ProposeRetentionScheduleCommand, ScheduleProposedDto> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute(command: ProposeRetentionScheduleCommand): Promise<ScheduleProposedDto> {
    const proposalId = newEntityId();
    const result = await this.desk.execute(command.user, (base) => ({ type: 'ProposeRetentionSchedule', ...base, proposalId, rules: command.rules }));
    const waiting = result.state.proposals[proposalId];
    return {
      proposalId,
      status: waiting ? 'awaiting_counsel' : 'in_effect',
      lowers: [...(waiting?.lowers ?? [])],
      version: result.state.schedule.version,
      revision: result.revision.toString(),
      position: result.position.toString(),
    };
  }
}

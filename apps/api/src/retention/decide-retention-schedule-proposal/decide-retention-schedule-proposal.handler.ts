import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionDesk } from '../retention-desk.js';
import type { SetRetentionScheduleResponseDto } from '../retention.response.dto.js';
import { DecideRetentionScheduleProposalCommand } from './decide-retention-schedule-proposal.command.js';

@CommandHandler(DecideRetentionScheduleProposalCommand)
export class DecideRetentionScheduleProposalHandler implements ICommandHandler<DecideRetentionScheduleProposalCommand, SetRetentionScheduleResponseDto | void> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute({ proposalId, decision, user }: DecideRetentionScheduleProposalCommand): Promise<SetRetentionScheduleResponseDto | void> {
    const type = decision === 'approve' ? 'ApproveRetentionScheduleProposal' : 'WithdrawRetentionScheduleProposal';
    const result = await this.desk.execute(user, (base) => ({ type, ...base, proposalId }));
    if (decision === 'withdraw') return;
    const { rules, version } = result.state.schedule;
    return { rules: rules.map((rule) => ({ ...rule })), version, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { SetRetentionScheduleResponseDto } from '../retention.response.dto.js';

/** Counsel approves a waiting proposal (`approve`), or the director or counsel withdraws it. */
export class DecideRetentionScheduleProposalCommand extends Command<SetRetentionScheduleResponseDto | void> {
  constructor(
    readonly proposalId: string,
    readonly decision: 'approve' | 'withdraw',
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

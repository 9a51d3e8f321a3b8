import { Command } from '@nestjs/cqrs';
import type { RetentionRule } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { ScheduleProposedDto } from '../retention.response.dto.js';

export class ProposeRetentionScheduleCommand extends Command<ScheduleProposedDto> {
  constructor(
    readonly rules: readonly RetentionRule[],
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

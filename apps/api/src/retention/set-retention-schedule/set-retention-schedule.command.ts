import { Command } from '@nestjs/cqrs';
import type { RetentionRule } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface ScheduleSet {
  readonly rules: readonly RetentionRule[];
  readonly version: number;
  readonly revision: string;
  readonly position: string;
}

export class SetRetentionScheduleCommand extends Command<ScheduleSet> {
  constructor(
    readonly rules: readonly RetentionRule[],
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

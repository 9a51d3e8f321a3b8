import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface CaseRetentionReleased {
  readonly caseId: string;
  readonly revision: string;
  readonly position: string;
}

export class ReleaseCaseRetentionCommand extends Command<CaseRetentionReleased> {
  constructor(
    readonly caseId: string,
    readonly reason: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CaseStatus, Category } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface RecordedWellnessCheck {
  readonly caseId: string;
  readonly revision: string;
  readonly position: string;
  readonly status: CaseStatus;
}

export class RecordWellnessCheckCommand extends Command<RecordedWellnessCheck> {
  constructor(
    readonly patronRef: string,
    readonly immediateThreat: boolean | undefined,
    readonly observed: string | undefined,
    readonly concern: string,
    readonly agency: string,
    readonly officer: string | undefined,
    readonly categories: readonly Category[],
    readonly occurredAt: string | undefined,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { Category, Channel, Identification, RequestEvaluation, Requester } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { CaseCommandResult } from '../case-command-runner.js';

export interface OpenedCase extends CaseCommandResult {
  readonly evaluation: RequestEvaluation;
}

export class OpenCaseCommand extends Command<OpenedCase> {
  constructor(
    readonly requester: Requester,
    readonly channel: Channel,
    /** The clear reference: protected before anything is stored, never logged. */
    readonly patron: { readonly ref: string; readonly isMinor?: boolean },
    readonly requestedCategories: readonly Category[],
    readonly identification: readonly Identification[],
    readonly purpose: string | undefined,
    readonly occurredAt: string | undefined,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

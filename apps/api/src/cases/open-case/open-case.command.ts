import { Command } from '@nestjs/cqrs';
import type { Category, Channel, Identification, Requester } from '@ledger/domain';
import type { OpenedCase } from '@ledger/runtime';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export type { OpenedCase } from '@ledger/runtime';

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

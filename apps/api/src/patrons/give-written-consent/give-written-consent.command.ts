import { Command } from '@nestjs/cqrs';
import type { Category, ConsentIdentification } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { PatronCommandResult } from '../patron-desk.js';

export interface GivenConsent extends PatronCommandResult {
  readonly consentId: string;
}

export class GiveWrittenConsentCommand extends Command<GivenConsent> {
  constructor(
    readonly patronRef: string,
    readonly grantee: string,
    readonly categories: readonly Category[],
    readonly expiresAt: string | undefined,
    readonly documentSha256: string | undefined,
    readonly occurredAt: string | undefined,
    readonly user: AuthenticatedUser,
    /** How the patron (and, for a minor, the co-signing guardian) was identified. */
    readonly proof: { readonly identification?: ConsentIdentification; readonly minor?: boolean; readonly guardianIdentification?: ConsentIdentification } = {},
  ) {
    super();
  }
}

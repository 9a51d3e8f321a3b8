import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { PurgeResponseDto } from '../retention.response.dto.js';

/** By hand (the director, with a reason) or by the purge scheduler (no user). */
export type PurgeRequester = { readonly basis: 'by_hand'; readonly user: AuthenticatedUser; readonly reason: string } | { readonly basis: 'schedule' };

export class PurgeCaseIdentityCommand extends Command<PurgeResponseDto> {
  constructor(
    readonly caseId: string,
    readonly requester: PurgeRequester,
    /** The records-disposition authorization the purge runs under, when given. */
    readonly dispositionAuthority?: string,
  ) {
    super();
  }
}

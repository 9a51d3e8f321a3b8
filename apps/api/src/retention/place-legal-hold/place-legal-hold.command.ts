import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface LegalHoldPlaced {
  readonly holdId: string;
  readonly revision: string;
  readonly position: string;
}

export class PlaceLegalHoldCommand extends Command<LegalHoldPlaced> {
  constructor(
    readonly target: { readonly caseId: string } | { readonly patronRef: string },
    readonly reason: string,
    readonly matter: string | undefined,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { PatronCommandResult } from '../patron-desk.js';

export class RevokeWrittenConsentCommand extends Command<PatronCommandResult> {
  constructor(
    readonly consentId: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

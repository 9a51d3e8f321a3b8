import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export class ReleaseLegalHoldCommand extends Command<void> {
  constructor(
    readonly holdId: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

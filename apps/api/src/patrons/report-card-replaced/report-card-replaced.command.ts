import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { PatronCommandResult } from '../patron-desk.js';

export class ReportCardReplacedCommand extends Command<PatronCommandResult> {
  constructor(
    readonly patronRef: string,
    readonly occurredAt: string | undefined,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

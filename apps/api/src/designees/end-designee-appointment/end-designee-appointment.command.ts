import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export class EndDesigneeAppointmentCommand extends Command<{ ended: number; revision: string; position: string }> {
  constructor(
    readonly userId: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

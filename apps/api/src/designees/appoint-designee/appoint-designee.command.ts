import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface AppointedDesignee {
  readonly appointmentId: string;
  readonly userId: string;
  readonly from: string;
  readonly to: string;
  readonly revision: string;
  readonly position: string;
}

export class AppointDesigneeCommand extends Command<AppointedDesignee> {
  constructor(
    readonly userId: string,
    readonly from: string,
    readonly to: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

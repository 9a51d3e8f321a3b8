import { Command } from '@nestjs/cqrs';
import type { NotificationMethod } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { NotificationRecordedDto } from '../incident.response.dto.js';

export class RecordBreachNotificationCommand extends Command<NotificationRecordedDto> {
  constructor(
    readonly incidentId: string,
    readonly to: { readonly patronRef?: string; readonly group?: string },
    readonly method: NotificationMethod,
    readonly notifiedAt: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

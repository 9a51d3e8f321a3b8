import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/ledger';
import { IncidentFollowUpRecorder } from '../incident-follow-ups/incident-follow-up.recorder.js';
import type { NotificationRecordedDto } from '../incident.response.dto.js';
import { RecordBreachNotificationCommand } from './record-breach-notification.command.js';

@CommandHandler(RecordBreachNotificationCommand)
export class RecordBreachNotificationHandler implements ICommandHandler<RecordBreachNotificationCommand, NotificationRecordedDto> {
  constructor(private readonly recorder: IncidentFollowUpRecorder) {}

  async execute(command: RecordBreachNotificationCommand): Promise<NotificationRecordedDto> {
    const notificationId = newEntityId();
    const written = await this.recorder.record(command.incidentId, command.user, (base) => ({
      type: 'RecordBreachNotification',
      ...base,
      incidentId: command.incidentId,
      notificationId,
      ...(command.to.patronRef !== undefined && { patron: this.recorder.identify(command.to.patronRef) }),
      ...(command.to.group !== undefined && { group: command.to.group }),
      method: command.method,
      notifiedAt: command.notifiedAt,
      maxBackdateDays: this.recorder.maxBackdateDays,
    }));
    return { incidentId: command.incidentId, notificationId, ...written };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IncidentCommand, incidentDecider, NotFound } from '@ledger/domain';
import type { LedgerConfig, ProtectedFields } from '@ledger/ledger';
import { StreamCommandRunner } from '@ledger/runtime';
import { LEDGER_CONFIG, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import type { NotificationRecordedDto } from '../incident.response.dto.js';
import { incidentStream } from '../record-breach-incident/record-breach-incident.handler.js';
import { RecordBreachNotificationCommand } from './record-breach-notification.command.js';
import { newEntityId } from '@ledger/ledger';

const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

@CommandHandler(RecordBreachNotificationCommand)
export class RecordBreachNotificationHandler implements ICommandHandler<RecordBreachNotificationCommand, NotificationRecordedDto> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LEDGER_CONFIG) private readonly config: Pick<LedgerConfig, 'maxBackdateDays'>,
  ) {}

  async execute(command: RecordBreachNotificationCommand): Promise<NotificationRecordedDto> {
    if (!INCIDENT_ID.test(command.incidentId)) throw new NotFound('No such incident');
    const notificationId = newEntityId();
    const result = await this.runner.run({
      stream: incidentStream(command.incidentId),
      decider: incidentDecider,
      expect: 'existing',
      notFoundMessage: `No incident ${command.incidentId}`,
      user: command.user,
      command: (base): IncidentCommand => ({
        type: 'RecordBreachNotification',
        ...base,
        incidentId: command.incidentId,
        notificationId,
        ...(command.to.patronRef !== undefined && { patron: this.protectedFields.identify(command.to.patronRef) }),
        ...(command.to.group !== undefined && { group: command.to.group }),
        method: command.method,
        notifiedAt: command.notifiedAt,
        maxBackdateDays: this.config.maxBackdateDays,
      }),
    });
    return { incidentId: command.incidentId, notificationId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { incidentDecider, NotFound } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { actorOf, RetentionDesk } from '../../retention/retention-desk.js';
import type { NotificationRecordedDto } from '../incident.response.dto.js';
import { incidentStream } from '../record-breach-incident/record-breach-incident.handler.js';
import { RecordBreachNotificationCommand } from './record-breach-notification.command.js';

const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

@CommandHandler(RecordBreachNotificationCommand)
export class RecordBreachNotificationHandler implements ICommandHandler<RecordBreachNotificationCommand, NotificationRecordedDto> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    private readonly desk: RetentionDesk,
  ) {}

  async execute(command: RecordBreachNotificationCommand): Promise<NotificationRecordedDto> {
    if (!INCIDENT_ID.test(command.incidentId)) throw new NotFound('No such incident');
    const now = this.desk.now();
    const actor = actorOf(command.user);
    const notificationId = randomUUID();
    const result = await this.pipeline.execute({
      stream: incidentStream(command.incidentId),
      decider: incidentDecider,
      expect: 'existing',
      notFoundMessage: `No incident ${command.incidentId}`,
      command: {
        type: 'RecordBreachNotification',
        actor,
        occurredAt: now,
        recordedAt: now,
        incidentId: command.incidentId,
        notificationId,
        ...(command.to.patronRef !== undefined && { patron: this.protectedFields.identify(command.to.patronRef) }),
        ...(command.to.group !== undefined && { group: command.to.group }),
        method: command.method,
        notifiedAt: command.notifiedAt,
      },
      meta: { actor, recordedAt: now, occurredAt: now },
    });
    return { incidentId: command.incidentId, notificationId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RetentionModule } from '../retention/retention.module.js';
import { IncidentFollowUpRecorder } from './incident-follow-ups/incident-follow-up.recorder.js';
import { IncidentFollowUpsHttpController } from './incident-follow-ups/incident-follow-ups.http.controller.js';
import { ListIncidentsHandler } from './list-incidents/list-incidents.handler.js';
import { ListIncidentsHttpController } from './list-incidents/list-incidents.http.controller.js';
import { RecordBreachIncidentHandler } from './record-breach-incident/record-breach-incident.handler.js';
import { RecordBreachIncidentHttpController } from './record-breach-incident/record-breach-incident.http.controller.js';
import { RecordBreachNotificationHandler } from './record-breach-notification/record-breach-notification.handler.js';
import { RecordBreachNotificationHttpController } from './record-breach-notification/record-breach-notification.http.controller.js';

/** Data-breach incidents and the notices sent about them (`incident-<id>` streams). */
@Module({
  imports: [CqrsModule, RetentionModule],
  controllers: [RecordBreachIncidentHttpController, RecordBreachNotificationHttpController, ListIncidentsHttpController, IncidentFollowUpsHttpController],
  providers: [IncidentFollowUpRecorder, RecordBreachIncidentHandler, RecordBreachNotificationHandler, ListIncidentsHandler],
})
export class IncidentsModule {}

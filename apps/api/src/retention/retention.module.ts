import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DecideRetentionScheduleProposalHandler } from './decide-retention-schedule-proposal/decide-retention-schedule-proposal.handler.js';
import { DecideRetentionScheduleProposalHttpController } from './decide-retention-schedule-proposal/decide-retention-schedule-proposal.http.controller.js';
import { ProposeRetentionScheduleHandler } from './propose-retention-schedule/propose-retention-schedule.handler.js';
import { ProposeRetentionScheduleHttpController } from './propose-retention-schedule/propose-retention-schedule.http.controller.js';
import { AnswerErasureRequestHandler, RecordErasureRequestHandler } from './answer-erasure-request/answer-erasure-request.handler.js';
import { AnswerErasureRequestHttpController } from './answer-erasure-request/answer-erasure-request.http.controller.js';
import { GetRetentionScheduleHandler } from './get-retention-schedule/get-retention-schedule.handler.js';
import { GetRetentionScheduleHttpController } from './get-retention-schedule/get-retention-schedule.http.controller.js';
import { ListLegalHoldsHandler } from './list-legal-holds/list-legal-holds.handler.js';
import { ListLegalHoldsHttpController } from './list-legal-holds/list-legal-holds.http.controller.js';
import { ListRetentionDueHandler } from './list-retention-due/list-retention-due.handler.js';
import { ListRetentionDueHttpController } from './list-retention-due/list-retention-due.http.controller.js';
import { PlaceLegalHoldHandler } from './place-legal-hold/place-legal-hold.handler.js';
import { PlaceLegalHoldHttpController } from './place-legal-hold/place-legal-hold.http.controller.js';
import { PurgeCaseIdentityHandler } from './purge-case-identity/purge-case-identity.handler.js';
import { PurgeCaseIdentityHttpController } from './purge-case-identity/purge-case-identity.http.controller.js';
import { ReleaseCaseRetentionHandler } from './release-case-retention/release-case-retention.handler.js';
import { ReleaseCaseRetentionHttpController } from './release-case-retention/release-case-retention.http.controller.js';
import { ReleaseLegalHoldHandler } from './release-legal-hold/release-legal-hold.handler.js';
import { ReleaseLegalHoldHttpController } from './release-legal-hold/release-legal-hold.http.controller.js';
import { RetentionDesk } from './retention-desk.js';
import { RetentionScheduler } from './retention-scheduler.service.js';
import { SetRetentionScheduleHandler } from './set-retention-schedule/set-retention-schedule.handler.js';
import { SetRetentionScheduleHttpController } from './set-retention-schedule/set-retention-schedule.http.controller.js';

/** Records lifecycle: the retention schedule, legal holds, purges (scheduled and by hand) and patrons' erasure requests. */
@Module({
  imports: [CqrsModule],
  controllers: [
    GetRetentionScheduleHttpController,
    SetRetentionScheduleHttpController,
    ProposeRetentionScheduleHttpController,
    DecideRetentionScheduleProposalHttpController,
    ListRetentionDueHttpController,
    PurgeCaseIdentityHttpController,
    ReleaseCaseRetentionHttpController,
    PlaceLegalHoldHttpController,
    ReleaseLegalHoldHttpController,
    ListLegalHoldsHttpController,
    AnswerErasureRequestHttpController,
  ],
  providers: [
    RetentionDesk,
    RetentionScheduler,
    GetRetentionScheduleHandler,
    SetRetentionScheduleHandler,
    ProposeRetentionScheduleHandler,
    DecideRetentionScheduleProposalHandler,
    ListRetentionDueHandler,
    PurgeCaseIdentityHandler,
    ReleaseCaseRetentionHandler,
    PlaceLegalHoldHandler,
    ReleaseLegalHoldHandler,
    ListLegalHoldsHandler,
    AnswerErasureRequestHandler,
    RecordErasureRequestHandler,
  ],
  exports: [RetentionDesk, RetentionScheduler],
})
export class RetentionModule {}

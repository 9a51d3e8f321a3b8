import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DecideReleaseHandler } from './decide-release/decide-release.handler.js';
import { DecideReleaseHttpController } from './decide-release/decide-release.http.controller.js';
import { ExplainPolicyHandler } from './explain-policy/explain-policy.handler.js';
import { ExplainPolicyHttpController } from './explain-policy/explain-policy.http.controller.js';
import { GetCaseHandler } from './get-case/get-case.handler.js';
import { GetCaseHttpController } from './get-case/get-case.http.controller.js';
import { ConfirmEarlierTimeHandler } from './confirm-earlier-time/confirm-earlier-time.handler.js';
import { ConfirmEarlierTimeHttpController } from './confirm-earlier-time/confirm-earlier-time.http.controller.js';
import { GrantNeedToKnowHandler } from './grant-need-to-know/grant-need-to-know.handler.js';
import { GrantNeedToKnowHttpController } from './grant-need-to-know/grant-need-to-know.http.controller.js';
import { KnownUsers } from './known-users.js';
import { OpenCaseHandler } from './open-case/open-case.handler.js';
import { OpenCaseHttpController } from './open-case/open-case.http.controller.js';
import { RecordCounselAdviceHandler } from './record-counsel-advice/record-counsel-advice.handler.js';
import { RecordCounselAdviceHttpController } from './record-counsel-advice/record-counsel-advice.http.controller.js';
import { RecordLegalInstrumentHandler } from './record-legal-instrument/record-legal-instrument.handler.js';
import { RecordLegalInstrumentHttpController } from './record-legal-instrument/record-legal-instrument.http.controller.js';
import { RecordProductionHandler } from './record-production/record-production.handler.js';
import { RecordProductionHttpController } from './record-production/record-production.http.controller.js';
import { RecordReleaseHandler } from './record-release/record-release.handler.js';
import { RecordReleaseHttpController } from './record-release/record-release.http.controller.js';
import { RecordWarrantExecutionHandler } from './record-warrant-execution/record-warrant-execution.handler.js';
import { RecordWarrantExecutionHttpController } from './record-warrant-execution/record-warrant-execution.http.controller.js';
import { ReferToCounselHandler } from './refer-to-counsel/refer-to-counsel.handler.js';
import { ReferToCounselHttpController } from './refer-to-counsel/refer-to-counsel.http.controller.js';
import { ReferToDirectorHandler } from './refer-to-director/refer-to-director.handler.js';
import { ReferToDirectorHttpController } from './refer-to-director/refer-to-director.http.controller.js';
import { RefuseRequestHandler } from './refuse-request/refuse-request.handler.js';
import { RefuseRequestHttpController } from './refuse-request/refuse-request.http.controller.js';

/** Disclosure cases (`case-<id>` streams): the front desk, the director's path, and reading a case. */
@Module({
  imports: [CqrsModule],
  controllers: [
    OpenCaseHttpController,
    GetCaseHttpController,
    RecordReleaseHttpController,
    RefuseRequestHttpController,
    ReferToDirectorHttpController,
    RecordLegalInstrumentHttpController,
    ExplainPolicyHttpController,
    ReferToCounselHttpController,
    RecordCounselAdviceHttpController,
    DecideReleaseHttpController,
    RecordProductionHttpController,
    RecordWarrantExecutionHttpController,
    GrantNeedToKnowHttpController,
    ConfirmEarlierTimeHttpController,
  ],
  providers: [
    KnownUsers,
    OpenCaseHandler,
    GetCaseHandler,
    RecordReleaseHandler,
    RefuseRequestHandler,
    ReferToDirectorHandler,
    RecordLegalInstrumentHandler,
    ExplainPolicyHandler,
    ReferToCounselHandler,
    RecordCounselAdviceHandler,
    DecideReleaseHandler,
    RecordProductionHandler,
    RecordWarrantExecutionHandler,
    GrantNeedToKnowHandler,
    ConfirmEarlierTimeHandler,
  ],
})
export class CasesModule {}

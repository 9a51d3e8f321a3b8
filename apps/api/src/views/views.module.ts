import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdentityModule } from '../identity/identity.module.js';
import { DisclosureStatsHandler } from './audit/disclosure-stats/disclosure-stats.handler.js';
import { DisclosureStatsHttpController } from './audit/disclosure-stats/disclosure-stats.http.controller.js';
import { ListDisclosuresHandler } from './audit/list-disclosures/list-disclosures.handler.js';
import { ListDisclosuresHttpController } from './audit/list-disclosures/list-disclosures.http.controller.js';
import { ListFindingsHandler } from './audit/list-findings/list-findings.handler.js';
import { ListFindingsHttpController } from './audit/list-findings/list-findings.http.controller.js';
import { VerifyLedgerHandler } from './audit/verify-ledger/verify-ledger.handler.js';
import { VerifyLedgerHttpController } from './audit/verify-ledger/verify-ledger.http.controller.js';
import { ListCounselCasesHandler } from './counsel/list-counsel-cases/list-counsel-cases.handler.js';
import { ListCounselCasesHttpController } from './counsel/list-counsel-cases/list-counsel-cases.http.controller.js';
import { ListDeadlinesHandler } from './director/list-deadlines/list-deadlines.handler.js';
import { ListDeadlinesHttpController } from './director/list-deadlines/list-deadlines.http.controller.js';
import { ListDirectorCasesHandler } from './director/list-director-cases/list-director-cases.handler.js';
import { ListDirectorCasesHttpController } from './director/list-director-cases/list-director-cases.http.controller.js';
import { ExportCaseFileHandler } from './export/export-case-file/export-case-file.handler.js';
import { ExportCaseFileHttpController } from './export/export-case-file/export-case-file.http.controller.js';
import { ListMyCasesHandler } from './desk/list-my-cases/list-my-cases.handler.js';
import { ListMyCasesHttpController } from './desk/list-my-cases/list-my-cases.http.controller.js';
import { DirectorPowers } from './shared/director-powers.js';
import { FindingsClock } from './shared/findings-clock.service.js';
import { ViewsLock } from './shared/views-lock.service.js';

/** The director's, the auditor's and counsel's views, staff's own cases, findings and case-file exports. */
@Module({
  imports: [CqrsModule, IdentityModule],
  controllers: [
    ListDirectorCasesHttpController,
    ListDeadlinesHttpController,
    ListCounselCasesHttpController,
    ListMyCasesHttpController,
    ListDisclosuresHttpController,
    DisclosureStatsHttpController,
    ListFindingsHttpController,
    VerifyLedgerHttpController,
    ExportCaseFileHttpController,
  ],
  providers: [
    DirectorPowers,
    FindingsClock,
    ViewsLock,
    ListDirectorCasesHandler,
    ListDeadlinesHandler,
    ListCounselCasesHandler,
    ListMyCasesHandler,
    ListDisclosuresHandler,
    DisclosureStatsHandler,
    ListFindingsHandler,
    VerifyLedgerHandler,
    ExportCaseFileHandler,
  ],
})
export class ViewsModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { caseCommandControllers } from './case-command.controllers.js';
import { CASE_COMMANDS } from './case-commands.table.js';
import { CaseCommands } from './case-commands.service.js';
import { GetCaseHandler } from './get-case/get-case.handler.js';
import { GetCaseHttpController } from './get-case/get-case.http.controller.js';
import { CaseAttachmentHttpController } from './attachments/case-attachment.http.controller.js';
import { CaseDocuments } from './attachments/case-documents.js';
import { CaseSearch } from './search/case-search.js';
import { SearchCasesHttpController } from './search/search-cases.http.controller.js';
import { KnownUsers } from './known-users.js';

/**
 * Disclosure cases (`case-<id>` streams): every case command from the one table (`case-commands.table.ts`),
 * wellness checks included, and reading a case.
 */
@Module({
  imports: [CqrsModule],
  controllers: [...caseCommandControllers(CASE_COMMANDS), GetCaseHttpController, CaseAttachmentHttpController, SearchCasesHttpController],
  providers: [KnownUsers, CaseCommands, CaseDocuments, CaseSearch, GetCaseHandler],
  exports: [CaseCommands, CaseDocuments, CaseSearch],
})
export class CasesModule {}

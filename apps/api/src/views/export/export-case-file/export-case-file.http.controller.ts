import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { ExportCaseFileQuery } from './export-case-file.query.js';
import { ExportCaseFileRequestDto } from './export-case-file.request.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/export')
export class ExportCaseFileHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The case file as JSON, CSV or PDF, for counsel, the director, designees and (pseudonymised) auditors. */
  @Get()
  @Roles('director', 'staff', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_export', caseIdParam: 'caseId' })
  async export(@Param('caseId') caseId: string, @Query() query: ExportCaseFileRequestDto, @CurrentUser() user: AuthenticatedUser) {
    const file = await this.queries.execute(new ExportCaseFileQuery(caseId, query.format ?? 'json', user));
    return new StreamableFile(file.body, { type: file.mediaType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
  }
}

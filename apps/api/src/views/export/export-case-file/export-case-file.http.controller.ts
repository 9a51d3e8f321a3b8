import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { ExportCaseFileQuery } from './export-case-file.query.js';
import { ExportCaseFileRequestDto } from './export-case-file.request.dto.js';
import { ProblemResponses } from '../../../http/openapi.js';

@ApiTags('cases')
@Controller('v1/cases/:caseId/export')
export class ExportCaseFileHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The case file as JSON, CSV or PDF, for counsel, the director, designees and (pseudonymised) auditors. */
  @Get()
  @ApiOperation({ summary: 'Export a case file (JSON, CSV or PDF)' })
  @Roles('director', 'staff', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_export', caseIdParam: 'caseId' })
  @ApiParam({ name: 'caseId' })
  @ApiOkResponse({
    description: 'The case file, as an attachment, in the format asked for',
    content: {
      'application/json': { schema: { type: 'object', description: 'The case file: summary, evaluation, instruments, advice, decisions, chronology, manifest, chain check' } },
      'text/csv': { schema: { type: 'string', description: 'One row per event with its chain hash' } },
      'application/pdf': { schema: { type: 'string', format: 'binary', description: 'The case file as a document for counsel' } },
    },
  })
  @ProblemResponses(400, [403, 'Not allowed to export this case; or `rule: "SEALED"`: a sealed case the caller is not named in'], [404, 'Unknown case'], 503)
  async export(@Param('caseId') caseId: string, @Query() query: ExportCaseFileRequestDto, @CurrentUser() user: AuthenticatedUser) {
    const file = await this.queries.execute(new ExportCaseFileQuery(caseId, query.format ?? 'json', user));
    return new StreamableFile(file.body, { type: file.mediaType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
  }
}

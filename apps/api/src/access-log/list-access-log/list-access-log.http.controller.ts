import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { queryAccessLog } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { awaitViews } from '../../views/shared/await-views.js';
import { withCursor } from '../../views/shared/invalid-cursor.js';
import { RecordAccess } from '../record-access.interceptor.js';
import { ListAccessLogRequestDto } from './list-access-log.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../http/openapi.js';
import { AccessLogEntryDto } from './access-log-entry.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/access-log')
export class ListAccessLogHttpController {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  /** Who read or exported what, and when; newest first. Reading it is itself recorded. */
  @Get()
  @Roles('auditor')
  @RecordAccess({ action: 'access_log_query' })
  @ApiPageResponse(AccessLogEntryDto, 'Reads and exports, newest first')
  @ProblemResponses(400, 503)
  async list(@Query() query: ListAccessLogRequestDto) {
    await awaitViews(this.views, query.minPosition);
    return withCursor(() =>
      queryAccessLog(this.views.db, {
        from: query.from,
        to: query.to,
        userId: query.userId,
        caseId: query.caseId,
        limit: query.limit ?? 50,
        cursor: query.cursor,
      }),
    );
  }
}

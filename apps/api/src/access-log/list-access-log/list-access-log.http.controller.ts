import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { accessEntriesShownTo, queryAccessLog } from '@ledger/projections';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { awaitViews } from '../../views/shared/await-views.js';
import { withCursor } from '../../views/shared/invalid-cursor.js';
import { RecordAccess } from '../record-access.interceptor.js';
import { ListAccessLogRequestDto } from './list-access-log.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../http/openapi.js';
import { AccessLogEntryDto } from './access-log-entry.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('audit')
@Controller('v1/audit/access-log')
export class ListAccessLogHttpController {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly actors: ActorResolver,
  ) {}

  /** Who read or exported what, and when; newest first. Reading it is itself recorded. */
  @Get()
  @ApiOperation({ summary: 'List the access log: who read or exported which case' })
  @Roles('auditor')
  @RecordAccess({ action: 'access_log_query' })
  @ApiPageResponse(AccessLogEntryDto, 'Reads and exports, newest first')
  @ProblemResponses(400, 503)
  async list(@Query() query: ListAccessLogRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    const reader = await this.actors.actorNow(user);
    const page = withCursor(() =>
      queryAccessLog(this.views.db, {
        from: query.from,
        to: query.to,
        userId: query.userId,
        caseId: query.caseId,
        limit: query.limit ?? 50,
        cursor: query.cursor,
      }),
    );
    return { ...page, items: accessEntriesShownTo(this.views.db, page.items, reader) };
  }
}

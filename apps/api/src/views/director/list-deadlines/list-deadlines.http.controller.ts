import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { DirectorPowers } from '../../shared/director-powers.js';
import { ListDeadlinesQuery } from './list-deadlines.query.js';
import { ListDeadlinesRequestDto, withinMs } from './list-deadlines.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { DeadlineItemDto } from './deadline-item.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('director')
@Controller('v1/director/deadlines')
export class ListDeadlinesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly powers: DirectorPowers,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** Return dates (and a subpoena's objection date) of open cases: missed ones first, then the soonest. */
  @Get()
  @ApiOperation({ summary: 'The director\'s deadlines' })
  @Roles('director', 'staff')
  @RecordAccess({ action: 'deadlines_query' })
  @ApiPageResponse(DeadlineItemDto, 'Missed deadlines first, then the soonest')
  @ProblemResponses(400, [403, 'Not the director, and not a staff member with an active designee appointment'], 503)
  async list(@Query() query: ListDeadlinesRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await this.powers.assert(user);
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListDeadlinesQuery(withinMs(query.within), query.limit ?? 50, query.cursor));
  }
}

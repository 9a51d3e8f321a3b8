import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorResolver, sealedScopeNow } from '../../../auth/designee-roster.js';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { DisclosureStatsQuery } from './disclosure-stats.query.js';
import { DisclosureStatsRequestDto } from './disclosure-stats.request.dto.js';
import { ProblemResponses } from '../../../http/openapi.js';
import { DisclosureStatsDto } from './disclosure-stats.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('audit')
@Controller('v1/audit/stats')
export class DisclosureStatsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly actors: ActorResolver,
  ) {}

  /** Counts of cases opened in [from, to) by requester kind, outcome and instrument type. */
  @Get()
  @ApiOperation({ summary: 'Disclosure statistics for a period' })
  @Roles('auditor')
  @RecordAccess({ action: 'stats_query' })
  @ApiOkResponse({ type: DisclosureStatsDto })
  @ProblemResponses(400, 503)
  async stats(@Query() query: DisclosureStatsRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new DisclosureStatsQuery(query.from, query.to, await sealedScopeNow(this.actors, user)));
  }
}

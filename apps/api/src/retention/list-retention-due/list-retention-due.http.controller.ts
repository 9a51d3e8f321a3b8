import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { ProblemResponses } from '../../http/openapi.js';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { awaitViews } from '../../views/shared/await-views.js';
import { RetentionDueDto } from '../retention.response.dto.js';
import { ListRetentionDueQuery } from './list-retention-due.query.js';
import { ListRetentionDueRequestDto } from './list-retention-due.request.dto.js';

@ApiTags('retention')
@Controller('v1/retention/due')
export class ListRetentionDueHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly actors: ActorResolver,
  ) {}

  /** Identities due for purge by `before`, the rule and date that make each due, and the holds that keep some. */
  @Get()
  @ApiOperation({ summary: 'The patron identities due for purge by a date' })
  @Roles('director', 'counsel')
  @RecordAccess({ action: 'retention_due_query' })
  @ApiOkResponse({ type: RetentionDueDto })
  @ProblemResponses(400, 503)
  async list(@Query() query: ListRetentionDueRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListRetentionDueQuery(query.before, await this.actors.actorNow(user)));
  }
}

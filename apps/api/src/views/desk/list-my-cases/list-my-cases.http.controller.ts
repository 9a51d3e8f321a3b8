import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LiveViews } from '@ledger/runtime';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { ActorResolver, sealedScopeNow } from '../../../auth/designee-roster.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';
import { ListMyCasesQuery } from './list-my-cases.query.js';
import { MyCaseDto } from './my-case.response.dto.js';

@ApiTags('desk')
@Controller('v1/desk/cases')
export class ListMyCasesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly actors: ActorResolver,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** My cases: the cases the caller opened, newest first, with what each waits for (a sealed one shows only that it is sealed). */
  @Get()
  @ApiOperation({ summary: 'My cases: the cases the caller opened' })
  @Roles('staff', 'director')
  @RecordAccess({ action: 'my_cases_query' })
  @ApiPageResponse(MyCaseDto, 'The cases the caller opened, newest first')
  @ProblemResponses(400, 503)
  async list(@Query() query: PageQueryRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListMyCasesQuery(user.userId, await sealedScopeNow(this.actors, user), query.limit ?? 50, query.cursor));
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';
import { ListCounselCasesQuery } from './list-counsel-cases.query.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { CounselCaseDto } from './counsel-case.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('counsel')
@Controller('v1/counsel/cases')
export class ListCounselCasesHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** The cases currently referred to the calling counsel (sealed ones included: the referred counsel may see them). */
  @Get()
  @ApiOperation({ summary: 'The cases referred to the calling counsel' })
  @Roles('counsel')
  @RecordAccess({ action: 'counsel_queue_query' })
  @ApiPageResponse(CounselCaseDto, 'The cases referred to the caller, most recently referred first')
  @ProblemResponses(400, 503)
  async list(@Query() query: PageQueryRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListCounselCasesQuery(user.userId, query.limit ?? 50, query.cursor));
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorResolver, sealedScopeNow } from '../../../auth/designee-roster.js';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { ListFindingsQuery } from './list-findings.query.js';
import { ListFindingsRequestDto } from './list-findings.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { FindingDto } from './finding.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('audit')
@Controller('v1/audit/findings')
export class ListFindingsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly actors: ActorResolver,
  ) {}

  /** Compliance findings, newest first: `{findingId, rule, severity, caseId, detectedAt, message, citation}`. */
  @Get()
  @ApiOperation({ summary: 'The auditor\'s findings' })
  @Roles('auditor', 'director')
  @RecordAccess({ action: 'findings_query' })
  @ApiPageResponse(FindingDto, 'Findings, newest first')
  @ProblemResponses(400, 503)
  async list(@Query() query: ListFindingsRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    const { minPosition: _wait, limit, ...filter } = query;
    const reader = await sealedScopeNow(this.actors, user);
    return this.queries.execute(new ListFindingsQuery({ ...filter, limit: limit ?? 50, reader }));
  }
}

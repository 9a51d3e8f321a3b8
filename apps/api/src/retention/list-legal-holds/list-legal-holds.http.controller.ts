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
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { LegalHoldListDto } from '../retention.response.dto.js';
import { ListLegalHoldsQuery } from './list-legal-holds.query.js';

@ApiTags('legal holds')
@Controller('v1/legal-holds')
export class ListLegalHoldsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly actors: ActorResolver,
  ) {}

  /** Holds in force, then released ones: what each covers (a case, or a patron by pseudonym), why, and who placed and released it; a hold over a sealed case the caller is not named in shows as `{holdId, caseId?, status, sealed: true}`. */
  @Get()
  @ApiOperation({ summary: 'List the legal holds' })
  @Roles('counsel', 'director', 'auditor')
  @RecordAccess({ action: 'legal_holds_query' })
  @ApiOkResponse({ type: LegalHoldListDto })
  @ProblemResponses(400, 503)
  async list(@Query() query: ViewQueryRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListLegalHoldsQuery(await this.actors.actorNow(user)));
  }
}

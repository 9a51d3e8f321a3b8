import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { awaitViews } from '../../views/shared/await-views.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { IncidentListDto } from '../incident.response.dto.js';
import { ListIncidentsQuery } from './list-incidents.query.js';

@ApiTags('incidents')
@Controller('v1/incidents')
export class ListIncidentsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** Breach incidents, newest discovery first, with their notices, deadline and who still waits for a notice. */
  @Get()
  @ApiOperation({ summary: 'List the breach incidents' })
  @Roles('director', 'auditor')
  @RecordAccess({ action: 'incidents_query' })
  @ApiOkResponse({ type: IncidentListDto })
  @ProblemResponses(400, 503)
  async list(@Query() query: ViewQueryRequestDto) {
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListIncidentsQuery());
  }
}

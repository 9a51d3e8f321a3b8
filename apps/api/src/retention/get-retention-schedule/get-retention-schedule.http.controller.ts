import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { RetentionScheduleDto } from '../retention.response.dto.js';
import { GetRetentionScheduleQuery } from './get-retention-schedule.query.js';

@ApiTags('retention')
@Controller('v1/retention/schedule')
export class GetRetentionScheduleHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** How long the patron identity in each kind of case is kept after the case closes. Reads the stream: `minPosition` answers at once. */
  @Get()
  @ApiOperation({ summary: 'The retention schedule in force' })
  @Roles('director', 'counsel', 'auditor')
  @ApiOkResponse({ type: RetentionScheduleDto })
  @ProblemResponses(400, 503)
  async get(@Query() _query: ViewQueryRequestDto) {
    return this.queries.execute(new GetRetentionScheduleQuery());
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { ListVendorsQuery } from './list-vendors.query.js';
import { VendorListResponseDto } from './list-vendors.response.dto.js';

@ApiTags('vendors')
@Controller('v1/vendors')
export class ListVendorsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The library's approved vendors (and those withdrawn), from the `vendors-main` stream. */
  @Get()
  @ApiOperation({ summary: 'List the approved vendors' })
  @Roles('staff', 'director', 'auditor')
  @ApiOkResponse({ description: 'The vendors', type: VendorListResponseDto })
  @ProblemResponses([400, 'Invalid query'], [503, '`minPosition` is accepted like on every query, but the list is read from its stream and never waits for the views'])
  async list(@Query() _query: ViewQueryRequestDto) {
    return this.queries.execute(new ListVendorsQuery(this.clock.now().toISOString()));
  }
}

import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { ProblemResponses } from '../http/openapi.js';
import { TransparencyDesk } from './transparency-desk.js';
import { PrepareTransparencyReportRequestDto } from './transparency.request.dto.js';
import { TransparencyReportPreparedDto, TransparencyReportPublishedDto } from './transparency.response.dto.js';

@ApiTags('transparency')
@Controller('v1/transparency/reports')
export class TransparencyHttpController {
  constructor(private readonly desk: TransparencyDesk) {}

  /**
   * The director prepares a transparency report for a period that is over: the counts are computed from
   * the ledger at its latest checkpoint and signed by the log key. It stays a draft until counsel approves it.
   */
  @Post()
  @ApiOperation({ summary: 'Prepare a transparency report (a draft)' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: TransparencyReportPreparedDto })
  @ProblemResponses(
    [400, 'Invalid body; a period not over, in the wrong order, or longer than the structure reports at a time'],
    [404, 'The report to supersede does not exist'],
    [409, '`CASE-STATE`: the report to supersede is a draft, or was superseded already'],
  )
  prepare(@Body() body: PrepareTransparencyReportRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<TransparencyReportPreparedDto> {
    return this.desk.prepare(body, user);
  }

  /** Counsel approves a draft: it is published on `/transparency` (and corrects the report it supersedes). */
  @Post(':reportId/approval')
  @ApiOperation({ summary: 'Approve and publish a transparency report' })
  @HttpCode(200)
  @Roles('counsel')
  @ApiOkResponse({ type: TransparencyReportPublishedDto })
  @ProblemResponses([404, 'Unknown report'], [409, '`CASE-STATE`: published already, or the report it corrects was corrected by another'])
  approve(@Param('reportId') reportId: string, @CurrentUser() user: AuthenticatedUser): Promise<TransparencyReportPublishedDto> {
    return this.desk.approve(reportId, user);
  }
}

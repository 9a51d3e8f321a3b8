import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import type { CaseView } from './case-view.js';
import { GetCaseQuery } from './get-case.query.js';
import { ProblemResponses } from '../../http/openapi.js';
import { CaseViewDto } from './case-view.response.dto.js';

@ApiTags('cases')
@Controller('v1/cases/:caseId')
export class GetCaseHttpController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The case with its evaluation, status, outcome, instruments, advice, decision, production and
   * timeline, read from the case stream itself (no `minPosition` needed). `ETag` is the revision to
   * send back as `If-Match`. Every read is recorded in the access log.
   */
  @Get()
  @ApiOperation({ summary: 'Read one case' })
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_read', caseIdParam: 'caseId' })
  @ApiParam({ name: 'caseId' })
  @ApiOkResponse({
    type: CaseViewDto,
    description:
      '`{caseId, kind, revision, status, outcome, closedAt, sealed, receivedAt, openedAt, openedBy, access, requester, channel, patron:{pseudonym, isMinor, ref?}, requestedCategories, identification, purpose, evaluation, wellness, releases, refusal, policyExplanation, instruments, counselUserId, counselReferral, advice, decision, production, productions, warrantExecutions, releasedCategories, needToKnow, timeline:[{revision, type, label, detail, occurredAt, recordedAt, by:{userId, role}, actor:{userId, role}, policyVersion}]}`; auditors get the pseudonym and no `ref`',
  })
  @ProblemResponses([403, 'Not a party to the case; or `rule: "SEALED"`: a sealed case the caller is not named in'], [404, 'Unknown case'])
  async get(@Param('caseId') caseId: string, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) response: Response): Promise<CaseView> {
    const view = await this.queries.execute(new GetCaseQuery(caseId, user));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseSearchItem, Page } from '@ledger/projections';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ApiPageResponse, ProblemResponses } from '../../http/openapi.js';
import { CaseSearchItemDto } from './case-search-item.response.dto.js';
import { CaseSearch, recordableSearch } from './case-search.js';
import { SearchCasesRequestDto } from './search-cases.request.dto.js';

@ApiTags('cases')
@Controller('v1/cases/search')
export class SearchCasesHttpController {
  constructor(private readonly cases: CaseSearch) {}

  /**
   * Cases by id, docket number, requester name or patron reference, newest first, as the caller may
   * see them (`whatMayBeShown`): a sealed case the caller is not named in is found by its id alone,
   * as `{caseId, sealed: true}`, never by what it holds.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Search for cases by id, docket number, requester name or patron' })
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_search', recordBody: recordableSearch })
  @ApiPageResponse(CaseSearchItemDto, 'The cases found, newest first; a page may hold fewer than `limit` (cases the caller has no part in are left out): follow `nextCursor`')
  @ProblemResponses([400, 'Invalid body, or no term to search by'], [403, '`patronRef` from a role other than the director or an auditor'], 503)
  search(@Body() body: SearchCasesRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<CaseSearchItem>> {
    return this.cases.run(body, user);
  }
}

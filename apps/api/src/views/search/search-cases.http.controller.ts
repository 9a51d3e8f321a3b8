import { Body, Controller, ForbiddenException, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sealedCasesOpenTo } from '@ledger/domain';
import type { ProtectedFields } from '@ledger/ledger';
import { type CaseSearchItem, type Page, queryCaseSearch } from '@ledger/projections';
import { type LiveViews, PatronDirectory } from '@ledger/runtime';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { ApiPageResponse, ProblemResponses } from '../../http/openapi.js';
import { RequestValidationError } from '../../http/validation.js';
import { LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { awaitViews } from '../shared/await-views.js';
import { withCursor } from '../shared/invalid-cursor.js';
import { CaseSearchItemDto } from './case-search-item.response.dto.js';
import { SearchCasesRequestDto } from './search-cases.request.dto.js';

/** The roles that may search by patron reference: the Director, and auditors (who see the pseudonym). */
const PATRON_SEARCH_ROLES: readonly string[] = ['director', 'auditor'];

/** The search's terms as the access log keeps them: what was searched by, never a patron reference. */
export function recordableSearch(body: unknown): Record<string, string> {
  const given = (body ?? {}) as Record<string, unknown>;
  const terms: Record<string, string> = {};
  for (const field of ['caseId', 'docketNumber', 'requesterName'] as const) {
    if (typeof given[field] === 'string' && given[field] !== '') terms[field] = (given[field]).slice(0, 200);
  }
  if (given.patronRef !== undefined) terms.patronRef = 'given';
  return terms;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/search')
export class SearchCasesHttpController {
  constructor(
    private readonly actors: ActorResolver,
    private readonly patrons: PatronDirectory,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

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
  async search(@Body() body: SearchCasesRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<CaseSearchItem>> {
    const { caseId, docketNumber, requesterName, patronRef, limit, cursor, minPosition } = body;
    if ([caseId, docketNumber, requesterName, patronRef].every((term) => term === undefined)) {
      throw new RequestValidationError([{ field: 'caseId', messages: ['Give a case id, a docket number, a requester name or a patron reference to search by'] }]);
    }
    if (patronRef !== undefined && !PATRON_SEARCH_ROLES.includes(user.role)) throw new ForbiddenException('Only the Director and auditors search by patron reference');
    await awaitViews(this.views, minPosition);
    const reader = await this.actors.actorNow(user);
    // The patron's cases under any of their identifiers (card numbers, the ILS id).
    const patronIdentifiers = patronRef === undefined ? undefined : (await this.patrons.resolve(this.protectedFields.blindIndex(patronRef))).identifiers.map((identifier) => identifier.blindIndex);
    return withCursor(() =>
      queryCaseSearch(this.views.db, {
        ...(caseId !== undefined && { caseId }),
        ...(docketNumber !== undefined && { docketNumber }),
        ...(requesterName !== undefined && { requesterName }),
        ...(patronIdentifiers !== undefined && { patronIdentifiers }),
        reader,
        scope: sealedCasesOpenTo(reader),
        limit: limit ?? 50,
        ...(cursor !== undefined && { cursor }),
      }),
    );
  }
}

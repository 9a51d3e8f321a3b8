import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ProtectedFields } from '@ledger/ledger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { ActorResolver, sealedScopeNow } from '../../../auth/designee-roster.js';
import { LIVE_VIEWS, PROTECTED_FIELDS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { patronPseudonymsIn } from '@ledger/projections';
import { ListDisclosuresQuery } from './list-disclosures.query.js';
import { ListDisclosuresRequestDto } from './list-disclosures.request.dto.js';
import { SearchDisclosuresRequestDto } from './search-disclosures.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { DisclosureRegisterItemDto } from './disclosure-register-item.response.dto.js';
import { type LiveViews, PatronDirectory } from '@ledger/runtime';

@ApiTags('audit')
@Controller('v1/audit/disclosures')
export class ListDisclosuresHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    private readonly actors: ActorResolver,
    private readonly patrons: PatronDirectory,
  ) {}

  /** The register: one row per case, open or closed, newest first; `patron` is a pseudonym. */
  @Get()
  @ApiOperation({ summary: 'The disclosure register' })
  @Roles('auditor')
  @RecordAccess({ action: 'register_query' })
  @ApiPageResponse(DisclosureRegisterItemDto, 'One row per case, newest first')
  @ProblemResponses(400, 503)
  async list(@Query() query: ListDisclosuresRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, query.minPosition);
    const { minPosition: _wait, patron, limit, ...filters } = query;
    return this.queries.execute(
      // A pseudonym names one identifier; the patron's cases under their other identifiers come too.
      new ListDisclosuresQuery({ ...filters, ...(patron ? { patronPseudonyms: patronPseudonymsIn(this.views.db, patron) } : {}), limit: limit ?? 50, reader: await sealedScopeNow(this.actors, user) }),
    );
  }

  /** The register for one patron named by reference, in the body: the reference is neither stored nor logged. */
  @Post('search')
  @ApiOperation({ summary: 'Search the disclosure register for one patron\'s cases' })
  @HttpCode(200)
  @Roles('auditor')
  @RecordAccess({ action: 'register_query' })
  @ApiPageResponse(DisclosureRegisterItemDto, 'The patron\u2019s cases, newest first')
  @ProblemResponses(400, 503)
  async search(@Body() body: SearchDisclosuresRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await awaitViews(this.views, body.minPosition);
    const { minPosition: _wait, patronRef, limit, ...filters } = body;
    // The patron's cases under any of their identifiers (card numbers, the ILS id).
    const patronPseudonyms = (await this.patrons.resolve(this.protectedFields.blindIndex(patronRef))).identifiers.map((identifier) => identifier.pseudonym);
    return this.queries.execute(new ListDisclosuresQuery({ ...filters, patronPseudonyms, limit: limit ?? 50, reader: await sealedScopeNow(this.actors, user) }));
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../../auth/authenticated-user.js';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { awaitViews } from '../../shared/await-views.js';
import { DirectorPowers } from '../../shared/director-powers.js';
import { ListDirectorCasesQuery } from './list-director-cases.query.js';
import { ListDirectorCasesRequestDto } from './list-director-cases.request.dto.js';
import { ApiPageResponse, ProblemResponses } from '../../../http/openapi.js';
import { DirectorBoardItemDto } from './director-board-item.response.dto.js';
import type { LiveViews } from '@ledger/runtime';

@ApiTags('director')
@Controller('v1/director/cases')
export class ListDirectorCasesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly powers: DirectorPowers,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** The director's board: every case not closed by default, newest first (or soonest deadline first), with what it waits for. */
  @Get()
  @ApiOperation({ summary: 'The director\'s board of cases' })
  @Roles('director', 'staff')
  @RecordAccess({ action: 'director_board_query' })
  @ApiPageResponse(DirectorBoardItemDto, 'The board, newest first')
  @ProblemResponses(400, [403, 'Not the director, and not a staff member with an active designee appointment'], 503)
  async list(@Query() query: ListDirectorCasesRequestDto, @CurrentUser() user: AuthenticatedUser) {
    await this.powers.assert(user);
    await awaitViews(this.views, query.minPosition);
    return this.queries.execute(new ListDirectorCasesQuery(query.status ?? 'open', query.kind, query.limit ?? 50, query.cursor, query.caseKind, query.sort));
  }
}

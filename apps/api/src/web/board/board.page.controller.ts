import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CASE_STATUSES, REQUESTER_KINDS } from '@ledger/domain';
import type { BoardSort, BoardStatusFilter, DeadlineItem, DirectorBoardItem, IdentityDirectory, Page } from '@ledger/projections';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { DirectorPowers } from '../../views/shared/director-powers.js';
import { ListDeadlinesQuery } from '../../views/director/list-deadlines/list-deadlines.query.js';
import { ListDirectorCasesQuery } from '../../views/director/list-director-cases/list-director-cases.query.js';
import { ListDirectorCasesRequestDto } from '../../views/director/list-director-cases/list-director-cases.request.dto.js';
import { Inject } from '@nestjs/common';
import { type Clock, CLOCK, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { pageQuery, queryString } from '../shared/web-query.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';

const THIRTY_DAYS_MS = 30 * 86_400_000;
const WELLNESS_CHECKS_SHOWN = 20;

export interface BoardPageModel {
  readonly title: string;
  readonly items: readonly (DirectorBoardItem & { readonly overdue: boolean })[];
  readonly filters: { readonly status: BoardStatusFilter; readonly kind: string; readonly caseKind: string; readonly sort: BoardSort };
  readonly nextHref: string | null;
  readonly wellnessChecks: readonly DirectorBoardItem[];
  readonly everyWellnessCheckHref: string | null;
  readonly nameOf: (userId: string) => string;
  readonly paged: boolean;
  readonly statuses: typeof CASE_STATUSES;
  readonly kinds: typeof REQUESTER_KINDS;
}
const BOARD_PAGE = pageOf<BoardPageModel>('/board/board');

export interface DeadlinesPageModel {
  readonly title: string;
  readonly missed: readonly DeadlineItem[];
  readonly upcoming: readonly DeadlineItem[];
  readonly objected: readonly DeadlineItem[];
}
const DEADLINES_PAGE = pageOf<DeadlinesPageModel>('/board/deadlines');

/** The director's case board and deadlines calendar (the director, or a designee while appointed). */
@WebPages()
@Controller('board')
export class BoardPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: QueryBus,
    private readonly powers: DirectorPowers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  @Get()
  @Roles('director', 'staff')
  @RecordAccess({ action: 'director_board_query', queryDto: ListDirectorCasesRequestDto })
  async board(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.powers.assert(request.user!);
    const query = await pageQuery(ListDirectorCasesRequestDto, raw, ['status', 'kind', 'caseKind', 'sort', 'cursor']);
    // The desk under pressure reads the board by what is due next; newest first is one choice away.
    const sort = query.sort ?? 'deadline';
    const page: Page<DirectorBoardItem> = await this.queries.execute(
      new ListDirectorCasesQuery(query.status ?? 'open', query.kind, 50, query.cursor, query.caseKind, sort),
    );
    // Wellness checks close as they are recorded; the director reviews every one, so the board lists them apart.
    const wellness: Page<DirectorBoardItem> = await this.queries.execute(
      new ListDirectorCasesQuery('all', undefined, WELLNESS_CHECKS_SHOWN, undefined, 'wellness_check'),
    );
    const users = this.directory.listUsers();
    const now = this.clock.now().toISOString();
    this.pages.send(response, request, BOARD_PAGE, {
      title: 'Case board',
      items: page.items.map((item) => ({ ...item, overdue: item.nextDeadline !== null && item.nextDeadline < now })),
      filters: { status: query.status ?? 'open', kind: query.kind ?? '', caseKind: query.caseKind ?? '', sort },
      nextHref: page.nextCursor
        ? `/board${queryString({ status: query.status, kind: query.kind, caseKind: query.caseKind, sort: query.sort, cursor: page.nextCursor })}`
        : null,
      wellnessChecks: wellness.items,
      everyWellnessCheckHref: wellness.nextCursor ? '/board?status=all&caseKind=wellness_check' : null,
      nameOf: (userId: string) => users.find((u) => u.userId === userId)?.name ?? 'A former user',
      paged: query.cursor !== undefined,
      statuses: CASE_STATUSES,
      kinds: REQUESTER_KINDS,
    });
  }

  @Get('deadlines')
  @Roles('director', 'staff')
  @RecordAccess({ action: 'deadlines_query' })
  async deadlines(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.powers.assert(request.user!);
    const page: Page<DeadlineItem> = await this.queries.execute(new ListDeadlinesQuery(THIRTY_DAYS_MS, 500, undefined));
    // Missed deadlines first, then the next 30 days, soonest first.
    const items = [...page.items].sort((a, b) => Number(b.missed) - Number(a.missed) || a.dueAt.localeCompare(b.dueAt));
    const running = items.filter((i) => i.objectionFiledAt === null);
    this.pages.send(response, request, DEADLINES_PAGE, {
      title: 'Deadlines',
      missed: running.filter((i) => i.missed),
      upcoming: running.filter((i) => !i.missed),
      objected: items.filter((i) => i.objectionFiledAt !== null),
    });
  }
}

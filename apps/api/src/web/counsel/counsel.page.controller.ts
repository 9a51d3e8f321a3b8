import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CounselQueueItem, Page } from '@ledger/projections';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { TransparencyDesk } from '../../transparency/transparency-desk.js';
import { ListCounselCasesQuery } from '../../views/counsel/list-counsel-cases/list-counsel-cases.query.js';
import { PageQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { pageQuery, queryString } from '../shared/web-query.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';

export interface CounselQueuePageModel {
  readonly title: string;
  readonly items: readonly CounselQueueItem[];
  readonly nextHref: string | null;
  /** Transparency reports the director prepared that wait for counsel's approval (`/transparency-reports`). */
  readonly reportsAwaitingApproval: number;
}
const COUNSEL_QUEUE_PAGE = pageOf<CounselQueuePageModel>('/counsel/queue');

/** Counsel's queue: the cases referred to the signed-in counsel, and the transparency reports waiting for approval. */
@WebPages()
@Controller('counsel')
export class CounselPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: QueryBus,
    private readonly transparency: TransparencyDesk,
  ) {}

  @Get()
  @Roles('counsel')
  @RecordAccess({ action: 'counsel_queue_query', queryDto: PageQueryRequestDto })
  async queue(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(PageQueryRequestDto, raw, ['cursor']);
    const page: Page<CounselQueueItem> = await this.queries.execute(new ListCounselCasesQuery(request.user!.userId, 50, query.cursor));
    this.pages.send(response, request, COUNSEL_QUEUE_PAGE, {
      title: 'Cases referred to you',
      items: page.items,
      nextHref: page.nextCursor ? `/counsel${queryString({ cursor: page.nextCursor })}` : null,
      reportsAwaitingApproval: Object.values((await this.transparency.state()).reports).filter((report) => report.status === 'draft').length,
    });
  }
}

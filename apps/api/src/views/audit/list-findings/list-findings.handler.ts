import { Inject, ServiceUnavailableException } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryFindings } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { FindingsClock } from '../../shared/findings-clock.service.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListFindingsQuery } from './list-findings.query.js';
import { type LiveViews, ViewsWorkerUnavailableError } from '@ledger/runtime';

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly clock: FindingsClock,
  ) {}

  async execute(query: ListFindingsQuery) {
    // Whatever the timer last saw: time-based findings are checked against the clock now.
    try {
      await this.clock.check();
    } catch (error) {
      if (error instanceof ViewsWorkerUnavailableError) throw new ServiceUnavailableException('The views are restarting; retry shortly');
      throw error;
    }
    return withCursor(() => queryFindings(this.views.db, query.filter));
  }
}

import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryFindings } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { FindingsClock } from '../../shared/findings-clock.service.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListFindingsQuery } from './list-findings.query.js';
import type { LiveViews } from '../../../infrastructure/views/live-views.js';

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly clock: FindingsClock,
  ) {}

  async execute(query: ListFindingsQuery) {
    // Whatever the timer last saw: time-based findings are checked against the clock now.
    this.clock.check();
    return withCursor(() => queryFindings(this.views.db, query.filter));
  }
}

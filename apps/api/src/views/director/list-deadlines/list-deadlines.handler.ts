import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryDeadlines } from '@ledger/projections';
import { type Clock, CLOCK, LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDeadlinesQuery } from './list-deadlines.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ListDeadlinesQuery) {
    return withCursor(() => queryDeadlines(this.views.db, { now: this.clock.now(), withinMs: query.withinMs, limit: query.limit, cursor: query.cursor }));
  }
}

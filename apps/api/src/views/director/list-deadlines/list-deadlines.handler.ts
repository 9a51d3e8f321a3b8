import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ProjectionRunner, queryDeadlines } from '@ledger/projections';
import { type Clock, CLOCK, PROJECTION_RUNNER } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDeadlinesQuery } from './list-deadlines.query.js';

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly views: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ListDeadlinesQuery) {
    return withCursor(() => queryDeadlines(this.views.db, { now: this.clock.now(), withinMs: query.withinMs, limit: query.limit, cursor: query.cursor }));
  }
}

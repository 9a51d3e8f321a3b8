import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ProjectionRunner, queryDisclosureStats } from '@ledger/projections';
import { PROJECTION_RUNNER } from '../../../infrastructure/tokens.js';
import { DisclosureStatsQuery } from './disclosure-stats.query.js';

@QueryHandler(DisclosureStatsQuery)
export class DisclosureStatsHandler implements IQueryHandler<DisclosureStatsQuery> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly views: ProjectionRunner) {}

  async execute(query: DisclosureStatsQuery) {
    return queryDisclosureStats(this.views.db, { from: query.from, to: query.to });
  }
}

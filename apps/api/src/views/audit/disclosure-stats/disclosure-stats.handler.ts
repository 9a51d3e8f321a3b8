import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryDisclosureStats } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { DisclosureStatsQuery } from './disclosure-stats.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(DisclosureStatsQuery)
export class DisclosureStatsHandler implements IQueryHandler<DisclosureStatsQuery> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute(query: DisclosureStatsQuery) {
    return queryDisclosureStats(this.views.db, { from: query.from, to: query.to, reader: query.reader });
  }
}

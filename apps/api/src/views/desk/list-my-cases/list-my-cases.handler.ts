import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryMyCases } from '@ledger/projections';
import type { LiveViews } from '@ledger/runtime';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListMyCasesQuery } from './list-my-cases.query.js';

@QueryHandler(ListMyCasesQuery)
export class ListMyCasesHandler implements IQueryHandler<ListMyCasesQuery> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute(query: ListMyCasesQuery) {
    return withCursor(() => queryMyCases(this.views.db, query));
  }
}

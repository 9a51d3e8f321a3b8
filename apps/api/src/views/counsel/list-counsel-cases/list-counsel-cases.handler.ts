import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryCounselQueue } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListCounselCasesQuery } from './list-counsel-cases.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(ListCounselCasesQuery)
export class ListCounselCasesHandler implements IQueryHandler<ListCounselCasesQuery> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute(query: ListCounselCasesQuery) {
    return withCursor(() => queryCounselQueue(this.views.db, query));
  }
}

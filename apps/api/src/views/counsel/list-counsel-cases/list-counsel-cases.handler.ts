import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ProjectionRunner, queryCounselQueue } from '@ledger/projections';
import { PROJECTION_RUNNER } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListCounselCasesQuery } from './list-counsel-cases.query.js';

@QueryHandler(ListCounselCasesQuery)
export class ListCounselCasesHandler implements IQueryHandler<ListCounselCasesQuery> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly views: ProjectionRunner) {}

  async execute(query: ListCounselCasesQuery) {
    return withCursor(() => queryCounselQueue(this.views.db, query));
  }
}

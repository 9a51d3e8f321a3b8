import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ProjectionRunner, queryDisclosureRegister } from '@ledger/projections';
import { PROJECTION_RUNNER } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDisclosuresQuery } from './list-disclosures.query.js';

@QueryHandler(ListDisclosuresQuery)
export class ListDisclosuresHandler implements IQueryHandler<ListDisclosuresQuery> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly views: ProjectionRunner) {}

  async execute(query: ListDisclosuresQuery) {
    return withCursor(() => queryDisclosureRegister(this.views.db, query.filter));
  }
}

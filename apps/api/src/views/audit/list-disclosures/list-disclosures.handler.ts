import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryDisclosureRegister } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDisclosuresQuery } from './list-disclosures.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(ListDisclosuresQuery)
export class ListDisclosuresHandler implements IQueryHandler<ListDisclosuresQuery> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute(query: ListDisclosuresQuery) {
    return withCursor(() => queryDisclosureRegister(this.views.db, query.filter));
  }
}

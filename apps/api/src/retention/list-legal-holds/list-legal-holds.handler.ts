import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type LegalHoldRow, listLegalHolds } from '@ledger/projections';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { ListLegalHoldsQuery } from './list-legal-holds.query.js';

@QueryHandler(ListLegalHoldsQuery)
export class ListLegalHoldsHandler implements IQueryHandler<ListLegalHoldsQuery, { items: LegalHoldRow[] }> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute(): Promise<{ items: LegalHoldRow[] }> {
    return { items: listLegalHolds(this.views.db) };
  }
}

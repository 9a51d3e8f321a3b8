import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { holdIsSealedFor, sealedHoldShown } from '@ledger/domain';
import { casesUnderHold, listLegalHolds } from '@ledger/projections';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { type LegalHoldShown, ListLegalHoldsQuery } from './list-legal-holds.query.js';

/** The holds, each as `whatMayBeShown` lets the reader see the cases it covers: a hold on a sealed case they are not named in is `{holdId, caseId?, status, sealed}`. */
@QueryHandler(ListLegalHoldsQuery)
export class ListLegalHoldsHandler implements IQueryHandler<ListLegalHoldsQuery, { items: LegalHoldShown[] }> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  async execute({ reader }: ListLegalHoldsQuery): Promise<{ items: LegalHoldShown[] }> {
    return {
      items: listLegalHolds(this.views.db).map((hold) => (holdIsSealedFor(reader, casesUnderHold(this.views.db, hold.holdId)) ? sealedHoldShown(hold) : hold)),
    };
  }
}

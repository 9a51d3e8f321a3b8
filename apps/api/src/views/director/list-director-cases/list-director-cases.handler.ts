import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { LedgerConfig } from '@ledger/ledger';
import { queryDirectorBoard } from '@ledger/projections';
import { LEDGER_CONFIG, LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDirectorCasesQuery } from './list-director-cases.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(ListDirectorCasesQuery)
export class ListDirectorCasesHandler implements IQueryHandler<ListDirectorCasesQuery> {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async execute(query: ListDirectorCasesQuery) {
    // A law-enforcement request still at the desk must reach the director within the SLA: that is its next deadline.
    return withCursor(() => queryDirectorBoard(this.views.db, { ...query, referralSlaMinutes: this.config.referralSlaMinutes }));
  }
}

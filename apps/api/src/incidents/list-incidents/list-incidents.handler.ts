import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { LedgerConfig } from '@ledger/ledger';
import { type IncidentSummary, listIncidents } from '@ledger/projections';
import { type Clock, CLOCK, LEDGER_CONFIG, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { ListIncidentsQuery } from './list-incidents.query.js';

@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery, { items: IncidentSummary[] }> {
  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ items: IncidentSummary[] }> {
    return { items: listIncidents(this.views.db, this.config.breachNoticeDays, this.clock.now(), this.config.timeZone) };
  }
}

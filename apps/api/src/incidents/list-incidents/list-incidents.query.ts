import { Query } from '@nestjs/cqrs';
import type { IncidentSummary } from '@ledger/projections';

export class ListIncidentsQuery extends Query<{ items: IncidentSummary[] }> {}

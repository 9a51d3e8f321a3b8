import { Query } from '@nestjs/cqrs';
import type { DisclosureStats } from '@ledger/projections';

export class DisclosureStatsQuery extends Query<DisclosureStats> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
  ) {
    super();
  }
}

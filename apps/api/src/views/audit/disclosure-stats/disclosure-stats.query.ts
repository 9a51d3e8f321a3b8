import { Query } from '@nestjs/cqrs';
import type { DisclosureStats } from '@ledger/projections';

export class DisclosureStatsQuery extends Query<DisclosureStats> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    /** Who reads: sealed cases they were granted need-to-know on count in the breakdowns. */
    readonly readerUserId: string,
  ) {
    super();
  }
}

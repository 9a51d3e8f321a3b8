import type { SealedCaseScope } from '@ledger/domain';
import { Query } from '@nestjs/cqrs';
import type { DisclosureStats } from '@ledger/projections';

export class DisclosureStatsQuery extends Query<DisclosureStats> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    /** Which sealed cases the reader is named in: those count in the breakdowns, the others in `sealed`. */
    readonly reader: SealedCaseScope,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { SealedCaseScope } from '@ledger/domain';
import type { MyCaseItem, Page } from '@ledger/projections';

export class ListMyCasesQuery extends Query<Page<MyCaseItem>> {
  constructor(
    readonly openedBy: string,
    readonly reader: SealedCaseScope,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { CounselQueueItem, Page } from '@ledger/projections';

export class ListCounselCasesQuery extends Query<Page<CounselQueueItem>> {
  constructor(
    readonly counselUserId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

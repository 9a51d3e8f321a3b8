import { Query } from '@nestjs/cqrs';
import type { DeadlineItem, Page } from '@ledger/projections';

export class ListDeadlinesQuery extends Query<Page<DeadlineItem>> {
  constructor(
    readonly withinMs: number,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

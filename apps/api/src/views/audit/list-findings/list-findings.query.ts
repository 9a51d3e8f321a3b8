import { Query } from '@nestjs/cqrs';
import type { Finding, FindingsFilter, Page } from '@ledger/projections';

export class ListFindingsQuery extends Query<Page<Finding>> {
  constructor(readonly filter: FindingsFilter) {
    super();
  }
}

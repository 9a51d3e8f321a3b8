import { Query } from '@nestjs/cqrs';
import type { DisclosureRegisterFilter, DisclosureRegisterItem, Page } from '@ledger/projections';

export class ListDisclosuresQuery extends Query<Page<DisclosureRegisterItem>> {
  constructor(readonly filter: DisclosureRegisterFilter) {
    super();
  }
}

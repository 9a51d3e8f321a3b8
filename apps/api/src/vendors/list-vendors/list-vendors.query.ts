import { Query } from '@nestjs/cqrs';
import type { ApprovedVendor } from '@ledger/domain';

export class ListVendorsQuery extends Query<{ items: readonly (ApprovedVendor & { approved: boolean })[] }> {
  constructor(readonly at: string) {
    super();
  }
}

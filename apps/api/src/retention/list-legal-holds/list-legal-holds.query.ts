import { Query } from '@nestjs/cqrs';
import type { LegalHoldRow } from '@ledger/projections';

export class ListLegalHoldsQuery extends Query<{ items: LegalHoldRow[] }> {}

import { Query } from '@nestjs/cqrs';
import type { CaseViewer, sealedHoldShown } from '@ledger/domain';
import type { LegalHoldRow } from '@ledger/projections';

export type LegalHoldShown = LegalHoldRow | ReturnType<typeof sealedHoldShown<LegalHoldRow>>;

export class ListLegalHoldsQuery extends Query<{ items: LegalHoldShown[] }> {
  constructor(readonly reader: CaseViewer) {
    super();
  }
}

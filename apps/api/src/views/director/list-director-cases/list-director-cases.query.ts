import { Query } from '@nestjs/cqrs';
import type { RequesterKind } from '@ledger/domain';
import type { BoardSort, BoardStatusFilter, DirectorBoardItem, Page } from '@ledger/projections';

export class ListDirectorCasesQuery extends Query<Page<DirectorBoardItem>> {
  constructor(
    readonly status: BoardStatusFilter,
    readonly kind: RequesterKind | undefined,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly caseKind?: 'disclosure_request' | 'wellness_check',
    readonly sort?: BoardSort,
  ) {
    super();
  }
}

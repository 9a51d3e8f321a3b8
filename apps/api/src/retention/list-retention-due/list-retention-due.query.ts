import { Query } from '@nestjs/cqrs';
import type { CaseViewer } from '@ledger/domain';
import type { RetentionDueDto } from '../retention.response.dto.js';

export class ListRetentionDueQuery extends Query<RetentionDueDto> {
  constructor(
    readonly before: string | undefined,
    readonly reader: CaseViewer,
  ) {
    super();
  }
}

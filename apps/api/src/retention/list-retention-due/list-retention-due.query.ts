import { Query } from '@nestjs/cqrs';
import type { RetentionDueDto } from '../retention.response.dto.js';

export class ListRetentionDueQuery extends Query<RetentionDueDto> {
  constructor(readonly before: string | undefined) {
    super();
  }
}

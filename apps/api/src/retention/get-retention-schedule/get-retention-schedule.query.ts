import { Query } from '@nestjs/cqrs';
import type { RetentionSchedule } from '@ledger/domain';

export class GetRetentionScheduleQuery extends Query<RetentionSchedule> {}

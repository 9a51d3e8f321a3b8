import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { RetentionSchedule, ScheduleProposal } from '@ledger/domain';
import { RetentionDesk } from '../retention-desk.js';
import { GetRetentionScheduleQuery } from './get-retention-schedule.query.js';

@QueryHandler(GetRetentionScheduleQuery)
export class GetRetentionScheduleHandler implements IQueryHandler<GetRetentionScheduleQuery, RetentionSchedule & { proposals: ScheduleProposal[] }> {
  constructor(private readonly desk: RetentionDesk) {}

  /** From the retention stream itself: the schedule in force the moment it was set. */
  async execute(): Promise<RetentionSchedule & { proposals: ScheduleProposal[] }> {
    const { schedule, proposals } = await this.desk.load();
    return { ...schedule, proposals: Object.values(proposals).reverse() };
  }
}

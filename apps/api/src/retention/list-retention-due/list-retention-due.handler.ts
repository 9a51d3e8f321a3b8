import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { retentionKindsOf, retentionPlan } from '@ledger/domain';
import { retentionFactsUnderKey, unshreddedClosedCases } from '@ledger/projections';
import { Inject } from '@nestjs/common';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { RetentionDesk } from '../retention-desk.js';
import type { RetentionDueDto } from '../retention.response.dto.js';
import { ListRetentionDueQuery } from './list-retention-due.query.js';

/**
 * What a purge at `before` would shred, and what it would keep and why: the plan the scheduler runs
 * (the same pure `retentionPlan`), over the views' closed cases and the retention stream's state.
 */
@QueryHandler(ListRetentionDueQuery)
export class ListRetentionDueHandler implements IQueryHandler<ListRetentionDueQuery, RetentionDueDto> {
  constructor(
    private readonly desk: RetentionDesk,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ before }: ListRetentionDueQuery): Promise<RetentionDueDto> {
    const at = before ?? this.desk.now();
    const state = await this.desk.load();
    const plan = retentionPlan(unshreddedClosedCases(this.views.db, at), (keyId) => retentionFactsUnderKey(this.views.db, keyId), state, at);
    return {
      before: new Date(at).toISOString(),
      items: plan.map(({ facts, due, holds, kept }) => ({
        caseId: facts.caseId,
        patronPseudonym: facts.pseudonym,
        caseKinds: retentionKindsOf(facts),
        closedAt: facts.closedAt!,
        rule: due.ruleId,
        keepDays: due.keepDays,
        dueAt: due.dueAt!,
        reason: due.reason,
        holds: [...holds],
        willPurge: kept === null,
        ...(kept ? { keptBecause: { rule: kept.rule, reason: kept.reason } } : {}),
      })),
    };
  }
}

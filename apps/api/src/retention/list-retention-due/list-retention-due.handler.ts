import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { holdIsSealedFor, reasonShown, retentionKindsOf, sealedCaseShown } from '@ledger/domain';
import { attachedPseudonymsOf, casesSealedFor, casesUnderHold, retentionFactsUnderKey, retentionPlanFromViews } from '@ledger/projections';
import { Inject } from '@nestjs/common';
import { LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { RetentionDesk } from '../retention-desk.js';
import type { RetentionDueDto } from '../retention.response.dto.js';
import { ListRetentionDueQuery } from './list-retention-due.query.js';

/**
 * What a purge at `before` would shred, and what it would keep and why: the plan the scheduler runs
 * (the same pure `retentionPlan`), over the views' closed cases and the retention stream's state. A
 * sealed case the reader is not named in shows as `{caseId, sealed: true}`, and no other entry's
 * reason names it or a hold over it (`whatMayBeShown`).
 */
@QueryHandler(ListRetentionDueQuery)
export class ListRetentionDueHandler implements IQueryHandler<ListRetentionDueQuery, RetentionDueDto> {
  constructor(
    private readonly desk: RetentionDesk,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ before, reader }: ListRetentionDueQuery): Promise<RetentionDueDto> {
    const at = before ?? this.desk.now();
    const state = await this.desk.load();
    const plan = retentionPlanFromViews(this.views.db, state, at);
    const unnamedCases = casesSealedFor(this.views.db, plan.flatMap(({ facts }) => retentionFactsUnderKey(this.views.db, facts.keyId).map((other) => other.caseId)), reader);
    const unnamedHolds = state.holds.filter((hold) => holdIsSealedFor(reader, casesUnderHold(this.views.db, hold.holdId))).map((hold) => hold.holdId);
    const unnamed = [...unnamedCases, ...unnamedHolds];
    return {
      before: new Date(at).toISOString(),
      items: plan.map(({ facts, due, holds, kept }) =>
        unnamedCases.has(facts.caseId)
          ? sealedCaseShown(facts.caseId)
          : {
              caseId: facts.caseId,
              // A request about a resource or a transaction has no patron of its own: the patrons attached to it.
              ...(facts.blindIndex === '' ? { attachedPatronPseudonyms: attachedPseudonymsOf(this.views.db, facts.caseId) } : { patronPseudonym: facts.pseudonym }),
              caseKinds: retentionKindsOf(facts),
              closedAt: facts.closedAt!,
              rule: due.ruleId,
              keepDays: due.keepDays,
              dueAt: due.dueAt!,
              reason: due.reason,
              holds: holds.filter((holdId) => !unnamedHolds.includes(holdId)),
              willPurge: kept === null,
              ...(kept ? { keptBecause: { rule: kept.rule, reason: reasonShown(kept.reason, unnamed) } } : {}),
            },
      ),
    };
  }
}

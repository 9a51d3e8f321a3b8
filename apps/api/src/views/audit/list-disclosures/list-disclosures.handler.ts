import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { identityShredOfCase, queryDisclosureRegister } from '@ledger/projections';
import { LIVE_VIEWS } from '../../../infrastructure/tokens.js';
import { withCursor } from '../../shared/invalid-cursor.js';
import { ListDisclosuresQuery } from './list-disclosures.query.js';
import type { LiveViews } from '@ledger/runtime';

@QueryHandler(ListDisclosuresQuery)
export class ListDisclosuresHandler implements IQueryHandler<ListDisclosuresQuery> {
  constructor(@Inject(LIVE_VIEWS) private readonly views: LiveViews) {}

  /**
   * Each row says whether its patron identity was purged, when, how and under which disposition
   * authority (the retention view's record of the shred); a sealed row the reader may not see says nothing.
   */
  async execute(query: ListDisclosuresQuery) {
    const page = withCursor(() => queryDisclosureRegister(this.views.db, query.filter));
    const items = page.items.map((item) => {
      const shred = item.sealed && item.requesterKind === null ? null : identityShredOfCase(this.views.db, item.caseId);
      const purge = shred && {
        shreddedAt: shred.shreddedAt,
        basis: shred.basis,
        scheduleRule: shred.scheduleRule,
        dispositionAuthority: shred.dispositionAuthority,
        shreddedBy: shred.shreddedBy,
        approvedBy: shred.approvedBy,
        counselApprovedBy: shred.counselApprovedBy,
      };
      return { ...item, purge };
    });
    return { ...page, items };
  }
}

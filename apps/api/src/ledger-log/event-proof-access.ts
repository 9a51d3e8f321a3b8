import { ForbiddenException } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import type { LogLeaf } from '@ledger/ledger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { GetCaseQuery } from '../cases/get-case/get-case.query.js';

const CASE_STREAM = /^case-(.+)$/;

/**
 * Whether `user` may have the proof of the event at `leaf`: a case event's proof goes to those who
 * may read the case (the same rule as `GET /v1/cases/:caseId`, sealed cases included: it throws as
 * reading the case would); the proof of any other event (users, patrons, the roster, the access
 * log) to the auditor and the director only, since an event id is itself something only they see
 * of those streams.
 */
export async function assertMayProveEvent(queries: QueryBus, leaf: LogLeaf, user: AuthenticatedUser): Promise<void> {
  const caseId = CASE_STREAM.exec(leaf.stream)?.[1];
  if (caseId) {
    // The view itself is not used.
    await queries.execute(new GetCaseQuery(caseId, user));
  } else if (user.role !== 'auditor' && user.role !== 'director') {
    throw new ForbiddenException('Only the auditor and the director may have the proof of an event outside a case');
  }
}

import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { sealedCasesOpenTo } from '@ledger/domain';
import type { ProtectedFields } from '@ledger/ledger';
import { type CaseSearchItem, type Page, queryCaseSearch } from '@ledger/projections';
import { type LiveViews, PatronDirectory } from '@ledger/runtime';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { recordableCaseId } from '../../access-log/recordable-request.js';
import { RequestValidationError } from '../../http/validation.js';
import { LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { awaitViews } from '../../views/shared/await-views.js';
import { withCursor } from '../../views/shared/invalid-cursor.js';
import type { SearchCasesRequestDto } from './search-cases.request.dto.js';

/** The roles that may search by patron reference: the Director, and auditors (who see the pseudonym). */
export const PATRON_SEARCH_ROLES: readonly string[] = ['director', 'auditor'];

/**
 * The search's terms as the access log keeps them: which fields were searched by, and the case id when it
 * is one. A docket number, a requester's name (a patron asking about their own records is a requester) or a
 * patron reference is recorded only as `given`: the access log is permanent and read by auditors, and a
 * term typed into the wrong box (a card number as a case number) or a sealed order's docket must not stay
 * in it. A case id that is not one is `[withheld]`.
 */
export function recordableSearch(body: unknown): Record<string, string> {
  const given = (body ?? {}) as Record<string, unknown>;
  const terms: Record<string, string> = {};
  if (typeof given.caseId === 'string' && given.caseId !== '') terms.caseId = recordableCaseId(given.caseId)!;
  for (const field of ['docketNumber', 'requesterName', 'patronRef'] as const) {
    if (given[field] !== undefined && given[field] !== '') terms[field] = 'given';
  }
  return terms;
}

/**
 * Cases by id, docket number, requester name or patron reference, newest first, as the caller may see
 * them (`queryCaseSearch`, through `whatMayBeShown`). The API's route and the web search page run it.
 */
@Injectable()
export class CaseSearch {
  constructor(
    private readonly actors: ActorResolver,
    private readonly patrons: PatronDirectory,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async run(body: SearchCasesRequestDto, user: AuthenticatedUser): Promise<Page<CaseSearchItem>> {
    const { caseId, docketNumber, requesterName, patronRef, limit, cursor, minPosition } = body;
    if ([caseId, docketNumber, requesterName, patronRef].every((term) => term === undefined)) {
      throw new RequestValidationError([{ field: 'caseId', messages: ['Give a case id, a docket number, a requester name or a patron reference to search by'] }]);
    }
    if (patronRef !== undefined && !PATRON_SEARCH_ROLES.includes(user.role)) throw new ForbiddenException('Only the Director and auditors search by patron reference');
    await awaitViews(this.views, minPosition);
    const reader = await this.actors.actorNow(user);
    // The patron's cases under any of their identifiers (card numbers, the ILS id).
    const patronIdentifiers = patronRef === undefined ? undefined : (await this.patrons.resolve(this.protectedFields.blindIndex(patronRef))).identifiers.map((identifier) => identifier.blindIndex);
    return withCursor(() =>
      queryCaseSearch(this.views.db, {
        ...(caseId !== undefined && { caseId }),
        ...(docketNumber !== undefined && { docketNumber }),
        ...(requesterName !== undefined && { requesterName }),
        ...(patronIdentifiers !== undefined && { patronIdentifiers }),
        reader,
        scope: sealedCasesOpenTo(reader),
        limit: limit ?? 50,
        ...(cursor !== undefined && { cursor }),
      }),
    );
  }
}

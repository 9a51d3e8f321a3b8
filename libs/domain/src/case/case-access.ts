import { hasDirectorPowers, type Actor } from '../policy/actor.js';
import { forbiddenBy } from '../policy/rule-pack.js';
import type { ForbiddenByPolicy } from '../shared/errors.js';
import type { ExistingCase } from './case.state.js';

/**
 * How much of a case a reader may see:
 * - `full`: everything, the patron reference included (decrypted by the caller);
 * - `pseudonymised`: everything but the patron reference (auditors: the pseudonym only);
 * - `sealed`: the case exists but is under a non-disclosure order the reader is not named in (403 SEALED);
 * - `forbidden`: the reader has no part in this case (403).
 */
export type CaseReadAccess = 'full' | 'pseudonymised' | 'sealed' | 'forbidden';

/** Who reads: the domain's actor (designee powers resolved at the moment of reading). */
export type CaseViewer = Pick<Actor, 'userId' | 'role' | 'isActiveDesignee'>;

/**
 * The 403 SEALED a reader without need-to-know gets. It cites the rule's own citation ("Non-disclosure
 * order on record; …"), never the order itself: naming 18 U.S.C. § 2709(c) or the issuing court would
 * tell that reader what the order is, and a reader without need-to-know learns only that the case is
 * sealed (docs/policy-decisions.md, R13).
 */
export function sealedRefusal(): ForbiddenByPolicy {
  return forbiddenBy('SEALED');
}

/**
 * Who may read a case (API.md `GET /v1/cases/:caseId`; DESIGN.md "Who may do what"): the opener, the
 * director, an active designee, the counsel the case is referred to, and auditors (pseudonymised);
 * the director may also grant a need to know. Admins never read case data (separation of duties).
 *
 * A sealed case (a non-disclosure order is on record) is readable only by the director, active
 * designees, the referred counsel and users granted need-to-know; everyone else, the opener and
 * auditors included, learns only that a sealed case exists. An auditor granted need-to-know still
 * sees the pseudonym, never the reference.
 */
export function canReadCase(state: ExistingCase, viewer: CaseViewer): CaseReadAccess {
  if (viewer.role === 'admin') return 'forbidden';
  const grantedNeedToKnow = state.needToKnow.includes(viewer.userId);
  const referredCounsel = viewer.role === 'counsel' && state.counselUserId === viewer.userId;
  const named = hasDirectorPowers(viewer) || referredCounsel || grantedNeedToKnow;
  const party = named || state.openedBy === viewer.userId || viewer.role === 'auditor';
  // A sealed case answers everyone it does not name the same way, party or not: a different answer
  // for outsiders would itself tell them something about the case.
  if (state.sealed && !named) return 'sealed';
  if (!party) return 'forbidden';
  return viewer.role === 'auditor' ? 'pseudonymised' : 'full';
}

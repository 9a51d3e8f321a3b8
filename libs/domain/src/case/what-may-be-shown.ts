import { hasDirectorPowers, type Actor } from '../policy/actor.js';
import { forbiddenBy } from '../policy/rules.js';
import type { ForbiddenByPolicy } from '../shared/errors.js';

/**
 * What of a case a reader may be shown — the one answer every read path asks for (DESIGN.md "Third
 * wave": need-to-know is one function):
 * - `full`: everything, the patron reference included (decrypted by the caller);
 * - `pseudonymised`: everything but the patron reference (auditors: the pseudonym only);
 * - `sealed`: that the case exists and no more — `{caseId, sealed: true}`, in lists `{caseId, openedAt,
 *   sealed: true}` (a case under a non-disclosure order the reader is not named in; 403 SEALED on the case);
 * - `nothing`: not even that it exists (what is said to or for the patron: an erasure answer, the
 *   patron's statement — a non-disclosure order forbids telling the patron that the request was made);
 * - `forbidden`: the reader has no part in this case (403).
 */
export type CaseReadAccess = 'full' | 'pseudonymised' | 'sealed' | 'nothing' | 'forbidden';

/** Who reads: the domain's actor (designee powers resolved at the moment of reading). */
export type CaseViewer = Pick<Actor, 'userId' | 'role' | 'isActiveDesignee'>;

/**
 * The patron, or anything written to be handed to them or about them on their behalf (the erasure
 * answer staff read out, the statement for the patron): never named in a non-disclosure order.
 */
export const THE_PATRON = { patronFacing: true } as const;

export type CaseReader = CaseViewer | typeof THE_PATRON;

/** The facts of a case the answer depends on (the case's fold has them; a view's row may carry them). */
export interface CaseSealFacts {
  readonly sealed: boolean;
  /** Users the director granted need-to-know. */
  readonly needToKnow: readonly string[];
  /** The counsel the case is (currently) referred to. */
  readonly counselUserId?: string | null;
  /** Who opened it; absent where the caller lists cases by role rather than by party (see `onList`). */
  readonly openedBy?: string;
}

/**
 * Which sealed cases a reader is named in, as data: every one (the director's powers), or those that
 * grant them need-to-know or are referred to them. Queries that filter in the database build their
 * predicate from this (`sealedCaseOpenTo` evaluates it here); it is the same rule `whatMayBeShown` applies.
 */
export type SealedCaseScope =
  | { readonly every: true }
  | { readonly every: false; readonly grantedTo: string | null; readonly referredTo: string | null };

export function sealedCasesOpenTo(reader: CaseReader): SealedCaseScope {
  if ('patronFacing' in reader) return { every: false, grantedTo: null, referredTo: null };
  if (reader.role === 'admin') return { every: false, grantedTo: null, referredTo: null };
  if (hasDirectorPowers(reader)) return { every: true };
  return { every: false, grantedTo: reader.userId, referredTo: reader.role === 'counsel' ? reader.userId : null };
}

/** Whether a case's content is open to a reader in this scope (always, when it is not sealed). */
export function sealedCaseOpenTo(scope: SealedCaseScope, facts: Pick<CaseSealFacts, 'sealed' | 'needToKnow' | 'counselUserId'>): boolean {
  if (!facts.sealed || scope.every) return true;
  if (scope.grantedTo !== null && facts.needToKnow.includes(scope.grantedTo)) return true;
  return scope.referredTo !== null && facts.counselUserId === scope.referredTo;
}

/**
 * Who may read a case (API.md `GET /v1/cases/:caseId`; DESIGN.md "Who may do what"): the opener, the
 * director, an active designee, the counsel the case is referred to, and auditors (pseudonymised);
 * the director may also grant a need to know. Admins never read case data (separation of duties).
 *
 * A sealed case is readable only by the director, active designees, the referred counsel and users
 * granted need-to-know; everyone else, the opener and auditors included, learns only that a sealed
 * case exists, and the patron (and what is written for them) not even that. An auditor granted
 * need-to-know still sees the pseudonym, never the reference.
 *
 * `onList`: the caller lists cases to readers its route admits by role (the auditor's register, the
 * director's board, legal holds, the retention list) rather than reading one case by its parties, so
 * an unsealed case is shown to them as their role reads any case.
 */
export function whatMayBeShown(reader: CaseReader, facts: CaseSealFacts, onList = false): CaseReadAccess {
  if ('patronFacing' in reader) return facts.sealed ? 'nothing' : 'full';
  if (reader.role === 'admin') return 'forbidden';
  const named = facts.sealed && sealedCaseOpenTo(sealedCasesOpenTo(reader), facts);
  const party = onList || named || hasDirectorPowers(reader) || reader.role === 'auditor' || facts.openedBy === reader.userId ||
    (reader.role === 'counsel' && facts.counselUserId === reader.userId);
  // A sealed case answers everyone it does not name the same way, party or not: a different answer
  // for outsiders would itself tell them something about the case.
  if (facts.sealed && !named) return 'sealed';
  if (!party) return 'forbidden';
  return reader.role === 'auditor' ? 'pseudonymised' : 'full';
}

/** Whether the reader may see what the case is about (its requester, instruments, rules, findings, holds). */
export function showsContent(access: CaseReadAccess): access is 'full' | 'pseudonymised' {
  return access === 'full' || access === 'pseudonymised';
}

/** All of a sealed case a reader it does not name is shown in a list. */
export interface SealedCaseShown {
  readonly caseId: string;
  readonly openedAt?: string;
  readonly sealed: true;
}

export function sealedCaseShown(caseId: string, openedAt?: string): SealedCaseShown {
  return { caseId, ...(openedAt !== undefined && { openedAt }), sealed: true };
}

/**
 * The 403 SEALED a reader without need-to-know gets. It cites the rule's own citation ("Non-disclosure
 * order on record; …"), never the order itself: naming 18 U.S.C. § 2709(c) or the issuing court would
 * tell that reader what the order is, and a reader without need-to-know learns only that the case is
 * sealed (docs/policy-decisions.md, R13).
 */
export function sealedRefusal(): ForbiddenByPolicy {
  return forbiddenBy('SEALED');
}

import type { Role } from '@ledger/domain';
import type { CaseActionName } from '../../cases/case-commands.table.js';

export interface CaseFacts {
  readonly kind: string;
  readonly status: string;
  readonly sealed: boolean;
  readonly requesterKind: string;
  readonly route: string | null;
  readonly instrumentCount: number;
  readonly counselUserId: string | null;
}

export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly isActiveDesignee: boolean;
}

/**
 * The action forms a case page offers this viewer now. Only a convenience: every command is decided
 * again by the domain, so a form shown by mistake could still record nothing the policy forbids.
 */
export function availableActions(facts: CaseFacts, viewer: Viewer): CaseActionName[] {
  const directorPowers = viewer.role === 'director' || (viewer.role === 'staff' && viewer.isActiveDesignee);
  const atDesk = viewer.role === 'staff' || viewer.role === 'director';
  const lawEnforcement = facts.requesterKind === 'law_enforcement';
  const actions: CaseActionName[] = [];
  if (facts.kind !== 'disclosure_request') return actions;
  switch (facts.status) {
    case 'open':
      if (!atDesk) break;
      // Law enforcement: the desk refers to the Director at once and releases nothing (LE-REFER).
      if (lawEnforcement) actions.push('refer-to-director');
      else if (facts.route === 'staff_may_release') actions.push('release', 'refuse', 'refer-to-director');
      else if (facts.route === 'deny') actions.push('refuse', 'refer-to-director');
      else actions.push('refer-to-director');
      break;
    case 'with_director':
      if (!directorPowers) break;
      if (!lawEnforcement) actions.push('release', 'refuse');
      else if (facts.instrumentCount === 0) actions.push('record-instrument', 'explain-policy');
      else actions.push('refer-to-counsel', 'record-instrument');
      break;
    case 'awaiting_counsel':
      if (viewer.role === 'counsel' && facts.counselUserId === viewer.userId) actions.push('advise');
      // A court order or warrant can arrive while counsel is looking at a subpoena.
      if (directorPowers) actions.push('record-instrument');
      break;
    case 'awaiting_decision':
      if (directorPowers) actions.push('decide', 'record-instrument');
      break;
    case 'decided':
      if (directorPowers) actions.push('produce');
      break;
    default:
      break;
  }
  if (viewer.role === 'director' && facts.sealed) actions.push('grant-need-to-know');
  return actions;
}

/** Who may download the case file (as `GET /v1/cases/:caseId/export`). */
export function mayDownload(facts: CaseFacts, viewer: Viewer): boolean {
  if (viewer.role === 'director' || viewer.role === 'auditor') return true;
  if (viewer.role === 'staff') return viewer.isActiveDesignee;
  return viewer.role === 'counsel' && facts.counselUserId === viewer.userId;
}

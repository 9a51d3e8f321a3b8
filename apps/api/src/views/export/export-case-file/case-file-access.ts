import type { CaseState, Role } from '@ledger/domain';

export type CaseFileAccess =
  | { readonly allowed: true; readonly pseudonymised: boolean }
  | { readonly allowed: false; readonly reason: 'role' | 'sealed' };

/**
 * Who may export a case file (API.md): the director, an active designee and the counsel the case is
 * referred to get the full file; an auditor gets it pseudonymised (never the patron reference) and,
 * for a sealed case, only with need-to-know. Everyone else: 403.
 */
export function caseFileAccess(reader: { userId: string; role: Role; isActiveDesignee: boolean }, state: CaseState & { exists: true }): CaseFileAccess {
  if (reader.role === 'director' || (reader.role === 'staff' && reader.isActiveDesignee)) return { allowed: true, pseudonymised: false };
  if (reader.role === 'counsel' && state.counselUserId === reader.userId) return { allowed: true, pseudonymised: false };
  // Everyone a sealed case does not name gets the same answer (SEALED), whatever their role.
  if (state.sealed && !state.needToKnow.includes(reader.userId) && reader.role !== 'admin') return { allowed: false, reason: 'sealed' };
  if (reader.role === 'auditor') return { allowed: true, pseudonymised: true };
  return { allowed: false, reason: 'role' };
}

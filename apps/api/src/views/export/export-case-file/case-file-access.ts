import { type CaseState, hasDirectorPowers, type Role, showsContent, whatMayBeShown } from '@ledger/domain';

export type CaseFileAccess =
  | { readonly allowed: true; readonly pseudonymised: boolean }
  | { readonly allowed: false; readonly reason: 'role' | 'sealed' };

/**
 * Who may export a case file (API.md): of those `whatMayBeShown` lets read the case, the director, an
 * active designee and the counsel the case is referred to get the full file, and an auditor gets it
 * pseudonymised (never the patron reference). The opener at the desk reads the case but does not
 * export it. A sealed case the reader is not named in answers SEALED, whatever their role.
 */
export function caseFileAccess(reader: { userId: string; role: Role; isActiveDesignee: boolean }, state: CaseState & { exists: true }): CaseFileAccess {
  const shown = whatMayBeShown(reader, state);
  if (shown === 'sealed') return { allowed: false, reason: 'sealed' };
  const exporter = hasDirectorPowers(reader) || (reader.role === 'counsel' && state.counselUserId === reader.userId) || reader.role === 'auditor';
  if (!showsContent(shown) || !exporter) return { allowed: false, reason: 'role' };
  return { allowed: true, pseudonymised: shown === 'pseudonymised' };
}

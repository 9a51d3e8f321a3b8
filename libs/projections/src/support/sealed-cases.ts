import type Database from 'better-sqlite3';
import type { CaseSealFacts, SealedCaseScope } from '@ledger/domain';

/**
 * The SQL form of the domain's `sealedCaseOpenTo(scope, case)`, over the views' own tables: the
 * need-to-know grants (`register_need_to_know`) and the current referral (`counsel_queue`). Named
 * parameters `@sealedGrantee` and `@sealedCounsel` come from `sealedScopeParams`.
 */
export function sealedCaseOpenSql(scope: SealedCaseScope, caseIdColumn: string, sealedColumn: string): string {
  if (scope.every) return '1';
  const open = [`${sealedColumn} = 0`];
  if (scope.grantedTo !== null) open.push(`EXISTS (SELECT 1 FROM register_need_to_know n WHERE n.case_id = ${caseIdColumn} AND n.user_id = @sealedGrantee)`);
  if (scope.referredTo !== null) open.push(`EXISTS (SELECT 1 FROM counsel_queue q WHERE q.case_id = ${caseIdColumn} AND q.counsel_user_id = @sealedCounsel)`);
  return `(${open.join(' OR ')})`;
}

export function sealedScopeParams(scope: SealedCaseScope): Record<string, string> {
  if (scope.every) return {};
  return { ...(scope.grantedTo !== null && { sealedGrantee: scope.grantedTo }), ...(scope.referredTo !== null && { sealedCounsel: scope.referredTo }) };
}

/** A case's seal as the views know it: what `whatMayBeShown` needs, and when it was opened (a sealed row shows that much). */
export interface CaseSealRow extends CaseSealFacts {
  readonly caseId: string;
  readonly openedAt: string;
}

/** The seals of these cases (unknown ids are left out), for answers that name cases by id. */
export function caseSealsOf(db: Database.Database, caseIds: Iterable<string>): Map<string, CaseSealRow> {
  const seal = db.prepare(
    `SELECT c.case_id, c.opened_at, c.sealed, q.counsel_user_id,
       (SELECT json_group_array(n.user_id) FROM register_need_to_know n WHERE n.case_id = c.case_id) AS need_to_know
     FROM cases c LEFT JOIN counsel_queue q ON q.case_id = c.case_id WHERE c.case_id = ?`,
  );
  const seals = new Map<string, CaseSealRow>();
  for (const caseId of new Set(caseIds)) {
    const row = seal.get(caseId) as { case_id: string; opened_at: string; sealed: number; counsel_user_id: string | null; need_to_know: string } | undefined;
    if (!row) continue;
    seals.set(caseId, {
      caseId,
      openedAt: row.opened_at,
      sealed: row.sealed === 1,
      needToKnow: JSON.parse(row.need_to_know) as string[],
      counselUserId: row.counsel_user_id,
    });
  }
  return seals;
}

/** The cases of a patron (by blind index) that are sealed: a hold or an answer about the patron may speak of them. */
export function sealedCasesOfPatron(db: Database.Database, blindIndex: string): CaseSealRow[] {
  const ids = (db.prepare('SELECT case_id FROM cases WHERE blind_index = ? AND sealed = 1').all(blindIndex) as { case_id: string }[]).map((row) => row.case_id);
  return [...caseSealsOf(db, ids).values()];
}

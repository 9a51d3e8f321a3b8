import type Database from 'better-sqlite3';
import { type CaseSealFacts, type CaseViewer, type SealedCaseScope, showsContent, whatMayBeShown } from '@ledger/domain';
import { casesNaming, patronIdentifiersIn } from '../retention/retention.projection.js';

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

/** The seals of the cases a legal hold covers (its case, or every case of its patron, under any of the patron's identifiers). */
export function casesUnderHold(db: Database.Database, holdId: string): CaseSealRow[] {
  const hold = db.prepare('SELECT case_id, blind_index FROM legal_holds WHERE hold_id = ?').get(holdId) as { case_id: string | null; blind_index: string | null } | undefined;
  if (!hold) return [];
  const identifiers = hold.blind_index === null ? [] : patronIdentifiersIn(db, hold.blind_index);
  const ids = db
    .prepare(`SELECT case_id FROM cases c WHERE case_id = ? OR ${casesNaming(identifiers)}`)
    .all(hold.case_id, ...identifiers, ...identifiers) as { case_id: string }[];
  return [...caseSealsOf(db, ids.map((row) => row.case_id)).values()];
}

/** The cases among these (unknown ids left out) whose content a list keeps from the reader: sealed, and not naming them. */
export function casesSealedFor(db: Database.Database, caseIds: Iterable<string>, reader: CaseViewer): Set<string> {
  const sealed = new Set<string>();
  for (const seal of caseSealsOf(db, caseIds).values()) if (!showsContent(whatMayBeShown(reader, seal, true))) sealed.add(seal.caseId);
  return sealed;
}

/**
 * Access-log entries as `whatMayBeShown` lets the reader see them: an entry about a sealed case the
 * reader is not named in keeps who read it and when (the access log exists to answer that), says it is
 * sealed, and drops the query it was asked with.
 */
export function accessEntriesShownTo<T extends { readonly caseId: string | null; readonly query: unknown }>(
  db: Database.Database,
  entries: readonly T[],
  reader: CaseViewer,
): (T | (T & { readonly query: null; readonly sealed: true }))[] {
  const sealed = casesSealedFor(db, entries.flatMap(({ caseId }) => (caseId === null ? [] : [caseId])), reader);
  return entries.map((entry) => (entry.caseId !== null && sealed.has(entry.caseId) ? { ...entry, query: null, sealed: true as const } : entry));
}

import type Database from 'better-sqlite3';
import type { CaseStatus, Outcome, RequesterKind, SealedCaseScope } from '@ledger/domain';
import type { ExistingCase } from '@ledger/domain';
import type { CaseView } from '../cases/case-view.js';
import { encodeCursor, openedBeforeCursor, type Page } from '../support/cursor.js';
import { sealedCaseOpenSql, sealedScopeParams } from '../support/sealed-cases.js';

/** A case its opener follows from the desk; a sealed case they are not named in shows as `{caseId, openedAt, sealed}`. */
export type MyCaseItem =
  | {
      readonly caseId: string;
      readonly kind: ExistingCase['kind'];
      readonly requesterKind: RequesterKind;
      /** The agency or organisation the requester spoke for, as the board names it: how staff tell one officer's request from another's. */
      readonly requesterAgency: string | null;
      readonly status: CaseStatus;
      readonly outcome: Outcome | null;
      readonly nextAction: string | null;
      readonly openedAt: string;
      readonly sealed: false;
    }
  | { readonly caseId: string; readonly openedAt: string; readonly sealed: true };

/** "My cases": the cases a user opened, newest first, over the cases table by its opener. */
export const myCasesView: CaseView = {
  name: 'my-cases',
  version: 1,
  tables: [],
  indexesInOpeningOrder: ['cases_by_opener'],
  ddl: `CREATE INDEX IF NOT EXISTS cases_by_opener ON cases (opened_by, opened_at, case_id)`,
};

export interface MyCasesFilter {
  readonly openedBy: string;
  /** Which sealed cases the reader is named in (`sealedCasesOpenTo(reader)`). Opening a case does not name its opener. */
  readonly reader: SealedCaseScope;
  readonly limit: number;
  readonly cursor?: string;
}

export function queryMyCases(db: Database.Database, filter: MyCasesFilter): Page<MyCaseItem> {
  const params: Record<string, string | number> = { ...sealedScopeParams(filter.reader), openedBy: filter.openedBy, limit: filter.limit + 1 };
  const where = ['opened_by = @openedBy'];
  if (filter.cursor) {
    const after = openedBeforeCursor(filter.cursor);
    where.push(after.sql);
    Object.assign(params, after.params);
  }
  const rows = db
    .prepare(
      `SELECT case_id, kind, requester_kind, requester_agency, status, outcome, next_action, opened_at, ${sealedCaseOpenSql(filter.reader, 'cases.case_id', 'cases.sealed')} AS visible
       FROM cases INDEXED BY cases_by_opener WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, case_id DESC LIMIT @limit`,
    )
    .all(params) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map(
    (row): MyCaseItem =>
      row.visible
        ? {
            caseId: row.case_id as string,
            kind: row.kind as ExistingCase['kind'],
            requesterKind: row.requester_kind as RequesterKind,
            requesterAgency: row.requester_agency as string | null,
            status: row.status as CaseStatus,
            outcome: row.outcome as Outcome | null,
            nextAction: row.next_action as string | null,
            openedAt: row.opened_at as string,
            sealed: false,
          }
        : { caseId: row.case_id as string, openedAt: row.opened_at as string, sealed: true },
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.openedAt, last.caseId]) : null };
}

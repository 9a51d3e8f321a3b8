import type Database from 'better-sqlite3';
import { type CaseSealFacts, type CaseStatus, type CaseViewer, type ExistingCase, type Outcome, PROTECTED_REQUESTER_NAME, type RequesterKind, type SealedCaseScope, whatMayBeShown } from '@ledger/domain';
import type { CaseView } from '../cases/case-view.js';
import { statement } from '../support/case-projection.js';
import { encodeCursor, openedBeforeCursor, type Page } from '../support/cursor.js';
import { sealedCaseOpenSql, sealedScopeParams } from '../support/sealed-cases.js';
import { casesNaming } from '../retention/retention.projection.js';

/**
 * What a search finds a case by besides its id: its instruments' docket numbers and its requester's
 * name (and agency), each as written and in a normalised form the search compares. A patron asking
 * about their own records is never indexed by name: that name is the patron's identity, kept only
 * encrypted under the case's key, and no view may hold what a shred must take.
 */
export const caseSearchView: CaseView = {
  name: 'case-search',
  version: 1,
  tables: ['case_search_terms'],
  ddl: `CREATE TABLE IF NOT EXISTS case_search_terms (case_id TEXT NOT NULL, field TEXT NOT NULL, term TEXT NOT NULL, shown TEXT NOT NULL, PRIMARY KEY (case_id, field, term));
    CREATE INDEX IF NOT EXISTS case_search_by_term ON case_search_terms (field, term, case_id)`,
  write(db, fold, replacing) {
    if (replacing) statement(db, 'DELETE FROM case_search_terms WHERE case_id = ?').run(fold.caseId);
    const insert = statement(db, 'INSERT OR IGNORE INTO case_search_terms (case_id, field, term, shown) VALUES (?, ?, ?, ?)');
    for (const { field, shown } of searchTermsOf(fold.case)) insert.run(fold.caseId, field, normalisedTerm(field, shown), shown);
  },
};

export type SearchField = 'docket' | 'requester';

function searchTermsOf(state: ExistingCase): { field: SearchField; shown: string }[] {
  const dockets = state.instruments.flatMap((instrument) => (instrument.docketNumber ? [{ field: 'docket' as const, shown: instrument.docketNumber }] : []));
  const names = state.requesterKind === 'patron' ? [] : state.requesterNames.filter((name) => name !== PROTECTED_REQUESTER_NAME).map((shown) => ({ field: 'requester' as const, shown }));
  return [...dockets, ...names].filter(({ field, shown }) => normalisedTerm(field, shown) !== '');
}

/**
 * The form a term is compared in. A docket number without case, spaces or punctuation ("cv 24-0117" finds
 * "CV-24-0117"); a name in lower case without accents, its words separated by one space ("Jose  garcia"
 * finds "José García").
 */
export function normalisedTerm(field: SearchField, text: string): string {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return field === 'docket' ? plain.replace(/[^\p{L}\p{N}]/gu, '') : plain.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A case found, as its reader may see it: in full (an auditor: the pseudonym only), or that it is sealed. */
export type CaseSearchItem =
  | {
      readonly caseId: string;
      readonly kind: ExistingCase['kind'];
      readonly requesterKind: RequesterKind;
      readonly requesterNames: readonly string[];
      readonly docketNumbers: readonly string[];
      readonly patronPseudonym: string | null;
      readonly status: CaseStatus;
      readonly outcome: Outcome | null;
      readonly nextDeadline: string | null;
      readonly openedAt: string;
      readonly sealed: false;
    }
  | { readonly caseId: string; readonly sealed: true };

export interface CaseSearchFilter {
  readonly caseId?: string;
  readonly docketNumber?: string;
  readonly requesterName?: string;
  /** Every blind index of the patron searched for (their identifiers); a reference never reaches a view. */
  readonly patronIdentifiers?: readonly string[];
  readonly reader: CaseViewer;
  /** `sealedCasesOpenTo(reader)`: which sealed cases the reader is named in. */
  readonly scope: SealedCaseScope;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Cases matching every term given, newest first. A sealed case the reader is not named in is never
 * found by what it holds (docket, requester, patron): only its id finds it, and then only as
 * `{caseId, sealed: true}`, the answer reading it by id gives. Each case found is shown as
 * `whatMayBeShown` says; one the reader has no part in is left out, so a page may hold fewer than
 * `limit` items while `nextCursor` goes on.
 */
export function queryCaseSearch(db: Database.Database, filter: CaseSearchFilter): Page<CaseSearchItem> {
  const params: Record<string, string | number> = { ...sealedScopeParams(filter.scope), limit: filter.limit + 1 };
  const byContent: string[] = [];
  if (filter.docketNumber !== undefined) {
    byContent.push(`c.case_id IN (SELECT t.case_id FROM case_search_terms t WHERE t.field = 'docket' AND t.term >= @docket AND t.term < @docketEnd)`);
    params.docket = normalisedTerm('docket', filter.docketNumber);
    params.docketEnd = `${params.docket}\uffff`;
  }
  if (filter.requesterName !== undefined) {
    // Any word of the name starting with what was typed: "garc" finds "José García".
    byContent.push(`c.case_id IN (SELECT t.case_id FROM case_search_terms t WHERE t.field = 'requester' AND (t.term LIKE @requester ESCAPE '\\' OR t.term LIKE '% ' || @requester ESCAPE '\\'))`);
    params.requester = `${normalisedTerm('requester', filter.requesterName).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  // The patron's cases under any of their identifiers (bound as positional parameters, twice: `casesNaming`).
  const identifiers = filter.patronIdentifiers ?? [];
  if (filter.patronIdentifiers !== undefined) byContent.push(casesNaming(identifiers));
  const where: string[] = [...byContent];
  if (filter.caseId !== undefined) {
    where.push('c.case_id = @caseId');
    params.caseId = filter.caseId;
  }
  const open = sealedCaseOpenSql(filter.scope, 'c.case_id', 'c.sealed');
  // Found by what it holds only where its content is open to the reader.
  if (byContent.length > 0) where.push(open);
  if (filter.cursor) {
    const after = openedBeforeCursor(filter.cursor, 'c');
    where.push(after.sql);
    Object.assign(params, after.params);
  }
  const rows = db
    .prepare(
      `SELECT c.case_id, c.kind, c.requester_kind, c.status, c.outcome, c.next_deadline, c.opened_at, c.opened_by, c.sealed, c.patron_pseudonym, q.counsel_user_id,
         (SELECT json_group_array(n.user_id) FROM register_need_to_know n WHERE n.case_id = c.case_id) AS need_to_know,
         (SELECT json_group_array(t.shown) FROM case_search_terms t WHERE t.case_id = c.case_id AND t.field = 'docket') AS dockets,
         (SELECT json_group_array(t.shown) FROM case_search_terms t WHERE t.case_id = c.case_id AND t.field = 'requester') AS requesters
       FROM cases c LEFT JOIN counsel_queue q ON q.case_id = c.case_id
       WHERE ${where.length > 0 ? where.join(' AND ') : '0'} ORDER BY c.opened_at DESC, c.case_id DESC LIMIT @limit`,
    )
    .all(...identifiers, ...identifiers, params) as SearchRow[];
  const page = rows.slice(0, filter.limit);
  const items = page.flatMap((row): CaseSearchItem[] => {
    const facts: CaseSealFacts = { sealed: row.sealed === 1, needToKnow: JSON.parse(row.need_to_know) as string[], counselUserId: row.counsel_user_id, openedBy: row.opened_by ?? undefined };
    const access = whatMayBeShown(filter.reader, facts);
    if (access === 'sealed') return [{ caseId: row.case_id, sealed: true }];
    if (access !== 'full' && access !== 'pseudonymised') return [];
    return [
      {
        caseId: row.case_id,
        kind: row.kind as ExistingCase['kind'],
        requesterKind: row.requester_kind as RequesterKind,
        requesterNames: JSON.parse(row.requesters) as string[],
        docketNumbers: JSON.parse(row.dockets) as string[],
        patronPseudonym: row.patron_pseudonym || null,
        status: row.status as CaseStatus,
        outcome: row.outcome as Outcome | null,
        nextDeadline: row.next_deadline,
        openedAt: row.opened_at,
        sealed: false,
      },
    ];
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.opened_at, last.case_id]) : null };
}

interface SearchRow {
  readonly case_id: string;
  readonly kind: string;
  readonly requester_kind: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly next_deadline: string | null;
  readonly opened_at: string;
  readonly opened_by: string | null;
  readonly sealed: number;
  readonly patron_pseudonym: string;
  readonly counsel_user_id: string | null;
  readonly need_to_know: string;
  readonly dockets: string;
  readonly requesters: string;
}

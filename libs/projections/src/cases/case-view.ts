import type Database from 'better-sqlite3';
import type { CaseFold } from './case-fold.js';

/**
 * A read model of cases, mapped from the one fold. It owns its tables and writes a case's rows from
 * the case's fold, and may index the shared cases table (`casesTableView`); it keeps no state of its
 * own (rows are columns, not a JSON copy of a fold).
 */
export interface CaseView {
  readonly name: string;
  /**
   * Bump when the view's tables or mapping change. The cases table's version replays the ledger for every
   * case view; any other view's bump rebuilds only that view (`refreshStaleViews`).
   */
  readonly version: number;
  /** Its columns are in the cases table (mapped by `casesTableView`): rebuilding it on its own rewrites the cases rows. */
  readonly columnsInCasesTable?: true;
  /** Tables and indexes, idempotent (`IF NOT EXISTS`); a rebuild runs the CREATE INDEX statements last. */
  readonly ddl: string;
  readonly tables: readonly string[];
  /** Its indexes that a rebuild's replay fills in opening order (a few values, then `opened_at`): see `createTables`. */
  readonly indexesInOpeningOrder?: readonly string[];
  /**
   * Writes the case's rows. `replacing`: the view may already hold rows of this case (delete side rows
   * before inserting them again); false: nothing of this case is in the view yet. None: the view's
   * columns are all in the cases table.
   */
  write?(db: Database.Database, fold: CaseFold, replacing: boolean): void;
  /**
   * A view whose rows the cases table alone gives (the findings, from `findings_input`): a bump of its
   * version rewrites them from there, reading no event and folding nothing, and keeps its tables (others
   * may share them). A change to its tables' shape is a bump of the cases table instead.
   */
  rebuildFromCasesTable?(db: Database.Database): void;
}

import { caseForFindingsOf } from '@ledger/domain';
import { identityKeyIdOf } from '@ledger/ledger';
import { statement } from '../support/case-projection.js';
import { disclosureRegisterRowOf } from '../register/disclosure-register.projection.js';
import { directorBoardColumnsOf } from '../director/director-board.projection.js';
import type { CaseView } from './case-view.js';

/**
 * One row per case, read by the register, the director's board and the retention schedule: each of
 * those views declares the indexes its queries need over it and maps its own columns from the fold.
 * One table instead of three that each repeated a case's common columns (id, kind, requester, status,
 * opening, closing, seal): a rebuild makes one row per case under its random id instead of three, and
 * over 314,000 cases the rows and their key indexes take 148 MB instead of 271 MB (docs/performance.md).
 * `findings_input` is what the finding rules read of the case (`caseForFindingsOf`, no patron identity):
 * the findings rebuild from it alone when their version changes. Version 4: that column.
 */
export const casesTableView: CaseView = {
  name: 'cases',
  version: 4,
  tables: ['cases'],
  indexesInOpeningOrder: ['cases_by_time'],
  ddl: `CREATE TABLE IF NOT EXISTS cases (
      case_id TEXT PRIMARY KEY, kind TEXT NOT NULL, requester_kind TEXT NOT NULL, channel TEXT, status TEXT NOT NULL, sealed INTEGER NOT NULL,
      opened_at TEXT NOT NULL, closed_at TEXT, outcome TEXT, patron_pseudonym TEXT NOT NULL, blind_index TEXT NOT NULL, key_id TEXT NOT NULL,
      requested_categories TEXT NOT NULL, released_categories TEXT NOT NULL, rules TEXT NOT NULL, instrument_type TEXT,
      counsel_advice TEXT, decided_by TEXT, next_action TEXT, next_deadline TEXT, wellness TEXT, requester_agency TEXT, opened_by TEXT,
      findings_input TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS cases_by_time ON cases (opened_at, case_id)`,
  write(db, fold) {
    const register = disclosureRegisterRowOf(fold);
    const board = directorBoardColumnsOf(fold);
    const { patron } = fold.case;
    statement(
      db,
      `INSERT OR REPLACE INTO cases (case_id, kind, requester_kind, channel, status, sealed, opened_at, closed_at, outcome, patron_pseudonym,
         blind_index, key_id, requested_categories, released_categories, rules, instrument_type, counsel_advice, decided_by, next_action, next_deadline, wellness, requester_agency, opened_by, findings_input)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      register.caseId,
      register.kind,
      register.requesterKind,
      register.channel,
      register.status,
      register.sealed ? 1 : 0,
      register.openedAt,
      register.closedAt,
      register.outcome,
      register.patronPseudonym ?? '',
      // A request about a resource or a transaction names no single patron: no blind index; its identities sit under the case key.
      patron?.blindIndex ?? '',
      identityKeyIdOf(fold.case),
      JSON.stringify(register.requestedCategories),
      JSON.stringify(register.releasedCategories),
      JSON.stringify(register.rules),
      register.instrumentType,
      register.counselAdvice,
      register.decidedBy,
      board.nextAction,
      board.nextDeadline,
      board.wellness ? JSON.stringify(board.wellness) : null,
      board.requesterAgency,
      fold.case.openedBy,
      JSON.stringify(caseForFindingsOf(fold.case)),
    );
  },
};

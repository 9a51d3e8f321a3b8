import type Database from 'better-sqlite3';
import { type CaseForFindings, DEFAULT_COUNSEL_SLA_HOURS, findingsOf, type Finding, type FindingRule, type FindingSeverity, OTHER_STREAM_FINDING_RULES } from '@ledger/domain';
import { statement, utc } from '../support/case-projection.js';

/** A finding as the views store and the queries return it (the domain's `findingsOf` makes them). */
export type { Finding } from '@ledger/domain';
import type { CaseView } from '../cases/case-view.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import type { SealedCaseScope } from '@ledger/domain';
import { sealedCaseOpenSql, sealedScopeParams } from '../support/sealed-cases.js';

const FINDINGS_DDL = `CREATE TABLE IF NOT EXISTS findings (
    finding_id TEXT PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, case_id TEXT NOT NULL, detected_at TEXT NOT NULL,
    message TEXT NOT NULL, citation TEXT NOT NULL, source TEXT NOT NULL, sealed INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS findings_by_time ON findings (detected_at, finding_id);
  CREATE INDEX IF NOT EXISTS findings_by_rule ON findings (rule, detected_at, finding_id);
  CREATE INDEX IF NOT EXISTS findings_by_severity ON findings (severity, detected_at, finding_id);
  CREATE INDEX IF NOT EXISTS findings_by_case ON findings (case_id);
  CREATE TABLE IF NOT EXISTS finding_due (
    finding_id TEXT PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, case_id TEXT NOT NULL, due_at TEXT NOT NULL,
    message TEXT NOT NULL, citation TEXT NOT NULL, sealed INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS finding_due_by_time ON finding_due (due_at);
  CREATE INDEX IF NOT EXISTS finding_due_by_case ON finding_due (case_id);
  CREATE TABLE IF NOT EXISTS finding_need_to_know (case_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (case_id, user_id));`;

/**
 * Findings. Rules an event settles are written when the event is applied (`source = 'event'`,
 * detectedAt = the event's occurredAt or the deadline it missed). Rules that become true by the
 * passing of time are kept in `finding_due` with the moment they would become true; the findings
 * clock (`materialiseDueFindings`, the case views' `advanceClock`) copies those whose moment has passed into `findings`
 * (`source = 'clock'`, detectedAt = that moment), so a finding's row is the same whoever found it
 * first and whenever. Applying a later event of the case re-derives its findings and withdraws a
 * clock finding that the event resolved (e.g. a referral recorded with an earlier occurredAt).
 *
 * The view versions on its own (`case_view_versions`): a bump — a rule changed, or the referral or
 * counsel SLA, which are part of its version — rebuilds its case rows from what the cases table keeps of
 * each case (`findings_input`, `caseForFindingsOf`), reading no event (`rebuildFromCasesTable`). The
 * breach-notice and purge-approval findings share its tables and are left as they are.
 * Version 10: findings are a function of the recorded case, chosen by each pack's finding rules.
 */
export function createFindingsView(options: { referralSlaMinutes: number; counselSlaHours?: number }): CaseView {
  const sla = options.referralSlaMinutes;
  const counselSla = options.counselSlaHours ?? DEFAULT_COUNSEL_SLA_HOURS;
  const write = (db: Database.Database, state: CaseForFindings, replacing: boolean) => writeCaseFindings(db, state, replacing, sla, counselSla);
  return {
    name: 'findings',
    version: 10_000_000_000 + counselSla * 100_000 + sla,
    tables: ['findings', 'finding_due', 'finding_need_to_know'],
    ddl: FINDINGS_DDL,
    write: (db, fold, replacing) => write(db, fold.case, replacing),
    rebuildFromCasesTable(db) {
      const caseRules = `rule NOT IN (${[...OTHER_STREAM_FINDING_RULES].map((rule) => `'${rule}'`).join(', ')})`;
      db.exec(`DELETE FROM finding_due WHERE ${caseRules}; DELETE FROM findings WHERE source = 'event' AND ${caseRules}; DELETE FROM finding_need_to_know;`);
      // A page at a time (the connection cannot write while it reads a query), in opening order.
      const page = db.prepare('SELECT opened_at, case_id, findings_input FROM cases WHERE (opened_at, case_id) > (?, ?) ORDER BY opened_at, case_id LIMIT 1000');
      for (let after = ['', ''], rows = page.all(...after) as CaseInputRow[]; rows.length > 0; rows = page.all(...after) as CaseInputRow[]) {
        for (const row of rows) write(db, JSON.parse(row.findings_input) as CaseForFindings, false);
        const last = rows[rows.length - 1];
        after = [last.opened_at, last.case_id];
      }
      // What the clock found stays found while its rule still says so, in the rule's present words; the rest is withdrawn.
      db.exec(`DELETE FROM findings WHERE source = 'clock' AND ${caseRules} AND finding_id NOT IN (SELECT finding_id FROM finding_due);
        UPDATE findings SET (rule, severity, case_id, detected_at, message, citation, sealed) =
          (SELECT rule, severity, case_id, due_at, message, citation, sealed FROM finding_due WHERE finding_due.finding_id = findings.finding_id)
        WHERE source = 'clock' AND ${caseRules}`);
    },
  };
}

interface CaseInputRow {
  readonly opened_at: string;
  readonly case_id: string;
  readonly findings_input: string;
}

/** Writes a case's findings (`replacing`: the view may hold rows of this case already). */
function writeCaseFindings(db: Database.Database, row: CaseForFindings, replacing: boolean, sla: number, counselSla: number): void {
  const { findings, due } = findingsOf(row, sla, counselSla);
  if (replacing) statement(db, 'DELETE FROM finding_due WHERE case_id = ?').run(row.caseId);
  const insertDue = statement(
    db,
    'INSERT INTO finding_due (finding_id, rule, severity, case_id, due_at, message, citation, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const sealed = row.sealed ? 1 : 0;
  for (const entry of due) insertDue.run(entry.findingId, entry.rule, entry.severity, entry.caseId, entry.detectedAt, entry.message, entry.citation, sealed);
  // Event findings are re-derived; clock findings stay only while their condition is still pending.
  if (replacing) {
    statement(
      db,
      `DELETE FROM findings WHERE case_id = ? AND (source = 'event' OR finding_id NOT IN (SELECT finding_id FROM finding_due WHERE case_id = ?))`,
    ).run(row.caseId, row.caseId);
  }
  const insert = statement(
    db,
    `INSERT OR REPLACE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 'event', ?)`,
  );
  for (const entry of findings) insert.run(entry.findingId, entry.rule, entry.severity, entry.caseId, entry.detectedAt, entry.message, entry.citation, sealed);
  const grant = statement(db, 'INSERT OR IGNORE INTO finding_need_to_know (case_id, user_id) VALUES (?, ?)');
  for (const userId of row.needToKnow) grant.run(row.caseId, userId);
  // A case sealed later seals the clock findings already made for it.
  if (replacing) statement(db, 'UPDATE findings SET sealed = ? WHERE case_id = ?').run(sealed, row.caseId);
}

/**
 * The findings clock's check: every pending finding whose moment has passed by `now` becomes a
 * finding. Idempotent; returns how many were new.
 */
export function materialiseDueFindings(db: Database.Database, now: Date): number {
  const result = statement(
    db,
    `INSERT OR IGNORE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed)
     SELECT finding_id, rule, severity, case_id, due_at, message, citation, 'clock', sealed FROM finding_due WHERE due_at <= ?`,
  ).run(now.toISOString());
  return result.changes;
}

export interface FindingsFilter {
  readonly from?: string;
  readonly to?: string;
  readonly severity?: FindingSeverity;
  readonly rule?: FindingRule;
  readonly caseId?: string;
  readonly limit: number;
  readonly cursor?: string;
  /**
   * Which sealed cases the reader is named in (`sealedCasesOpenTo(reader)`). The findings of a sealed
   * case (their rules name instruments) are left out for everyone else: the register and the stats tell
   * them a sealed case exists, nothing more. Absent: everything shown (a case file, made for a reader
   * who may read the case).
   */
  readonly reader?: SealedCaseScope;
}

/** Newest first, paged over (detectedAt, findingId). */
export function queryFindings(db: Database.Database, filter: FindingsFilter): Page<Finding> {
  const where: string[] = [];
  const params: Record<string, string | number> = { ...(filter.reader ? sealedScopeParams(filter.reader) : {}), limit: filter.limit + 1 };
  if (filter.rule) { where.push('rule = @rule'); params.rule = filter.rule; }
  if (filter.severity) { where.push('severity = @severity'); params.severity = filter.severity; }
  if (filter.caseId) { where.push('case_id = @caseId'); params.caseId = filter.caseId; }
  if (filter.from) { where.push('detected_at >= @from'); params.from = utc(filter.from); }
  if (filter.to) { where.push('detected_at < @to'); params.to = utc(filter.to); }
  if (filter.cursor) {
    const [detectedAt, findingId] = decodeCursor(filter.cursor, 2);
    where.push('(detected_at < @cursorAt OR (detected_at = @cursorAt AND finding_id < @cursorId))');
    params.cursorAt = detectedAt!;
    params.cursorId = findingId!;
  }
  if (filter.reader) where.push(sealedCaseOpenSql(filter.reader, 'findings.case_id', 'findings.sealed'));
  const rows = db
    .prepare(
      `SELECT finding_id, rule, severity, case_id, detected_at, message, citation
       FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY detected_at DESC, finding_id DESC LIMIT @limit`,
    )
    .all(params) as Record<string, string>[];
  const items = rows.slice(0, filter.limit).map(
    (row): Finding => ({
      findingId: row.finding_id,
      rule: row.rule as FindingRule,
      severity: row.severity as FindingSeverity,
      caseId: row.case_id,
      detectedAt: row.detected_at,
      message: row.message,
      citation: row.citation,
    }),
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.detectedAt, last.findingId]) : null };
}

import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION_SCHEDULE, type JurisdictionPack, jurisdictionOfEvent, KINDS_THE_LAW_KEEPS, type RetentionEvent, type RetentionRule } from '@ledger/domain';
import type { Projection } from '../runner/projection.js';
import { withEventRule } from './with-event-rule.js';
import { statement, utc } from '../support/case-projection.js';
import { finding } from '@ledger/domain';

const PURGE_EVENT_TYPES = ['RetentionScheduleSet', 'CaseRetentionReleased', 'PatronIdentityShredded'] as const;

/** Part of the case views' version: a change here rebuilds the findings. */
export const PURGE_APPROVAL_FINDINGS_VERSION = 1;

const TABLES = ['finding_retention_schedules', 'finding_retention_released'];
const DDL = `CREATE TABLE IF NOT EXISTS finding_retention_schedules (version INTEGER PRIMARY KEY, rules TEXT NOT NULL, approved_by TEXT);
  CREATE TABLE IF NOT EXISTS finding_retention_released (case_id TEXT PRIMARY KEY, released_by TEXT NOT NULL)`;

function rulesOf(db: Database.Database, version: number): readonly RetentionRule[] {
  if (version === DEFAULT_RETENTION_SCHEDULE.version) return DEFAULT_RETENTION_SCHEDULE.rules;
  const row = statement(db, 'SELECT rules FROM finding_retention_schedules WHERE version = ?').get(version) as { rules: string } | undefined;
  return row ? (JSON.parse(row.rules) as RetentionRule[]) : [];
}

/**
 * RETENTION-COUNSEL-APPROVAL as a finding: a patron identity shredded under a rule for what the law
 * keeps (law enforcement, a legal instrument, a violation) needed counsel's approval — a schedule
 * counsel approved (`RetentionScheduleSet.approvedBy`) or counsel's release of the case
 * (`CaseRetentionReleased`). A shred with neither (a schedule the Director alone set before
 * proposals existed, or any path around them) is a violation dated at the shred. Everything it reads
 * comes from the retention events themselves, so it needs no other view.
 */
export function applyPurgeApproval(db: Database.Database, event: RetentionEvent, pack: JurisdictionPack): void {
  switch (event.type) {
    case 'RetentionScheduleSet':
      statement(db, 'INSERT OR IGNORE INTO finding_retention_schedules (version, rules, approved_by) VALUES (?, ?, ?)').run(
        event.data.version,
        JSON.stringify(event.data.rules),
        event.data.approvedBy ?? null,
      );
      return;
    case 'CaseRetentionReleased':
      statement(db, 'INSERT OR IGNORE INTO finding_retention_released (case_id, released_by) VALUES (?, ?)').run(event.data.caseId, event.data.by);
      return;
    case 'PatronIdentityShredded': {
      const { caseIds, scheduleRule, scheduleVersion, basis, pseudonym, occurredAt, dispositionAuthority } = event.data;
      const rule = rulesOf(db, scheduleVersion).find((candidate) => candidate.id === scheduleRule);
      if (!rule || !KINDS_THE_LAW_KEEPS.includes(rule.caseKind) || !pack.findingRules.includes('RETENTION-COUNSEL-APPROVAL')) return;
      const schedule = statement(db, 'SELECT approved_by FROM finding_retention_schedules WHERE version = ?').get(scheduleVersion) as { approved_by: string | null } | undefined;
      if (schedule?.approved_by) return;
      const released = statement(db, 'SELECT 1 FROM finding_retention_released WHERE case_id = ?');
      const insert = statement(
        db,
        `INSERT OR IGNORE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'event', COALESCE((SELECT sealed FROM cases WHERE case_id = ?), 1))`,
      );
      for (const caseId of caseIds) {
        if (released.get(caseId)) continue;
        const kind = rule.caseKind.replace(/_/g, ' ');
        const authority = dispositionAuthority ? `disposition authority ${dispositionAuthority}` : 'no disposition authority given';
        const message = `The patron identity of case ${caseId} (${pseudonym}) was shredded on ${occurredAt} (${basis.replace(/_/g, ' ')}, rule ${scheduleRule} for ${kind}, schedule version ${scheduleVersion}; ${authority}) without counsel's approval: what the law keeps is destroyed only under a schedule counsel approved or once counsel released the case.`;
        const entry = finding('RETENTION-COUNSEL-APPROVAL', caseId, 'purge', utc(occurredAt), message, pack);
        insert.run(entry.findingId, entry.rule, entry.severity, caseId, entry.detectedAt, entry.message, entry.citation, caseId);
      }
      return;
    }
    default:
      return;
  }
}

/** The findings view with the purge-approval rule added: the retention events it reads go to `applyPurgeApproval`. */
export function withPurgeApprovals(base: Projection): Projection {
  return withEventRule(base, {
    types: PURGE_EVENT_TYPES,
    ddl: DDL,
    tables: TABLES,
    apply: (db, projected) => applyPurgeApproval(db, { type: projected.type, data: projected.data } as RetentionEvent, jurisdictionOfEvent(projected.metadata.jurisdiction)),
  });
}

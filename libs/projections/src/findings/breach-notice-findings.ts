import type Database from 'better-sqlite3';
import { DEFAULT_JURISDICTION, type IncidentEvent, type JurisdictionPack, jurisdictionOfEvent } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { plusDays, statement, utc } from '../support/case-projection.js';
import { finding } from './finding-rules.js';

const BREACH_EVENT_TYPES = ['BreachIncidentRecorded', 'BreachNotificationRecorded'] as const;
const NOTIFIED_DDL = 'CREATE TABLE IF NOT EXISTS finding_breach_notified (finding_id TEXT PRIMARY KEY)';

/** One pending notice per affected patron (by pseudonym) and one for a described group. */
function noticeFindingId(incidentId: string, who: { pseudonym: string } | 'group'): string {
  return `BREACH-NOTICE-LATE:${incidentId}:${who === 'group' ? 'group' : who.pseudonym}`;
}

/**
 * BREACH-NOTICE-LATE, in the findings view: recording an incident makes one pending finding per
 * affected patron (and one for a described group), due when the notice period ends; the findings
 * clock turns those still pending into findings. A notice given and recorded in time withdraws its
 * pending finding. A notice given after the deadline, or recorded after it whatever date it bears,
 * settles it as a finding dated at the deadline and annotated "notified late, on …": a notice dated
 * back into the period never withdraws a finding already due. `caseId` is the incident's id.
 */
export function applyBreachNotice(
  db: Database.Database,
  event: IncidentEvent,
  noticeDays: number,
  recordedAt: string = event.data.occurredAt,
  jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION,
): void {
  switch (event.type) {
    case 'BreachIncidentRecorded': {
      const { incidentId, discoveredAt, affectedPatrons, affectedGroup } = event.data;
      const deadline = plusDays(utc(discoveredAt), noticeDays);
      const notified = statement(db, 'SELECT 1 FROM finding_breach_notified WHERE finding_id = ?');
      const insertDue = statement(
        db,
        `INSERT OR IGNORE INTO finding_due (finding_id, rule, severity, case_id, due_at, message, citation, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
      );
      const pending = [
        ...affectedPatrons.map((patron) => ({ id: noticeFindingId(incidentId, patron), who: `Patron ${patron.pseudonym}` })),
        ...(affectedGroup ? [{ id: noticeFindingId(incidentId, 'group'), who: `The affected group (${affectedGroup})` }] : []),
      ];
      for (const { id, who } of pending) {
        if (notified.get(id)) continue;
        const message = `${who}, affected by the data breach discovered on ${discoveredAt} (incident ${incidentId}), was not notified within ${noticeDays} days.`;
        const entry = finding('BREACH-NOTICE-LATE', incidentId, null, deadline, message, jurisdiction);
        insertDue.run(id, entry.rule, entry.severity, incidentId, deadline, message, entry.citation);
      }
      return;
    }
    case 'BreachNotificationRecorded': {
      const { incidentId, patron, notifiedAt } = event.data;
      const id = noticeFindingId(incidentId, patron ?? 'group');
      const due = statement(db, 'SELECT due_at, message, citation, severity, rule FROM finding_due WHERE finding_id = ?').get(id) as
        | { due_at: string; message: string; citation: string; severity: string; rule: string }
        | undefined;
      statement(db, 'INSERT OR IGNORE INTO finding_breach_notified (finding_id) VALUES (?)').run(id);
      if (!due) return;
      statement(db, 'DELETE FROM finding_due WHERE finding_id = ?').run(id);
      if (utc(notifiedAt) <= due.due_at && utc(recordedAt) <= due.due_at) {
        statement(db, 'DELETE FROM findings WHERE finding_id = ?').run(id);
        return;
      }
      const when = utc(notifiedAt) <= due.due_at ? `${notifiedAt} by its own date, recorded only on ${recordedAt}` : notifiedAt;
      const message = due.message.replace(/was not notified within (\d+) days\.$/, `was not notified within $1 days: notified late, on ${when}.`);
      statement(
        db,
        `INSERT OR REPLACE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 'event', 0)`,
      ).run(id, due.rule, due.severity, incidentId, due.due_at, message, due.citation);
      return;
    }
    default:
      return;
  }
}

/** The findings view with the breach-notice rule added: incident events go to `applyBreachNotice`, the rest to the case findings. */
export function withBreachNotices(base: Projection, noticeDays: number): Projection {
  return {
    ...base,
    handles: [...base.handles, ...BREACH_EVENT_TYPES],
    setup(db, options) {
      base.setup(db, options);
      db.exec(NOTIFIED_DDL);
    },
    teardown(db) {
      base.teardown(db);
      db.exec('DROP TABLE IF EXISTS finding_breach_notified');
    },
    apply(db, projected: ProjectedEvent) {
      if ((BREACH_EVENT_TYPES as readonly string[]).includes(projected.type)) {
        const event = { type: projected.type, data: projected.data } as IncidentEvent;
        applyBreachNotice(db, event, noticeDays, projected.metadata.recordedAt ?? event.data.occurredAt, jurisdictionOfEvent(projected.metadata.jurisdiction));
      } else base.apply(db, projected);
    },
  };
}

import type Database from 'better-sqlite3';
import type { IncidentEvent } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { tableProjection } from '../support/table-projection.js';
import { plusDays, statement, utc } from '../support/case-projection.js';

const DDL = `CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY, discovered_at TEXT NOT NULL, description TEXT NOT NULL, systems TEXT NOT NULL,
    affected_group TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS incident_patrons (incident_id TEXT NOT NULL, blind_index TEXT NOT NULL, pseudonym TEXT NOT NULL, PRIMARY KEY (incident_id, blind_index));
  CREATE TABLE IF NOT EXISTS incident_notifications (
    notification_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, blind_index TEXT, pseudonym TEXT, group_notified TEXT,
    method TEXT NOT NULL, notified_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS incident_notifications_by_incident ON incident_notifications (incident_id, notified_at)`;
const TABLES = ['incidents', 'incident_patrons', 'incident_notifications'];

/**
 * Breach incidents for the director and the auditor: the incident, the affected patrons by pseudonym
 * (blind index for matching notices; never the reference, never its ciphertext) and each notice.
 */
export const incidentsProjection: Projection = tableProjection({
  name: 'incidents',
  version: 1,
  handles: ['BreachIncidentRecorded', 'BreachNotificationRecorded'],
  ddl: DDL,
  tables: TABLES,
  apply(db, projected: ProjectedEvent) {
    const event = { type: projected.type, data: projected.data } as IncidentEvent;
    switch (event.type) {
      case 'BreachIncidentRecorded': {
        const data = event.data;
        statement(
          db,
          `INSERT INTO incidents (incident_id, discovered_at, description, systems, affected_group, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (incident_id) DO NOTHING`,
        ).run(data.incidentId, utc(data.discoveredAt), data.description, JSON.stringify(data.systems), data.affectedGroup ?? null, utc(data.occurredAt), data.by);
        const patron = statement(db, 'INSERT INTO incident_patrons (incident_id, blind_index, pseudonym) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
        for (const affected of data.affectedPatrons) patron.run(data.incidentId, affected.blindIndex, affected.pseudonym);
        return;
      }
      case 'BreachNotificationRecorded': {
        const data = event.data;
        statement(
          db,
          `INSERT INTO incident_notifications (notification_id, incident_id, blind_index, pseudonym, group_notified, method, notified_at, recorded_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notification_id) DO NOTHING`,
        ).run(data.notificationId, data.incidentId, data.patron?.blindIndex ?? null, data.patron?.pseudonym ?? null, data.group ?? null, data.method, utc(data.notifiedAt), data.by);
        return;
      }
      default:
        return;
    }
  },
});

export interface IncidentSummary {
  readonly incidentId: string;
  readonly discoveredAt: string;
  readonly description: string;
  readonly systems: readonly string[];
  readonly affected: { readonly patrons: number; readonly pseudonyms: readonly string[]; readonly group?: string };
  /** discoveredAt + the notice period (the jurisdiction's statutory maximum unless configured shorter). */
  readonly noticeDeadline: string;
  readonly notifications: {
    readonly count: number;
    readonly patronsNotified: number;
    readonly groupNotified: boolean;
    readonly items: readonly { notificationId: string; patronPseudonym?: string; group?: string; method: string; notifiedAt: string; late: boolean }[];
  };
  /** Affected patrons (pseudonyms) not yet notified, and whether the group still waits. */
  readonly awaitingNotice: { readonly pseudonyms: readonly string[]; readonly group: boolean };
  /** The deadline has passed with someone not notified in time. */
  readonly overdue: boolean;
  readonly recordedAt: string;
}

/** Every incident, newest discovery first, with its notices and deadline at `now`. */
export function listIncidents(db: Database.Database, noticeDays: number, now: Date): IncidentSummary[] {
  const incidents = db.prepare('SELECT * FROM incidents ORDER BY discovered_at DESC, incident_id').all() as Record<string, string | null>[];
  const patronsOf = db.prepare('SELECT blind_index, pseudonym FROM incident_patrons WHERE incident_id = ? ORDER BY pseudonym');
  const noticesOf = db.prepare('SELECT * FROM incident_notifications WHERE incident_id = ? ORDER BY notified_at, notification_id');
  return incidents.map((incident) => {
    const deadline = plusDays(incident.discovered_at!, noticeDays);
    const patrons = patronsOf.all(incident.incident_id) as { blind_index: string; pseudonym: string }[];
    const notices = noticesOf.all(incident.incident_id) as Record<string, string | null>[];
    const notified = new Set(notices.filter((notice) => notice.blind_index).map((notice) => notice.blind_index!));
    const groupNotified = notices.some((notice) => notice.group_notified !== null);
    const waiting = patrons.filter((patron) => !notified.has(patron.blind_index)).map((patron) => patron.pseudonym);
    const groupWaiting = incident.affected_group !== null && !groupNotified;
    const lateNotice = notices.some((notice) => notice.notified_at! > deadline);
    return {
      incidentId: incident.incident_id!,
      discoveredAt: incident.discovered_at!,
      description: incident.description!,
      systems: JSON.parse(incident.systems!),
      affected: { patrons: patrons.length, pseudonyms: patrons.map((patron) => patron.pseudonym), ...(incident.affected_group ? { group: incident.affected_group } : {}) },
      noticeDeadline: deadline,
      notifications: {
        count: notices.length,
        patronsNotified: notified.size,
        groupNotified,
        items: notices.map((notice) => ({
          notificationId: notice.notification_id!,
          ...(notice.pseudonym ? { patronPseudonym: notice.pseudonym } : {}),
          ...(notice.group_notified ? { group: notice.group_notified } : {}),
          method: notice.method!,
          notifiedAt: notice.notified_at!,
          late: notice.notified_at! > deadline,
        })),
      },
      awaitingNotice: { pseudonyms: waiting, group: groupWaiting },
      overdue: lateNotice || ((waiting.length > 0 || groupWaiting) && now.toISOString() > deadline),
      recordedAt: incident.recorded_at!,
    };
  });
}

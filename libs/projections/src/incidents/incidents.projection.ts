import type Database from 'better-sqlite3';
import { type BreachDataElement, breachNoticeDeadline, breachNoticeLawOf, type BreachNoticeLaw, type IncidentEvent, jurisdictionOfEvent, type NoticeDelay } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { tableProjection } from '../support/table-projection.js';
import { statement, utc } from '../support/case-projection.js';

const DDL = `CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY, discovered_at TEXT NOT NULL, description TEXT NOT NULL, systems TEXT NOT NULL,
    affected_group TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, data_elements TEXT, notice_law TEXT,
    ag_notified_at TEXT, ag_recorded_at TEXT, ag_recorded_by TEXT);
  CREATE TABLE IF NOT EXISTS incident_patrons (
    incident_id TEXT NOT NULL, blind_index TEXT NOT NULL, pseudonym TEXT NOT NULL, found_at TEXT, PRIMARY KEY (incident_id, blind_index));
  CREATE TABLE IF NOT EXISTS incident_delays (
    delay_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, requested_by TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS incident_delays_by_incident ON incident_delays (incident_id, from_at);
  CREATE TABLE IF NOT EXISTS incident_notifications (
    notification_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, blind_index TEXT, pseudonym TEXT, group_notified TEXT,
    method TEXT NOT NULL, notified_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS incident_notifications_by_incident ON incident_notifications (incident_id, notified_at)`;
const TABLES = ['incidents', 'incident_patrons', 'incident_notifications', 'incident_delays'];

/**
 * Breach incidents for the director and the auditor: the incident, the affected patrons by pseudonym
 * (blind index for matching notices; never the reference, never its ciphertext) and each notice.
 */
export const incidentsProjection: Projection = tableProjection({
  name: 'incidents',
  // 2: data elements, the Attorney General's notice, delays, patrons found later.
  version: 2,
  handles: ['BreachIncidentRecorded', 'BreachNotificationRecorded', 'AttorneyGeneralNotified', 'BreachNoticeDelayed', 'AffectedPatronsAdded'],
  ddl: DDL,
  tables: TABLES,
  apply(db, projected: ProjectedEvent) {
    const event = { type: projected.type, data: projected.data } as IncidentEvent;
    switch (event.type) {
      case 'BreachIncidentRecorded': {
        const data = event.data;
        statement(
          db,
          `INSERT INTO incidents (incident_id, discovered_at, description, systems, affected_group, recorded_at, recorded_by, data_elements, notice_law) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (incident_id) DO NOTHING`,
        ).run(
          data.incidentId,
          utc(data.discoveredAt),
          data.description,
          JSON.stringify(data.systems),
          data.affectedGroup ?? null,
          utc(data.occurredAt),
          data.by,
          data.dataElements ? JSON.stringify(data.dataElements) : null,
          // Read under the pack the incident was recorded under.
          data.dataElements ? breachNoticeLawOf(jurisdictionOfEvent(projected.metadata.jurisdiction), data.dataElements) : null,
        );
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
      case 'AttorneyGeneralNotified': {
        const data = event.data;
        statement(db, 'UPDATE incidents SET ag_notified_at = ?, ag_recorded_at = ?, ag_recorded_by = ? WHERE incident_id = ?').run(
          utc(data.notifiedAt),
          utc(projected.metadata.recordedAt ?? data.occurredAt),
          data.by,
          data.incidentId,
        );
        return;
      }
      case 'BreachNoticeDelayed': {
        const data = event.data;
        statement(
          db,
          `INSERT INTO incident_delays (delay_id, incident_id, requested_by, from_at, to_at, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delay_id) DO NOTHING`,
        ).run(data.delayId, data.incidentId, data.requestedBy, utc(data.from), utc(data.to), utc(projected.metadata.recordedAt ?? data.occurredAt), data.by);
        return;
      }
      case 'AffectedPatronsAdded': {
        const data = event.data;
        const patron = statement(db, 'INSERT INTO incident_patrons (incident_id, blind_index, pseudonym, found_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
        for (const affected of data.affectedPatrons) patron.run(data.incidentId, affected.blindIndex, affected.pseudonym, utc(data.occurredAt));
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
  readonly affected: {
    readonly patrons: number;
    readonly pseudonyms: readonly string[];
    readonly group?: string;
    /** Patrons found affected after the incident was recorded, each with the deadline of their own clock. */
    readonly foundLater: readonly { readonly pseudonym: string; readonly foundAt: string; readonly noticeDeadline: string }[];
  };
  /** What was exposed; null for incidents recorded before it was asked. */
  readonly dataElements: readonly BreachDataElement[] | null;
  /** Whose law requires the notices: the breach statute (personal information) or the policy alone; null when not recorded. */
  readonly noticeLaw: BreachNoticeLaw | null;
  /** The end of the notice period after discoveredAt (the jurisdiction's statutory maximum unless configured shorter; its last day ends at the library's midnight), not counting law enforcement's delays. */
  readonly noticeDeadline: string;
  /** The notice to the Attorney General, once recorded; `beforeResidents` false when a resident was notified first. */
  readonly attorneyGeneral: { readonly notifiedAt: string; readonly recordedAt: string; readonly beforeResidents: boolean } | null;
  /** Periods law enforcement asked the library to delay notice (the breach statute's delay): the clocks stop in them. */
  readonly delays: readonly { readonly delayId: string; readonly requestedBy: string; readonly from: string; readonly to: string; readonly recordedAt: string }[];
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

/** Every incident, newest discovery first, with its notices and deadlines at `now` (days on the calendar of `timeZone` when given). */
export function listIncidents(db: Database.Database, noticeDays: number, now: Date, timeZone?: string): IncidentSummary[] {
  const incidents = db.prepare('SELECT * FROM incidents ORDER BY discovered_at DESC, incident_id').all() as Record<string, string | null>[];
  const patronsOf = db.prepare('SELECT blind_index, pseudonym, found_at FROM incident_patrons WHERE incident_id = ? ORDER BY pseudonym');
  const noticesOf = db.prepare('SELECT * FROM incident_notifications WHERE incident_id = ? ORDER BY notified_at, notification_id');
  const delaysOf = db.prepare('SELECT * FROM incident_delays WHERE incident_id = ? ORDER BY from_at, delay_id');
  return incidents.map((incident) => {
    const delays = delaysOf.all(incident.incident_id) as Record<string, string>[];
    const clockDelays: NoticeDelay[] = delays.map((delay) => ({ from: delay.from_at, to: delay.to_at, recordedAt: delay.recorded_at }));
    const deadlineFrom = (startedAt: string) => breachNoticeDeadline(startedAt, noticeDays, clockDelays, timeZone);
    const deadline = deadlineFrom(incident.discovered_at!);
    const patrons = patronsOf.all(incident.incident_id) as { blind_index: string; pseudonym: string; found_at: string | null }[];
    const deadlineOf = new Map(patrons.map((patron) => [patron.blind_index, patron.found_at ? deadlineFrom(patron.found_at) : deadline]));
    const notices = noticesOf.all(incident.incident_id) as Record<string, string | null>[];
    const notified = new Set(notices.filter((notice) => notice.blind_index).map((notice) => notice.blind_index!));
    const groupNotified = notices.some((notice) => notice.group_notified !== null);
    const waiting = patrons.filter((patron) => !notified.has(patron.blind_index));
    const groupWaiting = incident.affected_group !== null && !groupNotified;
    const noticeLate = (notice: Record<string, string | null>) => notice.notified_at! > (notice.blind_index ? (deadlineOf.get(notice.blind_index) ?? deadline) : deadline);
    const waitingPastDeadline = waiting.some((patron) => now.toISOString() > deadlineOf.get(patron.blind_index)!) || (groupWaiting && now.toISOString() > deadline);
    const dataElements = incident.data_elements ? (JSON.parse(incident.data_elements) as BreachDataElement[]) : null;
    const firstResidentNotice = notices[0]?.notified_at ?? null;
    return {
      incidentId: incident.incident_id!,
      discoveredAt: incident.discovered_at!,
      description: incident.description!,
      systems: JSON.parse(incident.systems!) as string[],
      affected: {
        patrons: patrons.length,
        pseudonyms: patrons.map((patron) => patron.pseudonym),
        ...(incident.affected_group ? { group: incident.affected_group } : {}),
        foundLater: patrons.filter((patron) => patron.found_at).map((patron) => ({ pseudonym: patron.pseudonym, foundAt: patron.found_at!, noticeDeadline: deadlineOf.get(patron.blind_index)! })),
      },
      dataElements,
      noticeLaw: (incident.notice_law as BreachNoticeLaw | null) ?? null,
      noticeDeadline: deadline,
      attorneyGeneral: incident.ag_notified_at
        ? {
            notifiedAt: incident.ag_notified_at,
            recordedAt: incident.ag_recorded_at!,
            beforeResidents: firstResidentNotice === null || incident.ag_notified_at <= firstResidentNotice,
          }
        : null,
      delays: delays.map((delay) => ({ delayId: delay.delay_id, requestedBy: delay.requested_by, from: delay.from_at, to: delay.to_at, recordedAt: delay.recorded_at })),
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
          late: noticeLate(notice),
        })),
      },
      awaitingNotice: { pseudonyms: waiting.map((patron) => patron.pseudonym), group: groupWaiting },
      overdue: notices.some(noticeLate) || waitingPastDeadline,
      recordedAt: incident.recorded_at!,
    };
  });
}

import type Database from 'better-sqlite3';
import {
  BREACH_POLICY_CITATION,
  breachNoticeDeadline,
  breachNoticeLawOf,
  type BreachNoticeLaw,
  DEFAULT_JURISDICTION,
  type IncidentEvent,
  type JurisdictionPack,
  jurisdictionOfEvent,
  type NoticeDelay,
} from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { statement, utc } from '../support/case-projection.js';
import { finding, type FindingRule } from '@ledger/domain';
import { withEventRule } from './with-event-rule.js';

const BREACH_EVENT_TYPES = ['BreachIncidentRecorded', 'BreachNotificationRecorded', 'AttorneyGeneralNotified', 'BreachNoticeDelayed', 'AffectedPatronsAdded'] as const;

/** Part of the case views' version: a change here rebuilds the findings. 2: data elements, the Attorney General, delays, patrons found later. 3: days on the library's calendar. */
export const BREACH_NOTICE_FINDINGS_VERSION = 3;

const TABLES = ['finding_breach_notified', 'finding_breach_incidents', 'finding_breach_clocks', 'finding_breach_delays'];
const DDL = `CREATE TABLE IF NOT EXISTS finding_breach_notified (finding_id TEXT PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS finding_breach_incidents (
    incident_id TEXT PRIMARY KEY, discovered_at TEXT NOT NULL, law TEXT,
    ag_notified_at TEXT, ag_recorded_at TEXT, residents_first_at TEXT);
  CREATE TABLE IF NOT EXISTS finding_breach_clocks (finding_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, started_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS finding_breach_clocks_by_incident ON finding_breach_clocks (incident_id);
  CREATE TABLE IF NOT EXISTS finding_breach_delays (delay_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL, recorded_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS finding_breach_delays_by_incident ON finding_breach_delays (incident_id)`;

interface IncidentFacts {
  readonly discovered_at: string;
  /** Null for incidents recorded before data elements were asked: they keep the citation they had. */
  readonly law: BreachNoticeLaw | null;
  readonly ag_notified_at: string | null;
  readonly ag_recorded_at: string | null;
  readonly residents_first_at: string | null;
}

/** One pending notice per affected patron (by pseudonym) and one for a described group. */
function noticeFindingId(incidentId: string, who: { pseudonym: string } | 'group'): string {
  return `BREACH-NOTICE-LATE:${incidentId}:${who === 'group' ? 'group' : who.pseudonym}`;
}

const agFindingId = (incidentId: string) => `AG-NOTICE-LATE:${incidentId}`;

/** Whose law the late notice breaks, in the finding's words and citation (the pack's statute, or the policy). */
function lawOfNotice(law: BreachNoticeLaw | null, pack: JurisdictionPack): { citation?: string; clause: string } {
  const statute = pack.breachNotice.citation;
  if (law === 'statute') return { citation: statute, clause: ` (personal information: ${statute} requires the notice)` };
  if (law === 'policy') return { citation: BREACH_POLICY_CITATION, clause: ` (not personal information as ${statute} reads it: the policy\u2019s promise requires the notice)` };
  return { clause: '' };
}

function facts(db: Database.Database, incidentId: string): IncidentFacts | undefined {
  return statement(db, 'SELECT * FROM finding_breach_incidents WHERE incident_id = ?').get(incidentId) as IncidentFacts | undefined;
}

function delaysOf(db: Database.Database, incidentId: string): NoticeDelay[] {
  return (statement(db, 'SELECT from_at, to_at, recorded_at FROM finding_breach_delays WHERE incident_id = ?').all(incidentId) as { from_at: string; to_at: string; recorded_at: string }[]).map(
    (row) => ({ from: row.from_at, to: row.to_at, recordedAt: row.recorded_at }),
  );
}

/** The notice period: its days, counted on the library's calendar in `timeZone` (`LEDGER_TIMEZONE`) when given, else as 24-hour days. */
export interface NoticePeriod {
  readonly days: number;
  readonly timeZone?: string;
}

/** A clock that becomes a finding at its deadline unless a notice settles it first. */
function pend(db: Database.Database, pack: JurisdictionPack, rule: FindingRule, id: string, incidentId: string, startedAt: string, period: NoticePeriod, message: string, citation?: string): void {
  statement(db, 'INSERT OR IGNORE INTO finding_breach_clocks (finding_id, incident_id, started_at) VALUES (?, ?, ?)').run(id, incidentId, startedAt);
  // A pack that does not list the rule finds nothing under it (every pack lists the breach notices today).
  if (!pack.findingRules.includes(rule) || statement(db, 'SELECT 1 FROM finding_breach_notified WHERE finding_id = ?').get(id)) return;
  const deadline = breachNoticeDeadline(startedAt, period.days, delaysOf(db, incidentId), period.timeZone);
  const entry = finding(rule, incidentId, null, deadline, message, pack, citation);
  statement(db, `INSERT OR IGNORE INTO finding_due (finding_id, rule, severity, case_id, due_at, message, citation, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`).run(
    id,
    entry.rule,
    entry.severity,
    incidentId,
    deadline,
    message,
    entry.citation,
  );
}

function pendPatrons(db: Database.Database, pack: JurisdictionPack, incidentId: string, patrons: readonly { pseudonym: string }[], startedAt: string, period: NoticePeriod, foundLater: boolean): void {
  const incident = facts(db, incidentId);
  if (!incident) return;
  const { citation, clause } = lawOfNotice(incident.law, pack);
  for (const patron of patrons) {
    const who = foundLater ? `Patron ${patron.pseudonym}, found on ${startedAt} to be affected` : `Patron ${patron.pseudonym}, affected`;
    const within = foundLater ? `${period.days} days of being found` : `${period.days} days`;
    const message = `${who} by the data breach discovered on ${incident.discovered_at} (incident ${incidentId}), was not notified within ${within}${clause}.`;
    pend(db, pack, 'BREACH-NOTICE-LATE', noticeFindingId(incidentId, patron), incidentId, startedAt, period, message, citation);
  }
}

function agMessage(incidentId: string, incident: IncidentFacts, noticeDays: number): string {
  const parts = [
    incident.residents_first_at !== null ? `residents were notified first, on ${incident.residents_first_at}` : `no notice within ${noticeDays} days`,
    ...(incident.ag_notified_at !== null ? [`the Attorney General was notified late, on ${incident.ag_notified_at} (recorded on ${incident.ag_recorded_at})`] : []),
  ];
  return `The Office of the Attorney General was not notified of the data breach discovered on ${incident.discovered_at} (incident ${incidentId}) by the time residents were: ${parts.join('; ')}.`;
}

/** Writes AG-NOTICE-LATE as a finding (dated when it first became true), its pending clock settled. */
function raiseAgFinding(db: Database.Database, pack: JurisdictionPack, incidentId: string, incident: IncidentFacts, noticeDays: number): void {
  const id = agFindingId(incidentId);
  const pending = statement(db, 'SELECT due_at FROM finding_due WHERE finding_id = ?').get(id) as { due_at: string } | undefined;
  const existing = statement(db, 'SELECT detected_at FROM findings WHERE finding_id = ?').get(id) as { detected_at: string } | undefined;
  const candidates = [existing?.detected_at, incident.residents_first_at ?? undefined, pending && pending.due_at <= (incident.residents_first_at ?? incident.ag_recorded_at ?? '') ? pending.due_at : undefined];
  const detectedAt = candidates.filter((at): at is string => at !== undefined).sort()[0];
  statement(db, 'DELETE FROM finding_due WHERE finding_id = ?').run(id);
  statement(db, 'INSERT OR IGNORE INTO finding_breach_notified (finding_id) VALUES (?)').run(id);
  if (detectedAt === undefined || !pack.findingRules.includes('AG-NOTICE-LATE')) return;
  const entry = finding('AG-NOTICE-LATE', incidentId, null, detectedAt, agMessage(incidentId, incident, noticeDays), pack);
  statement(
    db,
    `INSERT OR REPLACE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 'event', 0)`,
  ).run(id, entry.rule, entry.severity, incidentId, detectedAt, entry.message, entry.citation);
}

/**
 * Breach notices in the findings view (`caseId` is the incident's id).
 *
 * BREACH-NOTICE-LATE: recording an incident starts one clock per affected patron (and one for a
 * described group), a patron found later one of their own from when they were found; the findings
 * clock turns those still pending at their deadline into findings. A period law enforcement asked to
 * delay notice stops every clock of the incident not yet run out when the delay was recorded. A
 * notice given and recorded in time withdraws its pending finding; one given after the deadline, or
 * recorded after it whatever date it bears, settles it as a finding dated at the deadline and
 * annotated "notified late, on …". The citation is the statute's when the data elements make
 * personal information, else the policy's (incidents recorded before data elements: both, as before).
 *
 * AG-NOTICE-LATE (statute incidents only): a resident notified before the Attorney General's notice is
 * recorded (or dated before it) is a violation at once; no notice to the Attorney General by the
 * deadline is one at the deadline. A notice to the Attorney General recorded after either never
 * withdraws the finding: it is annotated.
 */
export function applyBreachNotice(
  db: Database.Database,
  event: IncidentEvent,
  period: NoticePeriod,
  recordedAt: string = event.data.occurredAt,
  pack: JurisdictionPack = DEFAULT_JURISDICTION,
): void {
  const { incidentId } = event.data;
  const noticeDays = period.days;
  switch (event.type) {
    case 'BreachIncidentRecorded': {
      const { discoveredAt, affectedPatrons, affectedGroup, dataElements } = event.data;
      const law = dataElements ? breachNoticeLawOf(pack, dataElements) : null;
      statement(db, 'INSERT OR IGNORE INTO finding_breach_incidents (incident_id, discovered_at, law) VALUES (?, ?, ?)').run(incidentId, discoveredAt, law);
      pendPatrons(db, pack, incidentId, affectedPatrons, discoveredAt, period, false);
      if (affectedGroup) {
        const { citation, clause } = lawOfNotice(law, pack);
        const message = `The affected group (${affectedGroup}), affected by the data breach discovered on ${discoveredAt} (incident ${incidentId}), was not notified within ${noticeDays} days${clause}.`;
        pend(db, pack, 'BREACH-NOTICE-LATE', noticeFindingId(incidentId, 'group'), incidentId, discoveredAt, period, message, citation);
      }
      if (law === 'statute' && pack.breachNotice.attorneyGeneral) {
        const incident = facts(db, incidentId)!;
        pend(db, pack, 'AG-NOTICE-LATE', agFindingId(incidentId), incidentId, discoveredAt, period, agMessage(incidentId, incident, noticeDays));
      }
      return;
    }
    case 'AffectedPatronsAdded':
      pendPatrons(db, pack, incidentId, event.data.affectedPatrons, event.data.occurredAt, period, true);
      return;
    case 'BreachNoticeDelayed': {
      const { delayId, from, to } = event.data;
      statement(db, 'INSERT OR IGNORE INTO finding_breach_delays (delay_id, incident_id, from_at, to_at, recorded_at) VALUES (?, ?, ?, ?, ?)').run(delayId, incidentId, from, to, utc(recordedAt));
      const delays = delaysOf(db, incidentId);
      const clocks = statement(db, 'SELECT c.finding_id, c.started_at, d.due_at FROM finding_breach_clocks c JOIN finding_due d ON d.finding_id = c.finding_id WHERE c.incident_id = ?').all(incidentId) as {
        finding_id: string;
        started_at: string;
        due_at: string;
      }[];
      for (const clock of clocks) {
        const deadline = breachNoticeDeadline(clock.started_at, period.days, delays, period.timeZone);
        if (deadline === clock.due_at) continue;
        statement(db, 'UPDATE finding_due SET due_at = ? WHERE finding_id = ?').run(deadline, clock.finding_id);
        // A clock finding made before the delay reached the views (it was recorded in time) waits for its new deadline.
        statement(db, `DELETE FROM findings WHERE finding_id = ? AND source = 'clock'`).run(clock.finding_id);
      }
      return;
    }
    case 'BreachNotificationRecorded': {
      const { patron, notifiedAt } = event.data;
      settleNotice(db, noticeFindingId(incidentId, patron ?? 'group'), notifiedAt, recordedAt);
      const incident = facts(db, incidentId);
      if (incident?.law !== 'statute' || !pack.breachNotice.attorneyGeneral) return;
      const agFirst = incident.ag_notified_at !== null && incident.ag_notified_at <= notifiedAt;
      if (agFirst) return;
      const residentsFirstAt = incident.residents_first_at === null || notifiedAt < incident.residents_first_at ? notifiedAt : incident.residents_first_at;
      statement(db, 'UPDATE finding_breach_incidents SET residents_first_at = ? WHERE incident_id = ?').run(residentsFirstAt, incidentId);
      raiseAgFinding(db, pack, incidentId, { ...incident, residents_first_at: residentsFirstAt }, noticeDays);
      return;
    }
    case 'AttorneyGeneralNotified': {
      const { notifiedAt } = event.data;
      statement(db, 'UPDATE finding_breach_incidents SET ag_notified_at = ?, ag_recorded_at = ? WHERE incident_id = ?').run(notifiedAt, utc(recordedAt), incidentId);
      const incident = facts(db, incidentId);
      if (incident?.law !== 'statute' || !pack.breachNotice.attorneyGeneral) return;
      const id = agFindingId(incidentId);
      const pending = statement(db, 'SELECT due_at FROM finding_due WHERE finding_id = ?').get(id) as { due_at: string } | undefined;
      if (pending && utc(notifiedAt) <= pending.due_at && utc(recordedAt) <= pending.due_at) {
        statement(db, 'DELETE FROM finding_due WHERE finding_id = ?').run(id);
        statement(db, 'DELETE FROM findings WHERE finding_id = ?').run(id);
        statement(db, 'INSERT OR IGNORE INTO finding_breach_notified (finding_id) VALUES (?)').run(id);
        return;
      }
      if (pending || statement(db, 'SELECT 1 FROM findings WHERE finding_id = ?').get(id)) raiseAgFinding(db, pack, incidentId, incident, noticeDays);
      return;
    }
    default:
      return;
  }
}

/** A resident's notice: in time it withdraws the pending finding; late, or recorded late, it settles it annotated. */
function settleNotice(db: Database.Database, id: string, notifiedAt: string, recordedAt: string): void {
  const due = statement(db, 'SELECT due_at, message, citation, severity, rule, case_id FROM finding_due WHERE finding_id = ?').get(id) as
    | { due_at: string; message: string; citation: string; severity: string; rule: string; case_id: string }
    | undefined;
  statement(db, 'INSERT OR IGNORE INTO finding_breach_notified (finding_id) VALUES (?)').run(id);
  if (!due) return;
  statement(db, 'DELETE FROM finding_due WHERE finding_id = ?').run(id);
  if (utc(notifiedAt) <= due.due_at && utc(recordedAt) <= due.due_at) {
    statement(db, 'DELETE FROM findings WHERE finding_id = ?').run(id);
    return;
  }
  const when = utc(notifiedAt) <= due.due_at ? `${notifiedAt} by its own date, recorded only on ${recordedAt}` : notifiedAt;
  const message = due.message.replace(/\.$/, `: notified late, on ${when}.`);
  statement(
    db,
    `INSERT OR REPLACE INTO findings (finding_id, rule, severity, case_id, detected_at, message, citation, source, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, 'event', 0)`,
  ).run(id, due.rule, due.severity, due.case_id, due.due_at, message, due.citation);
}

/** The findings view with the breach-notice rules added: incident events go to `applyBreachNotice`, the rest to the case findings. */
export function withBreachNotices(base: Projection, period: NoticePeriod): Projection {
  return withEventRule(base, {
    types: BREACH_EVENT_TYPES,
    ddl: DDL,
    tables: TABLES,
    apply(db, projected: ProjectedEvent) {
      const event = { type: projected.type, data: projected.data } as IncidentEvent;
      applyBreachNotice(db, event, period, projected.metadata.recordedAt ?? event.data.occurredAt, jurisdictionOfEvent(projected.metadata.jurisdiction));
    },
  });
}

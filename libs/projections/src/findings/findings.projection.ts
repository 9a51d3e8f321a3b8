import type Database from 'better-sqlite3';
import { isBeforeThirdReading, isFirstReading, isJurisdictionId, jurisdictionOfEvent } from '@ledger/domain';
import { type CaseEventAt, statement, utc } from '../support/case-projection.js';
import type { CaseView } from '../cases/case-view.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';
import { objectionFiledAt, type SealedCaseScope } from '@ledger/domain';
import { sealedCaseOpenSql, sealedScopeParams } from '../support/sealed-cases.js';
import { DEFAULT_COUNSEL_SLA_HOURS, isLawEnforcementRequest, type Finding, type FindingFacts, type FindingRule, type FindingSeverity, finding, findingsOf } from './finding-rules.js';

export interface FindingFactsRow extends FindingFacts {
  /** The evaluation found the patron's written consent naming the requester. */
  readonly writtenConsent: boolean;
  /** The evaluation found an active written consent naming the requester (on a law-enforcement request too). */
  readonly consentNamed?: boolean;
  /** The evaluation released to a friend or family member on the patron's card (FAMILY-CARD). */
  readonly familyCard: boolean;
  /** When a `deny` release decision (which closes the case) was dated: the one decision whose time closes the case. */
  readonly deniedAt?: string;
  /** Users granted need-to-know: they see the details of this case's findings when it is sealed. */
  readonly needToKnow: readonly string[];
}

const DIRECTOR_ACTIONS = new Set(['ReferredToDirector', 'LegalInstrumentRecorded', 'PolicyExplained', 'ReferredToCounsel', 'ReleaseDecided']);

const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);

/**
 * When a finding measures an act: from the third reading, the later of when it is said to have happened
 * and when it was recorded, so that whoever is measured (a referral, advice, a decision) cannot make a
 * finding disappear by dating the act earlier. Events of earlier readings keep their `occurredAt`.
 */
function measuredAt(eventAt: CaseEventAt, occurredAt: string): string {
  const recordedAt = eventAt.recordedAt;
  if (recordedAt === undefined || isBeforeThirdReading(eventAt.policyVersion)) return occurredAt;
  const recorded = utc(recordedAt);
  return recorded > occurredAt ? recorded : occurredAt;
}

/** Pure: the finding facts of a case after one more event. */
export function evolveFindingFacts(row: FindingFactsRow | null, eventAt: CaseEventAt): FindingFactsRow | null {
  const { event, revision } = eventAt;
  if (event.type === 'DisclosureRequested' || event.type === 'WellnessCheckRequested') {
    const wellness = event.type === 'WellnessCheckRequested';
    const rules = wellness ? [] : event.data.evaluation.rules.map((rule) => rule.id);
    return {
      caseId: event.data.caseId,
      kind: wellness ? 'wellness_check' : 'disclosure_request',
      requesterKind: wellness ? 'law_enforcement' : event.data.requester.kind,
      receivedAt: utc(event.data.receivedAt),
      reachedDirectorAt: null,
      closedAt: null,
      sealed: false,
      instruments: [],
      warrants: [],
      adviceAt: [],
      settled: [],
      writtenConsent: rules.includes('WRITTEN-CONSENT'),
      consentNamed: !wellness && event.data.evaluation.consentIds.length > 0,
      familyCard: rules.includes('FAMILY-CARD') && !rules.includes('WRITTEN-CONSENT'),
      needToKnow: [],
      ...(rules.includes('GOVERNMENT-REFER') && { governmentReferred: true as const }),
      ...(eventAt.jurisdiction !== undefined && isJurisdictionId(eventAt.jurisdiction) && { jurisdiction: eventAt.jurisdiction }),
      // A request about a resource or a transaction names nobody to tell until patrons are attached.
      ...(!wellness && event.data.patron === undefined && { patronless: true as const }),
    };
  }
  if (row === null) return null;
  const at = utc(event.data.occurredAt);
  // Read only for the acts a finding measures: the metadata of every event is not worth parsing.
  const measured = () => measuredAt(eventAt, at);
  let next: FindingFactsRow = DIRECTOR_ACTIONS.has(event.type) ? { ...row, reachedDirectorAt: earlier(row.reachedDirectorAt, measured()) } : row;
  // A finding an event settles is cited under the pack that event was decided under.
  const eventPack = () => jurisdictionOfEvent(eventAt.jurisdiction ?? next.jurisdiction);
  const settle = (entry: Finding) => (next = { ...next, settled: [...next.settled.filter((f) => f.findingId !== entry.findingId), entry] });
  switch (event.type) {
    case 'LegalInstrumentRecorded':
      if (!next.instruments.some((i) => i.instrumentId === event.data.instrumentId)) {
        const { instrumentId, type, returnDate, jurisdiction, servedAt } = event.data;
        // The subpoena clocks run for instruments recorded under the third reading on.
        const clocks = isBeforeThirdReading(eventAt.policyVersion) ? {} : { subpoenaClocks: true as const, servedAt: utc(servedAt) };
        // The counsel-referral clock runs for instruments recorded under the rule pack that set it.
        const counselDue = isFirstReading(eventAt.policyVersion) ? {} : { counselDueFrom: at };
        next = { ...next, instruments: [...next.instruments, { instrumentId, type, returnDate: returnDate ? utc(returnDate) : null, recordedAt: at, ...counselDue, ...clocks, ...(jurisdiction !== undefined && { jurisdiction }) }] };
      }
      if (event.data.staffRecorded) {
        settle(
          finding('WARRANT-STAFF-RECORDED', next.caseId, event.data.instrumentId, at, `A ${event.data.type.replace(/_/g, ' ')} (${event.data.instrumentId}) was recorded by staff while no director or designee was there; the director reviews it.`, eventPack()),
        );
      }
      if (event.data.nondisclosureOrder) {
        const { unsealedAt: _lifted, ...sealed } = next;
        next = { ...sealed, sealed: true, gagOrders: [...(next.gagOrders ?? []), event.data.instrumentId] };
      }
      break;
    case 'NondisclosureEnded': {
      const gagOrders = (next.gagOrders ?? []).filter((instrumentId) => instrumentId !== event.data.instrumentId);
      next = gagOrders.length === 0 && next.sealed ? { ...next, gagOrders, sealed: false, unsealedAt: utc(event.data.endedAt) } : { ...next, gagOrders };
      break;
    }
    case 'PatronNotified':
      next = { ...next, patronNotified: true };
      break;
    case 'PatronsAttached': {
      const { patronless: _nobody, ...named } = next;
      next = named;
      break;
    }
    case 'WarrantExecuted': {
      const key = `${event.data.instrumentId}@${revision}`;
      if (event.data.staffRecorded) {
        settle(
          finding('WARRANT-STAFF-RECORDED', next.caseId, `r${revision}`, at, `A search warrant (${event.data.instrumentId}) was executed with staff only, no director or designee present; the director reviews it.`, eventPack()),
        );
      }
      if (!next.warrants.some((w) => w.key === key)) next = { ...next, warrants: [...next.warrants, { key, instrumentId: event.data.instrumentId, at }] };
      break;
    }
    case 'CounselAdviceRecorded': {
      next = { ...next, adviceAt: [...next.adviceAt, measured()].sort() };
      const filedAt = objectionFiledAt(event);
      if (filedAt !== undefined) next = { ...next, objectionsFiledAt: [...(next.objectionsFiledAt ?? []), filedAt].sort() };
      if (filedAt !== undefined && event.data.advice === 'object') next = { ...next, writtenObjectionsFiledAt: [...(next.writtenObjectionsFiledAt ?? []), filedAt].sort() };
      break;
    }
    case 'ReleaseDecided':
      if (event.data.decision === 'deny') next = { ...next, deniedAt: at };
      break;
    case 'ReferredToCounsel':
      next = { ...next, counselReferredAt: [...(next.counselReferredAt ?? []), measured()].sort() };
      break;
    case 'RecordsProduced': {
      next = { ...next, producedAt: [...(next.producedAt ?? []), at] };
      const types = event.data.instrumentTypes;
      // Under the first reading the evaluation's consents naming the officer are the only record of the
      // patron's permission; since the second, the production names the consents it relied on.
      const consented = (event.data.consentIds?.length ?? 0) > 0 || (isFirstReading(eventAt.policyVersion) && (next.writtenConsent || next.consentNamed === true));
      if (isLawEnforcementRequest(next) && !consented && !types.some((type) => eventPack().releaseDoors.instruments.includes(type))) {
        const named = types.length ? types.map((t) => t.replace(/_/g, ' ')).join(', ') : 'no instrument';
        settle(
          finding('LE-RELEASE-WITHOUT-COURT-ORDER', next.caseId, `r${revision}`, at, `Records were produced to law enforcement under ${named}, with neither a ${eventPack().releaseDoors.named} nor the patron's written consent.`, eventPack()),
        );
      }
      break;
    }
    case 'WellnessDisclosureMade':
      settle(finding('WELLNESS-DISCLOSURE', next.caseId, `r${revision}`, at, `${event.data.categories.join(', ')} disclosed to ${event.data.agency} for a wellness check; the director is told.`, eventPack()));
      break;
    case 'RecordsReleased':
      if (next.requesterKind === 'family_or_friend' && next.familyCard) {
        settle(
          finding('FAMILY-CARD-BASIS', next.caseId, `r${revision}`, at, `${event.data.categories.join(', ')} released to a friend or family member on possession of the patron's card (policy basis, not the statute's written permission).`, eventPack()),
        );
      }
      break;
    case 'CaseClosed':
      next = { ...next, closedAt: measured() };
      break;
    case 'EarlierTimeConfirmed': {
      // The Director confirmed the dated time: the act is measured from it again, and what the
      // recording time alone made late is withdrawn (the case timeline shows the confirmation).
      const confirmedAt = utc(event.data.confirmedAt);
      switch (event.data.act) {
        case 'director_referral':
          next = { ...next, reachedDirectorAt: earlier(next.reachedDirectorAt, confirmedAt) };
          break;
        case 'counsel_referral':
          next = { ...next, counselReferredAt: [...(next.counselReferredAt ?? []), confirmedAt].sort() };
          break;
        case 'counsel_advice':
          next = { ...next, adviceAt: [...next.adviceAt, confirmedAt].sort() };
          break;
        case 'release_decision':
          if (next.deniedAt === confirmedAt && next.closedAt !== null && confirmedAt < next.closedAt) next = { ...next, closedAt: confirmedAt };
          break;
      }
      break;
    }
    case 'NeedToKnowGranted':
      if (!next.needToKnow.includes(event.data.userId)) next = { ...next, needToKnow: [...next.needToKnow, event.data.userId] };
      break;
    default:
      break;
  }
  return next;
}

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
 * The referral SLA and the counsel SLA are part of the view's version: changing either rebuilds the views.
 * Version 7: the third reading's findings (subpoena clocks, bounded back-dating) and breach notices recorded late
 * that no longer withdraw BREACH-NOTICE-LATE, so a views.db made before is rebuilt. Version 8: a non-disclosure
 * order may end (the case's findings unseal; PATRON-NOTICE-DUE).
 */
export function createFindingsView(options: { referralSlaMinutes: number; counselSlaHours?: number }): CaseView {
  const sla = options.referralSlaMinutes;
  const counselSla = options.counselSlaHours ?? DEFAULT_COUNSEL_SLA_HOURS;
  return {
    name: 'findings',
    version: 8_000_000_000 + counselSla * 100_000 + sla,
    tables: ['findings', 'finding_due', 'finding_need_to_know'],
    ddl: FINDINGS_DDL,
    write(db, fold, replacing) {
      const row = fold.audit;
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
    },
  };
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

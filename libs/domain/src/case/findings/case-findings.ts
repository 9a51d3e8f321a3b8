/**
 * The finding rules about a single case: pure functions of the recorded case (`../recorded-case.ts`),
 * read through its finding facts (`finding-facts.ts`), cited under the jurisdiction pack the case, or the
 * event, was decided under, and applied only where that pack lists the rule (`findingRules`). The views
 * store what `findingsOf` returns; nothing outside the domain decides what a finding is.
 */
import type { FindingRuleId, JurisdictionId, JurisdictionPack } from '../../policy/jurisdiction.js';
import { jurisdictionOfEvent } from '../../policy/jurisdictions.js';
import { plusDays, plusMinutes, utcInstant } from '../../support/iso-time.js';
import type { FindingSeverity, InstrumentType, Jurisdiction, RequesterKind } from '../../vocabulary.js';
import { instrumentDeadlines, objectionFiledBefore, SUBPOENA_OBJECTION_DAYS } from '../case-deadlines.js';
import { isStatisticsRequest, publicRecordsReplyDueAt, REPLY_DAYS_BEFORE_ZONE_RECORDED } from '../../policy/public-records-reply.js';
import type { ExistingCase } from '../case.state.js';

/** The rule that governs an instrument's deadlines, where the ledger knows it: a federal subpoena answers under FRCP 45. */
function governingRuleOf(instrument: { readonly type: InstrumentType; readonly jurisdiction?: Jurisdiction }): string | undefined {
  return instrument.type === 'subpoena' && instrument.jurisdiction === 'federal' ? 'FRCP 45(c), (d)(2)(B)' : undefined;
}

/**
 * API.md "Findings": every rule auditors and the director are shown, with its severity. What each
 * cites is its jurisdiction's (`findingCitations` of the pack the case was decided under).
 */
export const FINDING_RULES = {
  'LE-REFERRAL-LATE': { severity: 'warning' },
  'LE-RELEASE-WITHOUT-COURT-ORDER': { severity: 'violation' },
  'COUNSEL-REFERRAL-LATE': { severity: 'warning' },
  'WARRANT-STAFF-RECORDED': { severity: 'info' },
  'WARRANT-NO-COUNSEL-REVIEW': { severity: 'violation' },
  'DEADLINE-MISSED': { severity: 'violation' },
  'SUBPOENA-UNANSWERED': { severity: 'violation' },
  'OBJECTION-LATE': { severity: 'warning' },
  'RETURN-DATE-BEFORE-RECEIPT': { severity: 'warning' },
  'WELLNESS-DISCLOSURE': { severity: 'info' },
  'FAMILY-CARD-BASIS': { severity: 'info' },
  'BREACH-NOTICE-LATE': { severity: 'violation' },
  'PATRON-NOTICE-DUE': { severity: 'info' },
  'AG-NOTICE-LATE': { severity: 'violation' },
  /** A purge of what the law keeps without counsel's approval (the refusal's rule, found after the fact). */
  'RETENTION-COUNSEL-APPROVAL': { severity: 'violation' },
  /** A public-records request for the library's statistics not answered within the pack's business days. */
  'FOI-REPLY-LATE': { severity: 'warning' },
} as const satisfies { readonly [id in FindingRuleId]: { severity: FindingSeverity } };

export type FindingRule = keyof typeof FINDING_RULES;

/**
 * Rules found on other streams than the case's (breach notices, purges of what the law keeps): `findingsOf`
 * never yields them, and a case file shows them as the views hold them.
 */
export const OTHER_STREAM_FINDING_RULES: ReadonlySet<FindingRule> = new Set<FindingRule>(['BREACH-NOTICE-LATE', 'AG-NOTICE-LATE', 'RETENTION-COUNSEL-APPROVAL']);

/** Hours within which an instrument on record must be referred to counsel (`LEDGER_COUNSEL_SLA_HOURS`). */
export const DEFAULT_COUNSEL_SLA_HOURS = 24;

/** Days within which counsel must have advised on a warrant executed on the premises. */
export const WARRANT_REVIEW_DAYS = 7;

export interface Finding {
  /** Deterministic: rule, case and (for per-event findings) what it is about. */
  readonly findingId: string;
  readonly rule: FindingRule;
  readonly severity: FindingSeverity;
  readonly caseId: string;
  /** When the finding became true: the event's `occurredAt`, or the moment a deadline passed. */
  readonly detectedAt: string;
  readonly message: string;
  readonly citation: string;
}

/** A finding, cited under `jurisdiction` (the pack the case, or the event, was decided under) unless `citation` says more. */
export function finding(
  rule: FindingRule,
  caseId: string,
  key: string | null,
  detectedAt: string,
  message: string,
  jurisdiction: JurisdictionPack,
  citation: string = jurisdiction.findingCitations[rule],
): Finding {
  return {
    findingId: [rule, caseId, ...(key === null ? [] : [key])].join(':'),
    rule,
    severity: FINDING_RULES[rule].severity,
    caseId,
    detectedAt,
    message,
    citation,
  };
}

/** The facts of a case the finding rules look at, read from the recorded case (`findingFactsOf`). */
export interface FindingFacts {
  readonly caseId: string;
  readonly kind: 'disclosure_request' | 'wellness_check';
  readonly requesterKind: RequesterKind;
  /** The evaluation sent a government agency's request to the Director as law enforcement (GOVERNMENT-REFER, third reading on). */
  readonly governmentReferred?: true;
  /** The jurisdiction the case was opened under (its first event's metadata); absent: the default pack. */
  readonly jurisdiction?: JurisdictionId;
  readonly receivedAt: string;
  /** When the case first reached the director (a referral or a director's own action on it). */
  readonly reachedDirectorAt: string | null;
  readonly closedAt: string | null;
  /** Under a non-disclosure order: readers without the right to see it get the finding without its details. */
  readonly sealed: boolean;
  readonly instruments: readonly {
    readonly instrumentId: string;
    readonly type: InstrumentType;
    readonly returnDate: string | null;
    /** When the instrument was recorded (its event's occurredAt). */
    readonly recordedAt: string;
    /** Whose law governs it, when it says (third reading on). */
    readonly jurisdiction?: Jurisdiction;
    /** When it was served on the library. */
    readonly servedAt?: string;
    /** The library's time zone its periods in days are counted in (absent: 24-hour days). */
    readonly timeZone?: string;
    /** Recorded under the third reading or later: its subpoena clocks run (SUBPOENA-UNANSWERED, OBJECTION-LATE). */
    readonly subpoenaClocks?: true;
    /** When it was recorded, if under a rule pack that requires a counsel referral within the SLA (absent before). */
    readonly counselDueFrom?: string;
  }[];
  /** When counsel was referred to (every referral). */
  readonly counselReferredAt?: readonly string[];
  /** When counsel's objections or motions to quash were filed: they stop the return dates' clock. */
  readonly objectionsFiledAt?: readonly string[];
  /** When counsel's written objections (advice `object`) were filed: FRCP 45(d)(2)(B) times them. */
  readonly writtenObjectionsFiledAt?: readonly string[];
  /** When records were produced on the case. */
  readonly producedAt?: readonly string[];
  readonly warrants: readonly { readonly key: string; readonly instrumentId: string; readonly at: string }[];
  readonly adviceAt: readonly string[];
  /** Instruments whose non-disclosure order is in force (the seal lasts while one is). */
  readonly gagOrders?: readonly string[];
  /** When the last order in force ended and the case was unsealed (absent while sealed, or never sealed). */
  readonly unsealedAt?: string;
  /** The Director recorded a notice to the patron. */
  readonly patronNotified?: true;
  /** A request about a resource or a transaction with no patron attached yet: nobody to tell. */
  readonly patronless?: true;
  /** A public-records request for the library's own statistics: the director's reply is due within the pack's business days. */
  readonly statisticsRequest?: true;
  /** The library's zone recorded with that request: the reply's business days are its calendar days (absent: UTC days, FOI3). */
  readonly replyTimeZone?: string;
  /** Findings an event settles for good (productions, wellness disclosures, family releases). */
  readonly settled: readonly Finding[];
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

/** What the rules say about a case: findings already true, and findings that become true at `detectedAt` unless an event intervenes. */
export interface CaseFindings {
  readonly findings: Finding[];
  readonly due: Finding[];
}

/** Law enforcement, or a government agency's request the evaluation sent to the Director as such. */
export function isLawEnforcementRequest(facts: Pick<FindingFacts, 'requesterKind' | 'governmentReferred'>): boolean {
  return facts.requesterKind === 'law_enforcement' || facts.governmentReferred === true;
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * When the reply to a public-records request for the library's statistics is due, while it is still
 * unanswered (null otherwise): the director's board, the deadlines view, the case page and FOI-REPLY-LATE
 * read the one date; the pack is the one the request was opened under (its metadata).
 */
export function publicRecordsReplyDeadlineOf(
  state: Pick<ExistingCase, 'kind' | 'requesterKind' | 'requestedCategories' | 'receivedAt' | 'closedAt'> & { readonly jurisdiction?: string; readonly replyTimeZone?: string },
): string | null {
  if (state.kind !== 'disclosure_request' || state.closedAt !== undefined || !isStatisticsRequest(state)) return null;
  return replyDueAt({ receivedAt: utcInstant(state.receivedAt), ...(state.replyTimeZone !== undefined && { replyTimeZone: state.replyTimeZone }) }, jurisdictionOfEvent(state.jurisdiction));
}

/** The reply's due instant, on the library's days in the zone recorded with the request, or the UTC days of those recorded before (FOI3, FOI5). */
function replyDueAt(facts: Pick<FindingFacts, 'receivedAt' | 'replyTimeZone'>, pack: JurisdictionPack): string {
  return publicRecordsReplyDueAt(facts.receivedAt, pack, facts.replyTimeZone ?? REPLY_DAYS_BEFORE_ZONE_RECORDED);
}

/** Pure: the findings of a case's finding facts (`findingsOf` reads them from the recorded case, `finding-facts.ts`; a spec may pose its own). */
export function findingsOfFacts(facts: FindingFacts, referralSlaMinutes: number, counselSlaHours: number = DEFAULT_COUNSEL_SLA_HOURS): CaseFindings {
  const findings: Finding[] = [...facts.settled];
  const due: Finding[] = [];
  const { caseId } = facts;
  const pack = jurisdictionOfEvent(facts.jurisdiction);

  if (facts.kind === 'disclosure_request' && isLawEnforcementRequest(facts)) {
    const deadline = plusMinutes(facts.receivedAt, referralSlaMinutes);
    if (facts.reachedDirectorAt === null) {
      due.push(
        finding('LE-REFERRAL-LATE', caseId, null, deadline, `A law-enforcement request has not reached the director within ${referralSlaMinutes} minutes of being received.`, pack),
      );
    } else if (facts.reachedDirectorAt > deadline) {
      const minutes = minutesBetween(facts.receivedAt, facts.reachedDirectorAt);
      findings.push(
        finding('LE-REFERRAL-LATE', caseId, null, deadline, `A law-enforcement request reached the director ${minutes} minutes after it was received (limit ${referralSlaMinutes}).`, pack),
      );
    }
  }

  if (facts.statisticsRequest) {
    const dueAt = replyDueAt(facts, pack);
    const days = pack.publicRecordsReply.businessDays;
    if (facts.closedAt === null) due.push(finding('FOI-REPLY-LATE', caseId, null, dueAt, `A public-records request for the library's statistics has not been answered within ${days} business days.`, pack));
    else if (facts.closedAt > dueAt) findings.push(finding('FOI-REPLY-LATE', caseId, null, dueAt, `A public-records request for the library's statistics was answered on ${facts.closedAt}, after the ${days} business days ending ${dueAt}.`, pack));
  }

  for (const warrant of facts.warrants) {
    const deadline = plusDays(warrant.at, WARRANT_REVIEW_DAYS);
    const reviewed = facts.adviceAt.some((at) => at <= deadline);
    if (reviewed) continue;
    const message = `A search warrant (${warrant.instrumentId}) was executed on ${warrant.at} and counsel had not advised within ${WARRANT_REVIEW_DAYS} days.`;
    const entry = finding('WARRANT-NO-COUNSEL-REVIEW', caseId, warrant.key, deadline, message, pack);
    if (facts.adviceAt.some((at) => at > deadline)) findings.push(entry);
    else due.push(entry);
  }

  for (const instrument of facts.instruments) {
    const recordedAt = instrument.counselDueFrom;
    if (recordedAt === undefined) continue;
    const deadline = plusMinutes(recordedAt, counselSlaHours * 60);
    const referrals = (facts.counselReferredAt ?? []).filter((at) => at >= recordedAt);
    if (referrals.some((at) => at <= deadline)) continue;
    const named = `${instrument.type.replace(/_/g, ' ')} (${instrument.instrumentId})`;
    const entry = finding('COUNSEL-REFERRAL-LATE', caseId, instrument.instrumentId, deadline, `A ${named} recorded on ${recordedAt} was not referred to counsel within ${counselSlaHours} hours.`, pack);
    if (referrals.length > 0) findings.push(entry);
    else due.push(entry);
  }

  for (const instrument of facts.instruments) {
    if (instrument.returnDate === null) continue;
    // A deadline that had passed before the library had the case was not missed by the library: it
    // was never in its power to meet. That is worth telling (counsel may need to answer the court),
    // as of when the instrument was recorded, never as a violation dated before the case existed.
    if (instrument.returnDate < facts.receivedAt) {
      const message = `The return date ${instrument.returnDate} of a ${instrument.type.replace(/_/g, ' ')} (${instrument.instrumentId}) had already passed when the case was received on ${facts.receivedAt}; the library could not meet it, and counsel should advise on the late instrument.`;
      findings.push(finding('RETURN-DATE-BEFORE-RECEIPT', caseId, instrument.instrumentId, instrument.recordedAt, message, pack));
      continue;
    }
    // An objection or motion to quash filed before the return date stops its clock.
    if (objectionFiledBefore(facts.objectionsFiledAt, instrument.returnDate) !== undefined) continue;
    if (facts.closedAt !== null && facts.closedAt <= instrument.returnDate) continue;
    const message = `The return date ${instrument.returnDate} of a ${instrument.type.replace(/_/g, ' ')} (${instrument.instrumentId}) passed while the case was open.`;
    const governing = governingRuleOf(instrument);
    const citation = `Return date ${instrument.returnDate} of the ${instrument.type.replace(/_/g, ' ')} (${instrument.instrumentId}); ${governing === undefined ? '' : `${governing}; `}${pack.findingCitations['DEADLINE-MISSED']}`;
    const entry = finding('DEADLINE-MISSED', caseId, instrument.instrumentId, instrument.returnDate, message, pack, citation);
    if (facts.closedAt !== null) findings.push(entry);
    else due.push(entry);
  }
  findSubpoenaClocks(facts, findings, due);
  // A reminder, not a fault: it stands until the Director records that the patron was told.
  if (facts.unsealedAt !== undefined && !facts.sealed && facts.patronNotified !== true && facts.patronless !== true) {
    const message = `No non-disclosure order on this case has been in force since ${facts.unsealedAt}: the patron may now be told of the request. Record the notice once they are.`;
    findings.push(finding('PATRON-NOTICE-DUE', caseId, null, facts.unsealedAt, message, pack));
  }
  // The time-based rules are the case's pack's (the settled ones were weighed under their own event's pack).
  const applies = (entry: Finding) => pack.findingRules.includes(entry.rule);
  return { findings: [...facts.settled, ...findings.slice(facts.settled.length).filter(applies)], due: due.filter(applies) };
}

/**
 * The third reading's subpoena clocks. A subpoena whose case closed by its return date with nothing
 * produced and no objection or motion to quash filed before that date went unanswered
 * (SUBPOENA-UNANSWERED; a case still open then is DEADLINE-MISSED's). A federal subpoena's written
 * objection filed after FRCP 45(d)(2)(B)'s deadline — the earlier of the return date and 14 days after
 * service — is late (OBJECTION-LATE).
 */
function findSubpoenaClocks(facts: FindingFacts, findings: Finding[], due: Finding[]): void {
  const { caseId } = facts;
  const pack = jurisdictionOfEvent(facts.jurisdiction);
  for (const instrument of facts.instruments) {
    if (instrument.type !== 'subpoena' || instrument.subpoenaClocks !== true) continue;
    const named = `subpoena (${instrument.instrumentId})`;
    const returnDate = instrument.returnDate;
    if (returnDate !== null && returnDate >= facts.receivedAt && facts.closedAt !== null && facts.closedAt <= returnDate) {
      const answered =
        (facts.producedAt ?? []).some((at) => at <= returnDate) || objectionFiledBefore(facts.objectionsFiledAt, returnDate) !== undefined;
      if (!answered) {
        const message = `The return date ${returnDate} of a ${named} passed with no records produced and no objection or motion to quash filed; the case was closed on ${facts.closedAt}.`;
        due.push(finding('SUBPOENA-UNANSWERED', caseId, instrument.instrumentId, returnDate, message, pack));
      }
    }
    if (instrument.jurisdiction === 'federal' && instrument.servedAt !== undefined) {
      const deadline = instrumentDeadlines({ instrumentId: instrument.instrumentId, type: 'subpoena', servedAt: instrument.servedAt, ...(returnDate !== null && { returnDate }), ...(instrument.timeZone !== undefined && { timeZone: instrument.timeZone }) }).find(
        (entry) => entry.kind === 'objection_date',
      )!.dueAt;
      const firstObjection = [...(facts.writtenObjectionsFiledAt ?? [])].sort()[0];
      if (firstObjection !== undefined && firstObjection > deadline) {
        const message = `The objection to a federal ${named} was filed on ${firstObjection}, after FRCP 45(d)(2)(B)'s deadline of ${deadline} (the earlier of the compliance date and ${SUBPOENA_OBJECTION_DAYS} days after service).`;
        findings.push(finding('OBJECTION-LATE', caseId, instrument.instrumentId, firstObjection, message, pack));
      }
    }
  }
}

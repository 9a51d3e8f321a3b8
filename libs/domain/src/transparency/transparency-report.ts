import { evolveCase, type CaseState, type ExistingCase } from '../case/case.state.js';
import type { CaseEvent } from '../case/case.events.js';
import type { IncidentEvent } from '../incident/incident.events.js';
import {
  bandOf,
  isNationalSecurityStructure,
  type NationalSecurityStructure,
  nationalSecurityReporting,
  type PublishedCount,
} from '../policy/federal/national-security-reporting.js';
import { InvalidCommand } from '../shared/errors.js';
import { calendarDateIn } from '../support/local-days.js';
import { INSTRUMENT_TYPES, type InstrumentType, OUTCOMES, type Outcome, REQUESTER_KINDS, type RequesterKind } from '../vocabulary.js';

export type { PublishedCount } from '../policy/federal/national-security-reporting.js';

/** The schema a published report names (docs/transparency.md). */
export const TRANSPARENCY_REPORT_SCHEMA = 'disclosure-ledger/transparency-report/v1';

/** What a report is computed from: every case and breach incident as the ledger held them at one checkpoint. */
export interface TransparencyFacts {
  readonly cases: readonly ExistingCase[];
  readonly incidents: readonly { readonly incidentId: string; readonly discoveredAt: string; readonly noticesAt: readonly string[] }[];
}

/** One event of `$all` with its stream name, as the report's fold reads it. */
export interface StreamEvent {
  readonly stream: string;
  readonly event: { readonly type: string; readonly data: unknown };
}

/**
 * Pure: the facts of the events of `$all` up to a checkpoint, in order. Case streams fold with the
 * case decider's own `evolveCase`; incident streams give when each breach was discovered and when each
 * notice went out. Every other stream is read past.
 */
export function transparencyFactsOf(events: Iterable<StreamEvent>): TransparencyFacts {
  const cases = new Map<string, CaseState>();
  const incidents = new Map<string, { incidentId: string; discoveredAt: string; noticesAt: string[] }>();
  for (const { stream, event } of events) {
    if (stream.startsWith('case-')) cases.set(stream, evolveCase(cases.get(stream) ?? { exists: false }, event as CaseEvent));
    else if (stream.startsWith('incident-')) {
      const incident = event as IncidentEvent;
      if (incident.type === 'BreachIncidentRecorded') incidents.set(stream, { incidentId: incident.data.incidentId, discoveredAt: incident.data.discoveredAt, noticesAt: [] });
      else if (incident.type === 'BreachNotificationRecorded') incidents.get(stream)?.noticesAt.push(incident.data.notifiedAt);
    }
  }
  return { cases: [...cases.values()].filter((state): state is ExistingCase => state.exists), incidents: [...incidents.values()] };
}

export interface TransparencyPeriod {
  /** First day, `YYYY-MM-DD`: a calendar day where the library is (the report's `timeZone`; UTC on a report without one). */
  readonly from: string;
  /** Last day, inclusive. */
  readonly to: string;
}

/**
 * The zone a report without `timeZone` is read in: reports prepared before the zone was recorded were
 * counted on UTC days, and recomputing them must give what they published (docs/policy-decisions.md TR6).
 */
export const ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED = 'UTC';

/** A row of the national-security section: letters, other process under seal, or all of it combined. */
export type NationalSecurityItem = 'national_security_letters' | 'other_process_under_seal' | 'all_national_security_process';

export interface NationalSecurityRow {
  readonly item: NationalSecurityItem;
  /** The band the count falls in; null while the statute's delay has not passed (see `withheldUntil`). */
  readonly band: PublishedCount | null;
  /** The first day the band may be published, when it is withheld. */
  readonly withheldUntil?: string;
}

export interface TransparencyCounts {
  readonly requests: {
    readonly total: PublishedCount;
    readonly byRequesterKind: { readonly [kind in RequesterKind]: PublishedCount };
    readonly byInstrumentType: { readonly [type in ReportedInstrumentType]: PublishedCount };
    readonly byOutcome: { readonly [outcome in Outcome | 'open']: PublishedCount };
  };
  readonly productions: PublishedCount;
  readonly wellnessDisclosures: PublishedCount;
  readonly breachIncidents: PublishedCount;
  readonly breachNotices: PublishedCount;
  readonly nationalSecurity: {
    readonly structure: NationalSecurityStructure;
    readonly citation: string;
    readonly words: string;
    readonly rows: readonly NationalSecurityRow[];
  };
}

/** National security letters are reported only in bands: never among the instrument types. */
export const REPORTED_INSTRUMENT_TYPES = INSTRUMENT_TYPES.filter((type): type is ReportedInstrumentType => type !== 'national_security_letter');
export type ReportedInstrumentType = Exclude<InstrumentType, 'national_security_letter'>;

export interface TransparencyReportOptions {
  readonly period: TransparencyPeriod;
  readonly structure: NationalSecurityStructure;
  /** Counts from 1 to threshold − 1 are shown as that range; 0 or 1: every count exact. */
  readonly smallNumberThreshold: number;
  /** The earliest the report can be published (when it is prepared): the statute's delays run to it. */
  readonly publishedAt: string;
  /** The library's zone (IANA) whose calendar days the period, the counts and the delays are on; absent: UTC (TR6). */
  readonly timeZone?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dayMs(day: string, field: string): number {
  const ms = DAY.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new InvalidCommand(`${field} must be a date (YYYY-MM-DD)`, field);
  return ms;
}

/** The day `days` after `day`. */
function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A zone the runtime's time-zone tables know, or the field's 400. */
function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new InvalidCommand(`timeZone must be an IANA time zone such as America/New_York, not "${zone}"`, 'timeZone');
  }
}

/**
 * The period, checked: a real first and last day, in order, over, and no longer than the structure's
 * report covers. "Over" is on the library's calendar: the last day must be before the day the report is
 * prepared in `timeZone` (a period ending today is over at the library's midnight, not UTC's).
 */
export function assertReportPeriod(period: TransparencyPeriod, structure: NationalSecurityStructure, publishedAt: string, timeZone = ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED): void {
  if (!isNationalSecurityStructure(structure)) throw new InvalidCommand('nationalSecurityStructure must be 1, 2, 3 or 4', 'nationalSecurityStructure');
  assertTimeZone(timeZone);
  const from = dayMs(period.from, 'period.from');
  const to = dayMs(period.to, 'period.to');
  if (to < from) throw new InvalidCommand('period.to is before period.from', 'period.to');
  if (period.to >= calendarDateIn(publishedAt, timeZone)) throw new InvalidCommand(`A report covers a period that is over: period.to must be before today (${timeZone})`, 'period.to');
  const reporting = nationalSecurityReporting(structure);
  const days = (to - from) / DAY_MS + 1;
  if (days > reporting.longestPeriodDays) {
    throw new InvalidCommand(`Structure ${structure} (${reporting.words}) reports at most ${reporting.longestPeriodDays} days at a time; this period has ${days}`, 'period');
  }
}

/** A count as shown under the small-number threshold: 1 to threshold − 1 becomes that range ("1–4" under 5). */
export function suppressedCount(count: number, threshold: number): PublishedCount {
  if (threshold > 1 && count > 0 && count < threshold) return { low: 1, high: threshold - 1 };
  return { low: count, high: count };
}

/** How a count reads on a page and in the CSV: "12", "1–4", "0–999". */
export function countWords(count: PublishedCount): string {
  return count.low === count.high ? String(count.low) : `${count.low}\u2013${count.high}`;
}

/**
 * Process the statute lets the library report only in bands: a case with a national security letter,
 * and any sealed case (its non-disclosure order would be broken by any exact count it appears in).
 */
function reportedOnlyInBands(state: ExistingCase): boolean {
  return state.sealed || state.instruments.some((instrument) => instrument.type === 'national_security_letter');
}

/** Whether an instant falls on one of the period's days, on the calendar of `zone`. */
function within(instant: string, period: TransparencyPeriod, zone: string): boolean {
  const day = calendarDateIn(instant, zone);
  return day >= period.from && day <= period.to;
}

function tally<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function shown<K extends string>(counts: Record<K, number>, threshold: number): { [key in K]: PublishedCount } {
  return Object.fromEntries(Object.entries<number>(counts).map(([key, count]) => [key, suppressedCount(count, threshold)])) as { [key in K]: PublishedCount };
}

/**
 * Pure: the report's counts over `period` from the facts. A case counts by the day it was received, an
 * incident by the day it was discovered, a notice by the day it went out, each the library's calendar
 * day in `timeZone` (8 pm EST on 31 December is 31 December, though UTC is on 1 January). National security
 * process and sealed cases count only in the bands of the chosen structure, never in any other count; a
 * band whose statutory delay has not passed when the report is published is withheld, with the day it
 * may be.
 */
export function transparencyCountsOf(facts: TransparencyFacts, options: TransparencyReportOptions): TransparencyCounts {
  const { period, structure, smallNumberThreshold: threshold, publishedAt, timeZone: zone = ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED } = options;
  assertReportPeriod(period, structure, publishedAt, zone);
  if (!Number.isSafeInteger(threshold) || threshold < 0) throw new InvalidCommand('smallNumberThreshold must be a whole number of at least 0', 'smallNumberThreshold');
  const byKind = tally(REQUESTER_KINDS);
  const byType = tally(REPORTED_INSTRUMENT_TYPES);
  const byOutcome = tally([...OUTCOMES, 'open' as const]);
  let total = 0;
  let productions = 0;
  let wellness = 0;
  let letters = 0;
  let otherSealed = 0;
  for (const state of facts.cases) {
    if (!within(state.receivedAt, period, zone)) continue;
    if (reportedOnlyInBands(state)) {
      const letterCount = state.instruments.filter((instrument) => instrument.type === 'national_security_letter').length;
      if (letterCount > 0) letters += letterCount;
      else otherSealed += Math.max(1, state.instruments.length);
      continue;
    }
    if (state.kind === 'wellness_check') {
      if (state.releasedCategories.length > 0) wellness++;
      continue;
    }
    total++;
    byKind[state.requesterKind]++;
    byOutcome[state.outcome ?? 'open']++;
    for (const instrument of state.instruments) byType[instrument.type as ReportedInstrumentType]++;
    if (state.instruments.length > 0 && state.releasedCategories.length > 0) productions++;
  }
  const incidents = facts.incidents.filter((incident) => within(incident.discoveredAt, period, zone)).length;
  const notices = facts.incidents.flatMap((incident) => incident.noticesAt).filter((at) => within(at, period, zone)).length;
  return {
    requests: {
      total: suppressedCount(total, threshold),
      byRequesterKind: shown(byKind, threshold),
      byInstrumentType: shown(byType, threshold),
      byOutcome: shown(byOutcome, threshold),
    },
    productions: suppressedCount(productions, threshold),
    wellnessDisclosures: suppressedCount(wellness, threshold),
    breachIncidents: suppressedCount(incidents, threshold),
    breachNotices: suppressedCount(notices, threshold),
    nationalSecurity: nationalSecuritySection(structure, period, publishedAt, letters, otherSealed, zone),
  };
}

/**
 * The bands of the structure, each withheld until its delay after the period's last day has passed: the
 * day of publication is the library's day in `timeZone`, as the period's days are.
 */
export function nationalSecuritySection(
  structure: NationalSecurityStructure,
  period: TransparencyPeriod,
  publishedAt: string,
  letters: number,
  otherSealed: number,
  timeZone = ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED,
): TransparencyCounts['nationalSecurity'] {
  const reporting = nationalSecurityReporting(structure);
  const publishedOn = calendarDateIn(publishedAt, timeZone);
  const row = (item: NationalSecurityItem, count: number, delayDays: number): NationalSecurityRow => {
    // The delay runs from the end of the period: its last day plus one, plus the days the statute sets.
    const allowedFrom = dayAfter(period.to, 1 + delayDays);
    return publishedOn >= allowedFrom ? { item, band: bandOf(count, reporting.bandWidth) } : { item, band: null, withheldUntil: allowedFrom };
  };
  const rows = reporting.combined
    ? [row('all_national_security_process', letters + otherSealed, reporting.lettersDelayDays)]
    : [row('national_security_letters', letters, reporting.lettersDelayDays), row('other_process_under_seal', otherSealed, reporting.ordersDelayDays)];
  return { structure, citation: reporting.citation, words: reporting.words, rows };
}

/** The report as published (JSON download; the signed note commits to it without `note`). */
export interface TransparencyReportDocument {
  readonly schema: typeof TRANSPARENCY_REPORT_SCHEMA;
  readonly reportId: string;
  readonly period: TransparencyPeriod;
  readonly nationalSecurityStructure: NationalSecurityStructure;
  readonly smallNumberThreshold: number;
  readonly preparedAt: string;
  /**
   * The library's zone (IANA, `LEDGER_TIMEZONE` when the report was prepared) whose calendar days the
   * period and the counts are on. Absent on reports prepared before it was recorded: their days are UTC's.
   */
  readonly timeZone?: string;
  /** The log checkpoint the counts were computed at: the first `size` entries of the log, whose root is `root`. */
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly root: string };
  /** The published report this one corrects. */
  readonly supersedes?: string;
  readonly counts: TransparencyCounts;
}

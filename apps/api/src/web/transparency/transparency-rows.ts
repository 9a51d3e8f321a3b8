import { countWords, type PublishedCount, type TransparencyCounts, type TransparencyReportDocument, ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED } from '@ledger/domain';
import { label, outcomeLabel } from '../shared/labels.js';

/** One figure of a report: the CSV's row and the page's table row (docs/transparency.md). */
export interface TransparencyRow {
  readonly section: string;
  readonly item: string;
  readonly label: string;
  /** null: withheld (a national-security band whose delay has not passed). */
  readonly count: PublishedCount | null;
  readonly shown: string;
}

const NATIONAL_SECURITY_ITEMS = {
  national_security_letters: 'National security letters',
  other_process_under_seal: 'Other process under a non-disclosure order (incl. FISA orders)',
  all_national_security_process: 'All national security process, combined',
} as const;

function row(section: string, item: string, words: string, count: PublishedCount | null, withheldUntil?: string): TransparencyRow {
  return { section, item, label: words, count, shown: count ? countWords(count) : `withheld until ${withheldUntil}` };
}

/** Every figure of a report, in the order the page and the CSV list them. */
export function transparencyRows(counts: TransparencyCounts): TransparencyRow[] {
  const { requests } = counts;
  return [
    row('requests', 'total', 'All requests', requests.total),
    ...Object.entries(requests.byRequesterKind).map(([kind, count]) => row('requester_kind', kind, label('requesterKind', kind), count)),
    ...Object.entries(requests.byInstrumentType).map(([type, count]) => row('instrument_type', type, label('instrumentType', type), count)),
    ...Object.entries(requests.byOutcome).map(([outcome, count]) => row('outcome', outcome, outcomeLabel(outcome === 'open' ? null : outcome), count)),
    row('productions', 'total', 'Records produced under a legal instrument', counts.productions),
    row('wellness_disclosures', 'total', 'Wellness checks with a disclosure', counts.wellnessDisclosures),
    row('breach_incidents', 'total', 'Data breaches discovered', counts.breachIncidents),
    row('breach_notices', 'total', 'Breach notices sent', counts.breachNotices),
    ...counts.nationalSecurity.rows.map((ns) => row('national_security', ns.item, NATIONAL_SECURITY_ITEMS[ns.item], ns.band, ns.withheldUntil)),
  ];
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The zone whose calendar days a report's period is on: the one it recorded, or UTC on a report prepared before the zone was recorded. */
export function reportTimeZone(document: Pick<TransparencyReportDocument, 'timeZone'>): string {
  return document.timeZone ?? ZONE_OF_REPORTS_BEFORE_ZONE_RECORDED;
}

/**
 * The CSV download: `section,item,low,high,shown`; first the period (`period,from|to|time_zone`, what it
 * is in `shown`), then one row per figure; `low` and `high` empty for those rows and for a withheld band.
 */
export function transparencyCsv(document: Pick<TransparencyReportDocument, 'period' | 'timeZone' | 'counts'>): string {
  const lines = ['section,item,low,high,shown'];
  for (const [item, value] of [['from', document.period.from], ['to', document.period.to], ['time_zone', reportTimeZone(document)]]) lines.push(['period', item, '', '', value].map(csvField).join(','));
  for (const r of transparencyRows(document.counts)) lines.push([r.section, r.item, r.count ? String(r.count.low) : '', r.count ? String(r.count.high) : '', r.shown].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

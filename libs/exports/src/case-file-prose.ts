import { assertNever, capitalised, type CaseEvent, notificationWords, vocabularyLabel, type VocabularyGroup } from '@ledger/domain';
import type { CaseFile, CaseFileEntry } from './case-file.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-03-03T14:05:00.000Z` → `3 March 2025, 14:05 UTC`: unambiguous in any jurisdiction. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `longDate` on the library's clock face (`LEDGER_TIMEZONE`, an IANA zone), the zone named:
 * `2026-01-05T15:00:00.000Z` in America/New_York → `5 January 2026, 10:00 EST`. UTC is `longDate`.
 */
export function longDateIn(iso: string | null | undefined, zone: string): string {
  if (zone === 'UTC' || !iso) return longDate(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZoneName: 'short' });
    zoneFormats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${Number(part.day)} ${MONTHS[Number(part.month) - 1]} ${part.year}, ${part.hour.padStart(2, '0')}:${part.minute} ${part.timeZoneName}`;
}

/** A period of records in words (in `zone`, default UTC): both ends, or the one that is set ("from …", "up to …"); null when neither is. */
export function periodOf(from: string | null | undefined, to: string | null | undefined, zone = 'UTC'): string | null {
  if (from && to) return `${longDateIn(from, zone)} to ${longDateIn(to, zone)}`;
  if (from) return `from ${longDateIn(from, zone)}`;
  if (to) return `up to ${longDateIn(to, zone)}`;
  return null;
}

/** `3`, `event` → `3 events`; `1`, `event` → `1 event`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export const words = (group: VocabularyGroup, code: string | null | undefined): string => (code ? vocabularyLabel(group, code) : '—');

/** `['a', 'b', 'c']` → `a, b and c`; empty → `none`. */
export function listed(items: readonly string[], none = 'none'): string {
  if (items.length === 0) return none;
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const categoriesOf = (codes: readonly string[] | undefined, none = 'none') => listed((codes ?? []).map((code) => vocabularyLabel('category', code)), none);

/** A user by name and role ("Jane Doe, counsel"); a user the directory does not know by id. */
export function personOf(file: CaseFile, userId: string | null | undefined): string {
  if (!userId) return '—';
  const person = file.people[userId];
  return person ? `${person.name}, ${vocabularyLabel('role', person.role)}` : `user ${userId} (not in the directory)`;
}

const sentence = (text: string | undefined) => (text ? ` ${text.trim().replace(/([^.!?])$/, '$1.')}` : '');

/** One sentence (or two) saying what an event of the case recorded, with names instead of ids and words instead of codes. */
export function describeEntry(file: CaseFile, entry: CaseFileEntry): string {
  const event = { type: entry.type, data: entry.data } as unknown as CaseEvent;
  switch (event.type) {
    case 'DisclosureRequested': {
      const data = event.data;
      return `${requesterOf(file)} asked ${words('channel', data.channel)} for ${categoriesOf(data.requestedCategories)}. Policy route: ${words('route', data.evaluation.route)}.`;
    }
    case 'ReferredToDirector':
      return `Referred to the Director.${sentence(event.data.note)}`;
    case 'RecordsReleased':
      return `Released ${categoriesOf(event.data.categories)} ${words('method', event.data.method)}${event.data.recipient ? ` to ${event.data.recipient}` : ''}.`;
    case 'RequestRefused':
      return `Refused.${sentence(event.data.reason)}`;
    case 'PolicyExplained':
      return `No legal instrument was produced; the policy and the law were explained.${sentence(event.data.note)}`;
    case 'LegalInstrumentRecorded': {
      const data = event.data;
      return `${capitalised(words('instrumentType', data.type))} issued by ${data.issuedBy}${data.docketNumber ? `, docket ${data.docketNumber}` : ''}, served ${longDate(data.servedAt)}, for ${categoriesOf(data.scope.categories)}.${data.nondisclosureOrder ? ' A non-disclosure order seals the case.' : ''}`;
    }
    case 'ReferredToCounsel':
      return `Referred to counsel: ${personOf(file, event.data.counselUserId)}.${sentence(event.data.note)}`;
    case 'NotificationQueued':
      return `${notificationWords(event.data, (userId) => personOf(file, userId))}; the ledger's outbox sends it, and the auditor sees when.`;
    case 'CounselAdviceRecorded':
      return `Counsel advised: ${words('advice', event.data.advice)}. Release this advice permits: ${categoriesOf(event.data.permitsCategories, 'nothing')}.`;
    case 'ReleaseDecided':
      return `Decision: ${words('decision', event.data.decision)}${event.data.categories.length > 0 ? ` of ${categoriesOf(event.data.categories)}` : ''}.${sentence(event.data.rationale)}`;
    case 'RecordsProduced':
      return `Produced ${categoriesOf(event.data.categories)} to ${event.data.recipient}, ${words('method', event.data.method)}.`;
    case 'WarrantExecuted':
      return `Search warrant executed for ${categoriesOf(event.data.categories)}; counsel ${event.data.counselPresent ? 'present' : 'not present'}.`;
    case 'NeedToKnowGranted':
      return `Need-to-know granted to ${personOf(file, event.data.userId)}.`;
    case 'EarlierTimeConfirmed':
      return `The Director confirmed that ${words('measuredAct', event.data.act)} happened on ${longDate(event.data.confirmedAt)}, earlier than it was recorded; findings measured from its recording are withdrawn.${sentence(event.data.note)}`;
    case 'NondisclosureEnded':
      return `The non-disclosure order of instrument ${event.data.instrumentId} ended on ${longDate(event.data.endedAt)}: ${words('nondisclosureEnding', event.data.how)}.${sentence(event.data.note)}`;
    case 'NondisclosureChallenged':
      return `Counsel challenged the non-disclosure order of instrument ${event.data.instrumentId} in ${event.data.court}, filed ${longDate(event.data.filedAt)}.${sentence(event.data.note)}`;
    case 'PatronsAttached':
      return `The patrons the request turned out to concern were attached: ${listed(event.data.patrons.map((patron) => patron.pseudonym))}.`;
    case 'PatronNotified':
      return `The patron was told of the request ${words('method', event.data.method)} on ${longDate(event.data.notifiedAt)}.`;
    case 'WellnessCheckRequested':
      return `${event.data.agency}${event.data.officer ? ` (${event.data.officer})` : ''}: ${event.data.concern}`;
    case 'WellnessDisclosureMade':
      return `Disclosed ${categoriesOf(event.data.categories)} to ${event.data.agency}.`;
    case 'CaseNoteAdded':
      return `Note by ${personOf(file, event.data.by)}: ${event.data.text}`;
    case 'AttachmentAdded':
      return `Attached ${words('attachmentKind', event.data.kind)}${event.data.instrumentId ? ` (instrument ${event.data.instrumentId})` : ''}: ${event.data.filename}, ${event.data.mediaType}, ${event.data.size} bytes, SHA-256 ${event.data.sha256}.`;
    case 'CaseClosed':
      return `Case closed. Outcome: ${words('outcome', file.summary.outcome ?? event.data.outcome)}.`;
    default:
      return assertNever(event, 'case event');
  }
}

/** "Det. Alex Kim (law enforcement), Springfield PD, badge 4471". */
export function requesterOf(file: CaseFile): string {
  const { requester, requesterKind } = file.summary;
  const kind = words('requesterKind', requesterKind);
  if (!requester) return capitalised(kind);
  return `${requester.name} (${kind})${requester.agency ? `, ${requester.agency}` : ''}${requester.badgeNumber ? `, badge ${requester.badgeNumber}` : ''}`;
}

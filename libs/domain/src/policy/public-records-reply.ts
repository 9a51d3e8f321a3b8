import type { JurisdictionPack } from './jurisdiction.js';
import { calendarDateIn, startOfLocalDay } from '../support/local-days.js';

const DAY_MS = 86_400_000;

/**
 * The zone a request recorded without one counts its reply's business days in: requests received
 * before the library's calendar was recorded with them keep the UTC days they were read with (FOI3).
 */
export const REPLY_DAYS_BEFORE_ZONE_RECORDED = 'UTC';

/** Whether `day` (`YYYY-MM-DD`, a date on the library's calendar) is a business day under the pack: not a weekend, not a legal holiday. */
export function isBusinessDay(day: string, pack: JurisdictionPack): boolean {
  const date = new Date(`${day}T00:00:00.000Z`);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !pack.publicRecordsReply.holidays(date.getUTCFullYear()).includes(day);
}

/**
 * When the reply to a public-records request for the library's statistics is due: the end of the last
 * of the pack's business days after the day it was received (the day itself not counted), counted on
 * the library's calendar in `timeZone` (the zone recorded with the request, FOI5): weekends and legal
 * holidays are its local dates, and the reply is due as the next local day begins, at the library's
 * midnight whatever the clocks did in between. The director's reminders and FOI-REPLY-LATE both read it.
 */
export function publicRecordsReplyDueAt(receivedAt: string, pack: JurisdictionPack, timeZone: string): string {
  let day = Date.parse(`${calendarDateIn(receivedAt, timeZone)}T00:00:00.000Z`);
  for (let counted = 0; counted < pack.publicRecordsReply.businessDays; ) {
    day += DAY_MS;
    if (isBusinessDay(new Date(day).toISOString().slice(0, 10), pack)) counted++;
  }
  const after = new Date(day + DAY_MS);
  return new Date(startOfLocalDay(after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate(), timeZone)).toISOString();
}

/** A public-records request for the library's own statistics (and nothing else): the director answers it from a transparency report. */
export function isStatisticsRequest(request: { readonly requesterKind: string; readonly requestedCategories: readonly string[] }): boolean {
  return request.requesterKind === 'public_records' && request.requestedCategories.length > 0 && request.requestedCategories.every((category) => category === 'statistics');
}

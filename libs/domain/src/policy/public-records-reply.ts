import type { JurisdictionPack } from './jurisdiction.js';

const DAY_MS = 86_400_000;

/** Whether `day` (`YYYY-MM-DD`, UTC) is a business day under the pack: not a weekend, not a legal holiday. */
export function isBusinessDay(day: string, pack: JurisdictionPack): boolean {
  const date = new Date(`${day}T00:00:00.000Z`);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !pack.publicRecordsReply.holidays(date.getUTCFullYear()).includes(day);
}

/**
 * When the reply to a public-records request for the library's statistics is due: the end of the last
 * of the pack's business days after the day it was received (the day itself not counted), as the
 * instant the next day begins (UTC). The director's reminders and FOI-REPLY-LATE both read it.
 */
export function publicRecordsReplyDueAt(receivedAt: string, pack: JurisdictionPack): string {
  let day = Date.parse(`${new Date(receivedAt).toISOString().slice(0, 10)}T00:00:00.000Z`);
  for (let counted = 0; counted < pack.publicRecordsReply.businessDays; ) {
    day += DAY_MS;
    if (isBusinessDay(new Date(day).toISOString().slice(0, 10), pack)) counted++;
  }
  return new Date(day + DAY_MS).toISOString();
}

/** A public-records request for the library's own statistics (and nothing else): the director answers it from a transparency report. */
export function isStatisticsRequest(request: { readonly requesterKind: string; readonly requestedCategories: readonly string[] }): boolean {
  return request.requesterKind === 'public_records' && request.requestedCategories.length > 0 && request.requestedCategories.every((category) => category === 'statistics');
}

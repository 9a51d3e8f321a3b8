import { BadRequestException, type Type } from '@nestjs/common';
import { localDateOf } from './library-time.js';
import { FilterNotUnderstood } from './web-errors.js';
import { type FormBody, localInstant, NOT_A_DATE, text, validateAs } from './web-form.js';

/**
 * A page's query string validated by the API's own query DTO: the page accepts exactly the filters the
 * JSON endpoint does. Empty fields (a filter left at "Any") are dropped; anything invalid is a 400 page.
 */
export async function pageQuery<T>(dto: Type<T>, query: Record<string, unknown>, keep: readonly string[]): Promise<T> {
  const given: Record<string, unknown> = {};
  for (const key of keep) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') given[key] = value.trim();
  }
  // `withLocalDays` has read the days as dates already: what the DTO can still refuse of them is a range typed backwards.
  const validated = await validateAs(dto, given, '', LISTING_DAY_MESSAGES);
  if ('errors' in validated) {
    // A day the reader typed is theirs to fix: said in words at its field, in the listing's results region.
    const day = validated.errors.list.find((e) => e.field in LISTING_DAY_MESSAGES);
    if (day) throw new FilterNotUnderstood(day.message, day.field);
    throw new BadRequestException(validated.errors.list.map((e) => e.message).join('; '));
  }
  return validated.value;
}

const LISTING_DAY_MESSAGES: Record<string, string> = {
  from: 'Enter the first day as a real date, for example 27 3 2026.',
  to: 'Enter a last day that is the same as or after the first day.',
};

/** The current filters as a query string, for the "next page" link (never a patron reference: filters hold none). */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The day, month and year a filter's date input shows. */
export interface DayParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

const DAY_FILTERS = [
  { name: 'from', plusDays: 0, label: 'the first day' },
  { name: 'to', plusDays: 1, label: 'the last day' },
] as const;

/**
 * A listing's date filters typed as GOV.UK date inputs (`from-day`, `from-month`, `from-year`, and `to-…`) in
 * the library's time zone, read as whole local days: `from` is the start of the first day, `to` the start of
 * the day after the last, as the API's instants; so is a bare `from=2026-03-01`. A `from`/`to` instant already
 * in the address (a "next rows" link) passes as it is; a date that is not one is a 400 that says which.
 */
export function withLocalDays(query: Record<string, unknown>, zone: string): Record<string, unknown> {
  const read: Record<string, unknown> = { ...query };
  const body = query as FormBody;
  for (const { name, plusDays, label } of DAY_FILTERS) {
    const typed = ['day', 'month', 'year'].some((part) => text(body, `${name}-${part}`) !== undefined) || /^\d{4}-\d{2}-\d{2}$/.test(text(body, name) ?? '');
    if (!typed) continue;
    const instant = localInstant(body, name, zone, { plusDays });
    if (instant === undefined || instant === NOT_A_DATE) throw new FilterNotUnderstood(`Enter ${label} as a real date, for example 27 3 2026.`, name);
    read[name] = instant;
  }
  return read;
}

/** What the date inputs show: the parts as typed, else the local days the `from`/`to` instants name. */
export function localDayParts(query: Record<string, unknown>, read: { readonly from?: string; readonly to?: string }, zone: string): { from: DayParts; to: DayParts } {
  const shown = (name: 'from' | 'to', lastDay: boolean): DayParts => {
    const part = (suffix: string) => (typeof query[`${name}-${suffix}`] === 'string' ? (query[`${name}-${suffix}`] as string).trim() : '');
    if (part('day') || part('month') || part('year')) return { day: part('day'), month: part('month'), year: part('year') };
    const instant = read[name];
    if (!instant || Number.isNaN(Date.parse(instant))) return { day: '', month: '', year: '' };
    // `to` is the start of the day after the last: the last day is the one before it.
    const date = localDateOf(new Date(Date.parse(instant) - (lastDay ? 1 : 0)).toISOString(), zone);
    return { day: String(date.day), month: String(date.month), year: String(date.year) };
  };
  return { from: shown('from', false), to: shown('to', true) };
}

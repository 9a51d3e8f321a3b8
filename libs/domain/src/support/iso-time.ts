import { InvalidCommand } from '../shared/errors.js';

/**
 * Instants travel as ISO 8601 strings; comparing them as strings breaks across offsets
 * ("2024-01-01T10:00:00+02:00" vs "...Z"), so every comparison goes through epoch milliseconds.
 *
 * One definition, at every door: a four-digit year; a date alone (midnight UTC) or a date-time with
 * `Z` or an offset (a time without one would mean the server's local time); at most nine fractional
 * digits; a real calendar date (no 30 February, which `Date.parse` quietly turns into 2 March); and
 * in UTC still inside years 0000–9999, so that every stored instant has the one form
 * `YYYY-MM-DDTHH:MM:SS.sssZ` that views compare and sort as text. Years written with a sign
 * (`-000001`, `+275760`) are refused.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Epoch milliseconds of an instant in the accepted form, or null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_8601.exec(value);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const calendar = new Date(0);
  calendar.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  if (calendar.getUTCFullYear() !== Number(year) || calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms < EARLIEST || ms > LATEST ? null : ms;
}

export function isIsoInstant(value: unknown): value is string {
  return parseInstant(value) !== null;
}

/** Epoch milliseconds of an ISO string, or `InvalidCommand` naming the field. */
export function instantOf(iso: string, field: string): number {
  if (!isIsoInstant(iso)) throw new InvalidCommand(`${field} must be an ISO 8601 date-time`, field);
  return Date.parse(iso);
}

/**
 * The contract: `occurredAt` is not in the future (after the server's `recordedAt`) and, on an
 * existing case, not before the case was received.
 */
export function assertOccurredAtPlausible(occurredAt: string, recordedAt: string, notBefore?: string): void {
  const occurred = instantOf(occurredAt, 'occurredAt');
  const recorded = instantOf(recordedAt, 'recordedAt');
  if (occurred > recorded) throw new InvalidCommand('occurredAt may not be in the future', 'occurredAt');
  if (notBefore !== undefined && occurred < Date.parse(notBefore)) {
    throw new InvalidCommand('occurredAt may not be before the case was received', 'occurredAt');
  }
}

/**
 * A new case may be back-dated (a request made by mail, recorded the next day), but only so far:
 * an opening dated `1970-01-01` is a typing error, and it would put the case outside every period
 * an auditor looks at and start every deadline long expired.
 */
export function assertBackdatedAtMost(occurredAt: string, recordedAt: string, maxDays: number): void {
  if (instantOf(recordedAt, 'recordedAt') - instantOf(occurredAt, 'occurredAt') > maxDays * 86_400_000) {
    throw new InvalidCommand(`occurredAt may be at most ${maxDays} days before now`, 'occurredAt');
  }
}

/**
 * The one stored form `YYYY-MM-DDTHH:MM:SS.sssZ` of an accepted instant, which sorts and compares as
 * text. What the ledger holds is almost always in that form already; the round trip through Date
 * costs a rebuild seconds. Days past the 28th go through Date, which rolls an impossible one over.
 */
export function utcInstant(iso: string): string {
  return CANONICAL_UTC.test(iso) ? iso : new Date(iso).toISOString();
}

/** `new Date(iso).toISOString()` gives back exactly these strings. */
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** The instant `minutes` minutes after `iso`, in the stored form. */
export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** The instant `days` whole days (of 24 hours) after `iso`, in the stored form. */
export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

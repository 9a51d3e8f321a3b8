/**
 * The library's clock face: instants are stored in UTC and shown, and typed, in the library's own time
 * zone (`LEDGER_TIMEZONE`, an IANA name such as `America/New_York`), with the zone named.
 */
import { zoneOffsetAt } from '@ledger/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallTime(epochMs: number, zone: string): WallTime {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    zoneName: parts.timeZoneName === 'GMT' && zone === 'UTC' ? 'UTC' : parts.timeZoneName,
  };
}

/** `2026-01-05T15:00:00.000Z` in America/New_York → `5 Jan 2026, 10:00 EST`; `—` for no value. */
export function whenIn(iso: string | null | undefined, zone: string): string {
  if (!iso) return '—';
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return iso;
  const t = wallTime(epoch, zone);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year}, ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} ${t.zoneName}`;
}

/**
 * A deadline as people read it: one that ends at the library's midnight (a period counted in days) is
 * shown as the last minute of its last day, `19 Jan 2026, 23:59 EST`, not as `20 Jan 2026, 00:00`.
 */
export function deadlineIn(iso: string | null | undefined, zone: string): string {
  const shown = whenIn(iso, zone);
  return iso && / 00:00 /.test(` ${shown.split(', ')[1] ?? ''}`) ? whenIn(new Date(Date.parse(iso) - 60_000).toISOString(), zone) : shown;
}

/** A calendar month, `2026-01`, as a reader says it: `Jan 2026`. */
export function monthName(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1] ?? number} ${year}`;
}

/** The calendar day of an instant in the zone, `5 Jan 2026`; `—` for no value. */
export function dayIn(iso: string | null | undefined, zone: string): string {
  if (!iso) return '—';
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return iso;
  const t = wallTime(epoch, zone);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The UTC instant of a wall-clock time in the zone. A time the clocks skip (spring forward) is read
 * as the same time after the change; a time they repeat (fall back) as its first occurrence.
 */
export function instantOf(date: LocalDate, hour: number, minute: number, zone: string): string {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - zoneOffsetAt(wall, zone);
  const second = wall - zoneOffsetAt(first, zone);
  if (second === first) return new Date(first).toISOString();
  // The offset changed between the two guesses: the second is right when it shows the time asked for;
  // when neither does, the time falls in the hour the clocks skip, and the first reads it after the change.
  const shown = wallTime(second, zone);
  const matches = shown.hour === hour && shown.minute === minute && shown.day === date.day;
  return new Date(matches ? second : first).toISOString();
}

/** A real calendar date, or null (31 February is not one). */
export function calendarDate(year: number, month: number, day: number): LocalDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { year, month, day } : null;
}

/** The calendar date of an instant in the zone (for filling a date input with a stored instant). */
export function localDateOf(iso: string, zone: string): LocalDate & { readonly hour: number; readonly minute: number } {
  const t = wallTime(Date.parse(iso), zone);
  return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute };
}

/** The zone as people name it, whatever the season: "Eastern Time" for America/New_York, "UTC" for UTC. */
export function zoneName(zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

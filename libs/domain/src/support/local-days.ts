/**
 * Periods the law counts in days are counted on the library's calendar: FRCP 6(a)(1) leaves out the day
 * of the event, counts every day after it, and the last day ends at midnight where the library is. A day
 * is then 23 or 25 hours across a change of the clocks, which 24-hour steps would get wrong by an hour.
 * The zone is data (an IANA name the ledger was configured with, recorded in the event that starts the
 * clock); this module only does arithmetic with the runtime's time-zone tables.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(epochMs: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: −5 h). */
export function zoneOffsetAt(epochMs: number, zone: string): number {
  const t = wallClock(epochMs, zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(epochMs / 60_000) * 60_000;
}

/**
 * The instant a local calendar day starts in the zone: its midnight, or, where the clocks skip midnight,
 * the first minute the day has. Either offset of the day (before or after a change) is tried; the
 * earliest instant that falls on the day is its start.
 */
export function startOfLocalDay(year: number, month: number, day: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const candidates = [wall - zoneOffsetAt(wall - 14 * 3_600_000, zone), wall - zoneOffsetAt(wall + 14 * 3_600_000, zone)];
  const onTheDay = candidates.filter((at) => {
    const shown = wallClock(at, zone);
    return shown.year === year && shown.month === month && shown.day === day;
  });
  return Math.min(...(onTheDay.length ? onTheDay : candidates));
}

/**
 * The end of the `days`-th local day after the day of `iso` (the start of the day after it), in the
 * stored form: a period of 14 days from service on 27 February ends at midnight between 13 and 14 March.
 */
export function endOfLocalDaysAfter(iso: string, days: number, zone: string): string {
  const served = wallClock(Date.parse(iso), zone);
  const last = new Date(Date.UTC(served.year, served.month - 1, served.day + days + 1));
  return new Date(startOfLocalDay(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate(), zone)).toISOString();
}

/** The calendar date an instant falls on in the zone, `YYYY-MM-DD`: 8 pm on 6 January in New York is `2026-01-06`, though UTC is on the 7th. */
export function calendarDateIn(iso: string, zone: string): string {
  const shown = wallClock(Date.parse(iso), zone);
  return new Date(Date.UTC(shown.year, shown.month - 1, shown.day)).toISOString().slice(0, 10);
}

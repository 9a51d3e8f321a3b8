/**
 * Connecticut's legal holidays (CGS § 1-4), as data: fixed dates and weekdays of a month, and Good
 * Friday. One that falls on a Sunday is kept the Monday after, on a Saturday the Friday before.
 * Business days, for the four the Freedom of Information Act gives (CGS § 1-206(a)), skip them.
 */
type HolidayRule =
  | { readonly name: string; readonly month: number; readonly day: number }
  | { readonly name: string; readonly month: number; readonly weekday: number; readonly nth: number | 'last' }
  | { readonly name: string; readonly easterOffset: number };

const MONDAY = 1;
const THURSDAY = 4;

export const US_CT_LEGAL_HOLIDAYS: readonly HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: MONDAY, nth: 3 },
  { name: "Lincoln's Birthday", month: 2, day: 12 },
  { name: "Washington's Birthday", month: 2, weekday: MONDAY, nth: 3 },
  { name: 'Good Friday', easterOffset: -2 },
  { name: 'Memorial Day', month: 5, weekday: MONDAY, nth: 'last' },
  { name: 'Juneteenth Independence Day', month: 6, day: 19 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: MONDAY, nth: 1 },
  { name: 'Columbus Day', month: 10, weekday: MONDAY, nth: 2 },
  { name: "Veterans' Day", month: 11, day: 11 },
  { name: 'Thanksgiving Day', month: 11, weekday: THURSDAY, nth: 4 },
  { name: 'Christmas', month: 12, day: 25 },
];

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Easter Sunday of `year` (the anonymous Gregorian algorithm). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

function dateOf(rule: HolidayRule, year: number): Date {
  if ('easterOffset' in rule) return new Date(easter(year).getTime() + rule.easterOffset * 86_400_000);
  if ('day' in rule) return new Date(Date.UTC(year, rule.month - 1, rule.day));
  if (rule.nth === 'last') {
    const last = new Date(Date.UTC(year, rule.month, 0));
    return new Date(Date.UTC(year, rule.month - 1, last.getUTCDate() - ((last.getUTCDay() - rule.weekday + 7) % 7)));
  }
  const first = new Date(Date.UTC(year, rule.month - 1, 1));
  return new Date(Date.UTC(year, rule.month - 1, 1 + ((rule.weekday - first.getUTCDay() + 7) % 7) + (rule.nth - 1) * 7));
}

/** The days of `year` (`YYYY-MM-DD`) on which Connecticut keeps a legal holiday. */
export function usCtLegalHolidays(year: number): string[] {
  return US_CT_LEGAL_HOLIDAYS.map((rule) => {
    const date = dateOf(rule, year);
    const weekday = date.getUTCDay();
    const kept = weekday === 0 ? 1 : weekday === 6 ? -1 : 0;
    return iso(new Date(date.getTime() + kept * 86_400_000));
  });
}

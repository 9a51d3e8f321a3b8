import { calendarDate, deadlineIn, instantOf, isTimeZone, localDateOf, monthName, whenIn } from './library-time.js';

describe("the library's clock face", () => {
  const NY = 'America/New_York';

  it('shows an instant in the library’s zone, with the zone named, winter and summer', () => {
    expect(whenIn('2026-01-05T15:00:00.000Z', NY)).toBe('5 Jan 2026, 10:00 EST');
    expect(whenIn('2026-07-01T14:00:00.000Z', NY)).toBe('1 Jul 2026, 10:00 EDT');
    expect(whenIn('2026-01-05T15:00:00.000Z', 'UTC')).toBe('5 Jan 2026, 15:00 UTC');
    // Just after midnight UTC is still the evening before in New York.
    expect(whenIn('2026-03-01T02:30:00.000Z', NY)).toBe('28 Feb 2026, 21:30 EST');
    expect(whenIn(null, NY)).toBe('—');
  });

  it('reads a wall-clock time typed in the library’s zone as the instant it names, across both clock changes', () => {
    expect(instantOf({ year: 2026, month: 1, day: 5 }, 10, 0, NY)).toBe('2026-01-05T15:00:00.000Z');
    expect(instantOf({ year: 2026, month: 7, day: 1 }, 10, 0, NY)).toBe('2026-07-01T14:00:00.000Z');
    expect(instantOf({ year: 2026, month: 3, day: 8 }, 3, 30, NY)).toBe('2026-03-08T07:30:00.000Z');
    // 2:30 on the morning the clocks go forward does not exist: read as the same time after the change.
    expect(instantOf({ year: 2026, month: 3, day: 8 }, 2, 30, NY)).toBe('2026-03-08T07:30:00.000Z');
    // 1:30 on the morning they go back happens twice: the first.
    expect(instantOf({ year: 2026, month: 11, day: 1 }, 1, 30, NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(instantOf({ year: 2026, month: 11, day: 1 }, 0, 0, NY)).toBe('2026-11-01T04:00:00.000Z');
    expect(instantOf({ year: 2026, month: 1, day: 5 }, 10, 0, 'UTC')).toBe('2026-01-05T10:00:00.000Z');
  });

  it('round-trips every hour of a year in the zone', () => {
    for (let hour = 0; hour < 365 * 24; hour += 7) {
      const iso = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
      const local = localDateOf(iso, NY);
      const back = instantOf(local, local.hour, local.minute, NY);
      // The repeated hour in November reads as its first occurrence.
      expect([iso, new Date(Date.parse(iso) - 3_600_000).toISOString()]).toContain(back);
    }
  });

  it('knows real dates and zones', () => {
    expect(calendarDate(2026, 2, 28)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(calendarDate(2026, 2, 29)).toBeNull();
    expect(calendarDate(2024, 2, 29)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(calendarDate(2026, 13, 1)).toBeNull();
    expect(calendarDate(26, 1, 1)).toBeNull();
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('shows a deadline that ends at the library’s midnight as the last minute of its last day', () => {
    expect(deadlineIn('2026-01-20T05:00:00.000Z', NY)).toBe('19 Jan 2026, 23:59 EST');
    expect(deadlineIn('2026-01-25T21:00:00.000Z', NY)).toBe('25 Jan 2026, 16:00 EST');
    expect(deadlineIn(null, NY)).toBe('—');
  });
});

describe('a month as the statistics table names it', () => {
  it.each([
    ['2026-01', 'Jan 2026'],
    ['2025-12', 'Dec 2025'],
  ])('%s reads "%s"', (month, words) => {
    expect(monthName(month)).toBe(words);
  });
});

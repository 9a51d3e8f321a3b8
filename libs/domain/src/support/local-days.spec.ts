import { endOfLocalDaysAfter, startOfLocalDay } from './local-days.js';

const NY = 'America/New_York';

describe('days counted on the library’s calendar', () => {
  it('start at local midnight, whichever offset is in force that day', () => {
    expect(new Date(startOfLocalDay(2026, 1, 5, NY)).toISOString()).toBe('2026-01-05T05:00:00.000Z');
    expect(new Date(startOfLocalDay(2026, 3, 8, NY)).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(startOfLocalDay(2026, 3, 9, NY)).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(startOfLocalDay(2026, 11, 2, NY)).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('start at the first minute a day has where the clocks skip midnight (Santiago, spring 2026)', () => {
    // Chile moves from −04 to −03 at 00:00 on 6 September 2026: that day starts at 01:00 local, 04:00 UTC.
    expect(new Date(startOfLocalDay(2026, 9, 6, 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('end a period at midnight after its last day, across the spring change: served 27 Feb 10:00 EST, 14 days end with 13 March (EDT)', () => {
    expect(endOfLocalDaysAfter('2026-02-27T15:00:00.000Z', 14, NY)).toBe('2026-03-14T04:00:00.000Z');
    // 24-hour steps would have ended it at 13 March 15:00 UTC, mid-afternoon of the last day.
  });

  it('and across the autumn change: served 25 Oct 23:30 EDT (26 Oct in UTC), 14 days end with 8 November (EST)', () => {
    expect(endOfLocalDaysAfter('2026-10-26T03:30:00.000Z', 14, NY)).toBe('2026-11-09T05:00:00.000Z');
  });

  it('count UTC days in UTC', () => {
    expect(endOfLocalDaysAfter('2026-02-27T15:00:00.000Z', 14, 'UTC')).toBe('2026-03-14T00:00:00.000Z');
  });
});

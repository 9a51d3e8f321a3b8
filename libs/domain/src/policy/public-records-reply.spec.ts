import { isBusinessDay, isStatisticsRequest, publicRecordsReplyDueAt, REPLY_DAYS_BEFORE_ZONE_RECORDED } from './public-records-reply.js';
import { usCtLegalHolidays } from './us-ct/legal-holidays.js';
import { usCt } from './us-ct/jurisdiction.js';
import { usNy } from './us-ny/jurisdiction.js';

describe("Connecticut's legal holidays, as data", () => {
  it('keeps each on its day, a Sunday one on the Monday after and a Saturday one on the Friday before', () => {
    expect(usCtLegalHolidays(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-12', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19',
      '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    // 2027: New Year's on a Friday, Christmas on a Saturday (kept Friday 24), Easter 28 March.
    expect(usCtLegalHolidays(2027)).toEqual(expect.arrayContaining(['2027-01-01', '2027-03-26', '2027-12-24', '2027-07-05']));
  });
});

describe('the reply clock of a public-records request for statistics', () => {
  const NY = 'America/New_York';

  it('counts four business days after the day of receipt, past weekends and legal holidays', () => {
    expect(isBusinessDay('2026-07-03', usCt)).toBe(false);
    expect(isBusinessDay('2026-07-06', usCt)).toBe(true);
    // Monday 6 July 2026, 11 am: Tuesday to Friday; due as Saturday begins in New York.
    expect(publicRecordsReplyDueAt('2026-07-06T15:00:00.000Z', usCt, NY)).toBe('2026-07-11T04:00:00.000Z');
    // Wednesday 1 July: Thursday 2, (Friday 3 observed, weekend), Monday 6, Tuesday 7, Wednesday 8.
    expect(publicRecordsReplyDueAt('2026-07-01T13:00:00.000Z', usCt, NY)).toBe('2026-07-09T04:00:00.000Z');
    // Over Thanksgiving: Wednesday 25 November → Friday 27, Monday 30, Tuesday 1, Wednesday 2 December (EST).
    expect(publicRecordsReplyDueAt('2026-11-25T17:00:00.000Z', usCt, NY)).toBe('2026-12-03T05:00:00.000Z');
  });

  it('given a request on a Friday afternoon in New York, when the clock is read, then it ends as the Friday after begins there, not at 7 pm the Thursday before', () => {
    // Friday 9 January 2026, 4 pm EST (21:00 UTC): Monday 12 to Thursday 15.
    expect(publicRecordsReplyDueAt('2026-01-09T21:00:00.000Z', usCt, NY)).toBe('2026-01-16T05:00:00.000Z');
    // The UTC days requests were read with before (FOI3) ended the same period at 7 pm EST on Thursday 15.
    expect(publicRecordsReplyDueAt('2026-01-09T21:00:00.000Z', usCt, REPLY_DAYS_BEFORE_ZONE_RECORDED)).toBe('2026-01-16T00:00:00.000Z');
  });

  it('given a request at 8 pm in New York (already the next day in UTC), when the clock is read, then the day of receipt is the library\u2019s', () => {
    // Tuesday 6 January 2026, 8 pm EST = Wednesday 7 January, 01:00 UTC: Wednesday 7, Thursday 8, Friday 9, Monday 12.
    expect(publicRecordsReplyDueAt('2026-01-07T01:00:00.000Z', usCt, NY)).toBe('2026-01-13T05:00:00.000Z');
    // Counted from the UTC date, Wednesday would have been the day of receipt and Tuesday 13 the last day.
    expect(publicRecordsReplyDueAt('2026-01-07T01:00:00.000Z', usCt, 'UTC')).toBe('2026-01-14T00:00:00.000Z');
  });

  it('given a request across Connecticut holidays, when the clock is read, then the holidays are the library\u2019s dates', () => {
    // Wednesday 11 February 2026, 9 pm EST (12 February in UTC): Lincoln's Birthday (Thursday 12) and
    // Washington's Birthday (Monday 16) are skipped: Friday 13, Tuesday 17, Wednesday 18, Thursday 19.
    expect(publicRecordsReplyDueAt('2026-02-12T02:00:00.000Z', usCt, NY)).toBe('2026-02-20T05:00:00.000Z');
  });

  it('given a request before a change of the clocks, when the clock is read, then it ends at the library\u2019s midnight after the change', () => {
    // Friday 6 March 2026, 3:30 pm EST; clocks go forward on Sunday 8 March: Thursday 12 ends at midnight EDT.
    expect(publicRecordsReplyDueAt('2026-03-06T20:30:00.000Z', usCt, NY)).toBe('2026-03-13T04:00:00.000Z');
    // Thursday 29 October 2026, 10 am EDT; clocks go back on Sunday 1 November: Wednesday 4 November ends at midnight EST.
    expect(publicRecordsReplyDueAt('2026-10-29T14:00:00.000Z', usCt, NY)).toBe('2026-11-05T05:00:00.000Z');
  });

  it('New York uses the library\u2019s reading until its own period is confirmed', () => {
    expect(publicRecordsReplyDueAt('2026-07-01T09:00:00.000Z', usNy, NY)).toBe(publicRecordsReplyDueAt('2026-07-01T09:00:00.000Z', usCt, NY));
  });

  it('is for statistics alone, asked under public records', () => {
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: ['statistics'] })).toBe(true);
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: ['statistics', 'checkouts'] })).toBe(false);
    expect(isStatisticsRequest({ requesterKind: 'other', requestedCategories: ['statistics'] })).toBe(false);
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: [] })).toBe(false);
  });
});

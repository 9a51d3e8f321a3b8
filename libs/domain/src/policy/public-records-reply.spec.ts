import { isBusinessDay, isStatisticsRequest, publicRecordsReplyDueAt } from './public-records-reply.js';
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
  it('counts four business days after the day of receipt, past weekends and legal holidays', () => {
    expect(isBusinessDay('2026-07-03', usCt)).toBe(false);
    expect(isBusinessDay('2026-07-06', usCt)).toBe(true);
    // Monday 6 July 2026: Tuesday to Friday; due as Saturday begins.
    expect(publicRecordsReplyDueAt('2026-07-06T15:00:00.000Z', usCt)).toBe('2026-07-11T00:00:00.000Z');
    // Wednesday 1 July: Thursday 2, (Friday 3 observed, weekend), Monday 6, Tuesday 7, Wednesday 8.
    expect(publicRecordsReplyDueAt('2026-07-01T09:00:00.000Z', usCt)).toBe('2026-07-09T00:00:00.000Z');
    // Over Thanksgiving: Wednesday 25 November → Friday 27, Monday 30, Tuesday 1, Wednesday 2 December.
    expect(publicRecordsReplyDueAt('2026-11-25T12:00:00.000Z', usCt)).toBe('2026-12-03T00:00:00.000Z');
  });

  it('New York uses the library\u2019s reading until its own period is confirmed', () => {
    expect(publicRecordsReplyDueAt('2026-07-01T09:00:00.000Z', usNy)).toBe(publicRecordsReplyDueAt('2026-07-01T09:00:00.000Z', usCt));
  });

  it('is for statistics alone, asked under public records', () => {
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: ['statistics'] })).toBe(true);
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: ['statistics', 'checkouts'] })).toBe(false);
    expect(isStatisticsRequest({ requesterKind: 'other', requestedCategories: ['statistics'] })).toBe(false);
    expect(isStatisticsRequest({ requesterKind: 'public_records', requestedCategories: [] })).toBe(false);
  });
});

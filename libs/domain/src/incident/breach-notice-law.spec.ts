import { JURISDICTION_PACKS } from '../policy/jurisdictions.js';
import { breachNoticeDeadline, breachNoticeLawOf } from './breach-notice-law.js';

const usCt = JURISDICTION_PACKS['us-ct'];

describe('CGS § 36a-701b: whose law requires the notice', () => {
  it('a name with a listed element, or online credentials, is personal information: the statute', () => {
    expect(breachNoticeLawOf(usCt, ['name', 'social_security_number'])).toBe('statute');
    expect(breachNoticeLawOf(usCt, ['name', 'medical_information', 'other'])).toBe('statute');
    expect(breachNoticeLawOf(usCt, ['online_credentials'])).toBe('statute');
  });

  it('a name alone, a listed element without a name, or other data: the policy alone', () => {
    expect(breachNoticeLawOf(usCt, ['name', 'other'])).toBe('policy');
    expect(breachNoticeLawOf(usCt, ['payment_card_number'])).toBe('policy');
    expect(breachNoticeLawOf(usCt, ['other'])).toBe('policy');
  });

  it('a pack that does not read data elements (New York, for now) answers neither: its findings cite as before', () => {
    expect(breachNoticeLawOf(JURISDICTION_PACKS['us-ny'], ['name', 'social_security_number'])).toBeNull();
  });
});

describe('the notice clock, stopped while law enforcement asked for a delay', () => {
  const start = '2025-05-01T00:00:00.000Z';
  const delay = (from: string, to: string, recordedAt = from) => ({ from, to, recordedAt });

  it('runs 60 days without a delay', () => {
    expect(breachNoticeDeadline(start, 60, [])).toBe('2025-06-30T00:00:00.000Z');
  });

  it('stops for the delay (10 days), overlapping delays counted once, the part before the start not at all', () => {
    expect(breachNoticeDeadline(start, 60, [delay('2025-05-10T00:00:00.000Z', '2025-05-20T00:00:00.000Z')])).toBe('2025-07-10T00:00:00.000Z');
    const overlapping = [delay('2025-05-10T00:00:00.000Z', '2025-05-20T00:00:00.000Z'), delay('2025-05-15T00:00:00.000Z', '2025-05-25T00:00:00.000Z')];
    expect(breachNoticeDeadline(start, 60, overlapping)).toBe('2025-07-15T00:00:00.000Z');
    expect(breachNoticeDeadline(start, 60, [...overlapping].reverse())).toBe('2025-07-15T00:00:00.000Z');
    expect(breachNoticeDeadline('2025-05-15T00:00:00.000Z', 60, [delay('2025-05-10T00:00:00.000Z', '2025-05-20T00:00:00.000Z', '2025-05-16T00:00:00.000Z')])).toBe('2025-07-19T00:00:00.000Z');
  });

  it('a delay that begins after the deadline, or recorded after it passed, moves nothing', () => {
    expect(breachNoticeDeadline(start, 60, [delay('2025-07-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z')])).toBe('2025-06-30T00:00:00.000Z');
    expect(breachNoticeDeadline(start, 60, [delay('2025-05-10T00:00:00.000Z', '2025-05-20T00:00:00.000Z', '2025-07-01T00:00:00.000Z')])).toBe('2025-06-30T00:00:00.000Z');
  });
});

describe('the notice clock on the library\u2019s calendar (the zone given)', () => {
  const NY = 'America/New_York';

  it('a discovery on 1 March (EST) with 60 days ends at the library\u2019s midnight after 30 April (EDT), the change of the clocks between', () => {
    expect(breachNoticeDeadline('2026-03-01T15:00:00.000Z', 60, [], NY)).toBe('2026-05-01T04:00:00.000Z');
    // 22:30 on 1 March in New York is already 2 March in UTC: the library's day is the one counted.
    expect(breachNoticeDeadline('2026-03-02T03:30:00.000Z', 60, [], NY)).toBe('2026-05-01T04:00:00.000Z');
    expect(breachNoticeDeadline('2026-03-01T15:00:00.000Z', 60, [])).toBe('2026-04-30T15:00:00.000Z');
  });

  it('a delay stops the local clock for exactly its length; one recorded after the local deadline moves nothing', () => {
    const tenDays = { from: '2026-03-10T04:00:00.000Z', to: '2026-03-20T04:00:00.000Z', recordedAt: '2026-03-10T04:00:00.000Z' };
    expect(breachNoticeDeadline('2026-03-01T15:00:00.000Z', 60, [tenDays], NY)).toBe('2026-05-11T04:00:00.000Z');
    expect(breachNoticeDeadline('2026-03-01T15:00:00.000Z', 60, [{ ...tenDays, recordedAt: '2026-05-01T04:00:00.000Z' }], NY)).toBe('2026-05-01T04:00:00.000Z');
  });
});

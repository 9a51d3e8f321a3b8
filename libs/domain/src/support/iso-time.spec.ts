import { InvalidCommand } from '../shared/errors.js';
import { assertBackdatedAtMost, parseInstant } from './iso-time.js';

describe('instants: one definition, parsed or refused consistently', () => {
  it.each([
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T11:30:00.123456789+02:00', '2026-03-01T09:30:00.123Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('accepts %s as %s', (given, utc) => {
    expect(new Date(parseInstant(given)!).toISOString()).toBe(utc);
  });

  it.each([
    ['a time without Z or an offset (the server\u2019s local time)', '2026-03-01T09:30:00'],
    ['a date that is not in the calendar', '2025-02-30T00:00:00Z'],
    ['a leap day in a common year', '2025-02-29'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['a signed year before 0000', '-000001-01-01T00:00:00Z'],
    ['the last instant JavaScript can hold', '+275760-09-13T00:00:00Z'],
    ['year 0000 that is year -1 in UTC', '0000-01-01T00:00:00+01:00'],
    ['year 9999 that is year 10000 in UTC', '9999-12-31T23:30:00-01:00'],
    ['a fraction long enough to hide a card number', '2026-01-01T00:00:00.4455667788990011Z'],
    ['a number', '1700000000000'],
    ['not a string', 1700000000000],
  ])('refuses %s', (_, given) => {
    expect(parseInstant(given)).toBeNull();
  });
});

describe('how far back a new case may be dated', () => {
  const now = '2026-03-31T12:00:00.000Z';
  it('allows up to the limit and refuses beyond it, naming occurredAt', () => {
    expect(() => assertBackdatedAtMost('2026-03-01T12:00:00.000Z', now, 30)).not.toThrow();
    const error = (() => {
      try {
        assertBackdatedAtMost('2026-03-01T11:59:59.999Z', now, 30);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidCommand);
    expect(error).toMatchObject({ field: 'occurredAt', message: expect.stringContaining('30 days') });
    expect(() => assertBackdatedAtMost('1970-01-01T00:00:00.000Z', now, 3650)).toThrow(InvalidCommand);
  });
});

import { appointmentInstants, rosterRows } from './roster-page.model.js';

const names: Record<string, string> = { u1: 'Sam Desk', u2: 'Tara Teller', u3: 'Omar Owl' };
const nameOf = (userId: string) => names[userId] ?? 'A former user';
const NOW = '2026-03-10T12:00:00.000Z';

describe('the designee roster page', () => {
  it('lists appointments in force first, then those to come (soonest first), then the past (latest first), with when the powers stop', () => {
    const rows = rosterRows(
      [
        { appointmentId: 'a1', userId: 'u1', from: '2026-01-01T00:00:00.000Z', to: '2026-01-15T00:00:00.000Z' },
        { appointmentId: 'a2', userId: 'u2', from: '2026-04-01T00:00:00.000Z', to: '2026-04-08T00:00:00.000Z' },
        { appointmentId: 'a3', userId: 'u3', from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' },
        { appointmentId: 'a4', userId: 'u1', from: '2026-02-01T00:00:00.000Z', to: '2026-02-28T00:00:00.000Z', endedAt: '2026-02-10T09:30:00.000Z' },
        { appointmentId: 'a5', userId: 'u2', from: '2026-03-20T00:00:00.000Z', to: '2026-03-25T00:00:00.000Z' },
        { appointmentId: 'a6', userId: 'gone', from: '2026-03-05T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z', endedAt: '2026-03-30T00:00:00.000Z' },
      ],
      nameOf,
      NOW,
    );
    expect(rows.map((r) => [r.appointmentId, r.name, r.state, r.endsAt, r.endable])).toEqual([
      ['a6', 'A former user', 'in_force', '2026-03-20T00:00:00.000Z', true],
      ['a3', 'Omar Owl', 'in_force', '2026-03-31T00:00:00.000Z', true],
      ['a5', 'Tara Teller', 'to_come', '2026-03-25T00:00:00.000Z', true],
      ['a2', 'Tara Teller', 'to_come', '2026-04-08T00:00:00.000Z', true],
      ['a4', 'Sam Desk', 'ended_early', '2026-02-10T09:30:00.000Z', false],
      ['a1', 'Sam Desk', 'ran_out', '2026-01-15T00:00:00.000Z', false],
    ]);
  });

  it('an appointment is in force from its first instant and over at its last (half-open, as the decider holds it)', () => {
    const appointment = { appointmentId: 'a', userId: 'u1', from: NOW, to: '2026-03-11T00:00:00.000Z' };
    expect(rosterRows([appointment], nameOf, NOW)[0].state).toBe('in_force');
    expect(rosterRows([appointment], nameOf, '2026-03-11T00:00:00.000Z')[0].state).toBe('ran_out');
    expect(rosterRows([{ ...appointment, endedAt: NOW }], nameOf, NOW)[0].state).toBe('ended_early');
  });

  it('the form’s first and last day become [start of the first day, start of the day after the last)', () => {
    const days = (first: string, last: string, zone = 'UTC') => appointmentInstants({ firstDay: first, lastDay: last }, zone);
    expect(days('2026-03-10', '2026-03-10')).toEqual({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
    expect(days('2026-12-31', '2027-02-28')).toEqual({ from: '2026-12-31T00:00:00.000Z', to: '2027-03-01T00:00:00.000Z' });
    // Whole days in the library's zone: New York's midnight, the day the clocks go forward included (a 23-hour day).
    expect(days('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    // As typed in the GOV.UK date input's three boxes.
    expect(appointmentInstants({ 'firstDay-day': '1', 'firstDay-month': '4', 'firstDay-year': '2026', 'lastDay-day': '30', 'lastDay-month': '4', 'lastDay-year': '2026' }, 'America/New_York')).toEqual({
      from: '2026-04-01T04:00:00.000Z',
      to: '2026-05-01T04:00:00.000Z',
    });
  });

  it('anything but a real calendar date goes on unchanged, for the request’s own validation to refuse', () => {
    expect(appointmentInstants({ firstDay: '2026-02-30', lastDay: 'next week' }, 'UTC')).toEqual({ from: 'not-a-date', to: 'next week' });
    expect(appointmentInstants({ 'firstDay-day': '30', 'firstDay-month': '2', 'firstDay-year': '2026' }, 'UTC')).toEqual({ from: 'not-a-date', to: undefined });
    expect(appointmentInstants({}, 'UTC')).toEqual({ from: undefined, to: undefined });
  });
});

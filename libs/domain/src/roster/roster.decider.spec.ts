import { InvalidCommand, NotFound } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import type { RosterCommand } from './roster.commands.js';
import { decideRoster, type RosterDecisionContext } from './roster.decider.js';
import { evolveRoster, initialRosterState, isActiveDesignee, type RosterState } from './roster.state.js';

const director: Actor = { userId: 'u-director', role: 'director', isActiveDesignee: false };
const staffUser = { userId: 'u-staff', role: 'staff' as const };
const context: RosterDecisionContext = { appointee: staffUser };
const appoint = (from: string, to: string, appointmentId = 'a-1'): RosterCommand => ({
  type: 'AppointDesignee',
  actor: director,
  occurredAt: '2025-03-01T00:00:00Z',
  recordedAt: '2025-03-01T00:00:00Z',
  appointmentId,
  userId: staffUser.userId,
  from,
  to,
});
const end = (at: string): RosterCommand => ({ type: 'EndDesigneeAppointment', actor: director, occurredAt: at, recordedAt: at, userId: staffUser.userId, at });

function run(...commands: RosterCommand[]): RosterState {
  return commands.reduce((state, command) => decideRoster(command, state, context).reduce(evolveRoster, state), initialRosterState);
}

describe('roster decider', () => {
  it('powers hold on [from, to): inclusive at from, exclusive at to', () => {
    const roster = run(appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'));
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-09T23:59:59.999Z')).toBe(false);
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-10T00:00:00Z')).toBe(true);
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-19T23:59:59.999Z')).toBe(true);
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-20T00:00:00Z')).toBe(false);
    expect(isActiveDesignee(roster, 'someone-else', '2025-03-15T00:00:00Z')).toBe(false);
  });

  it('compares instants, not strings, across time-zone offsets', () => {
    const roster = run(appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'));
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-09T20:00:00-05:00')).toBe(true);
  });

  it('an ended appointment stops at the instant it was ended (exclusive)', () => {
    const roster = run(appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'), end('2025-03-12T09:00:00Z'));
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-12T08:59:59Z')).toBe(true);
    expect(isActiveDesignee(roster, staffUser.userId, '2025-03-12T09:00:00Z')).toBe(false);
    expect(() => decideRoster(end('2025-03-13T00:00:00Z'), roster, context)).toThrow(NotFound);
  });

  it('only the director appoints, only staff can be appointed, and to must follow from', () => {
    const asStaff = { ...appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'), actor: { ...director, role: 'staff' as const, isActiveDesignee: true } };
    expect(() => decideRoster(asStaff, initialRosterState, context)).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() =>
      decideRoster(appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'), initialRosterState, { appointee: { userId: 'u-staff', role: 'counsel' } }),
    ).toThrow(InvalidCommand);
    expect(() => decideRoster(appoint('2025-03-20T00:00:00Z', '2025-03-10T00:00:00Z'), initialRosterState, context)).toThrow(InvalidCommand);
    expect(() => decideRoster(appoint('2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'), initialRosterState, { appointee: null })).toThrow(NotFound);
  });
});

import { assertNever, type Decider } from '../shared/decider.js';
import { InvalidCommand, NotFound } from '../shared/errors.js';
import { assertText } from '../support/command-checks.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import type { KnownUser } from '../case/case.context.js';
import { forbiddenBy } from '../policy/rules.js';
import type { RosterCommand } from './roster.commands.js';
import type { RosterEvent } from './roster.events.js';
import { currentOrFutureAppointmentsOf, evolveRoster, initialRosterState, type RosterState } from './roster.state.js';

/**
 * What the handler loaded about the user being appointed: `null` when there is no such user.
 * Only needed for AppointDesignee.
 */
export interface RosterDecisionContext {
  readonly appointee?: KnownUser | null;
}

export function decideRoster(command: RosterCommand, state: RosterState, context: RosterDecisionContext = {}): RosterEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  assertText(command.userId, 'userId');
  // The policy gives the powers to "the Library Director or a designee": only the director designates.
  if (command.actor.role !== 'director') throw forbiddenBy('ROLE-NOT-PERMITTED', 'only the director appoints designees');
  const by = command.actor.userId;
  switch (command.type) {
    case 'AppointDesignee': {
      assertText(command.appointmentId, 'appointmentId');
      const from = instantOf(command.from, 'from');
      const to = instantOf(command.to, 'to');
      if (from >= to) throw new InvalidCommand('to must be after from', 'to');
      if (context.appointee === undefined) throw new Error('AppointDesignee needs the appointee in its context');
      if (context.appointee === null || context.appointee.userId !== command.userId) throw new NotFound('No such user');
      if (context.appointee.role !== 'staff') throw new InvalidCommand('Only a staff user can be a designee', 'userId');
      return [
        {
          type: 'DesigneeAppointed',
          data: { appointmentId: command.appointmentId, userId: command.userId, from: command.from, to: command.to, occurredAt: command.occurredAt, by },
        },
      ];
    }
    case 'EndDesigneeAppointment': {
      instantOf(command.at, 'at');
      const current = currentOrFutureAppointmentsOf(state, command.userId, command.at);
      if (current.length === 0) throw new NotFound('The user has no appointment in force or to come');
      return current.map((appointment) => ({
        type: 'DesigneeAppointmentEnded',
        data: { appointmentId: appointment.appointmentId, userId: command.userId, at: command.at, occurredAt: command.occurredAt, by },
      }));
    }
    default:
      return assertNever(command, 'roster command');
  }
}

export const rosterDecider: Decider<RosterCommand, RosterState, RosterEvent, RosterDecisionContext> = {
  initialState: initialRosterState,
  evolve: evolveRoster,
  decide: decideRoster,
};

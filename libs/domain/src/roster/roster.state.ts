import { assertNever } from '../shared/decider.js';
import type { RosterEvent } from './roster.events.js';

export interface Appointment {
  readonly appointmentId: string;
  readonly userId: string;
  readonly from: string;
  readonly to: string;
  readonly endedAt?: string;
}

export interface RosterState {
  readonly appointments: readonly Appointment[];
}

export const initialRosterState: RosterState = { appointments: [] };

export function evolveRoster(state: RosterState, event: RosterEvent): RosterState {
  switch (event.type) {
    case 'DesigneeAppointed': {
      const { appointmentId, userId, from, to } = event.data;
      return { appointments: [...state.appointments, { appointmentId, userId, from, to }] };
    }
    case 'DesigneeAppointmentEnded':
      return {
        appointments: state.appointments.map((appointment) =>
          appointment.appointmentId === event.data.appointmentId ? { ...appointment, endedAt: event.data.at } : appointment,
        ),
      };
    default:
      return assertNever(event, 'roster event');
  }
}

/** When the appointment's powers actually stop: `to`, or earlier if it was ended. */
export function appointmentEndsAt(appointment: Appointment): string {
  if (appointment.endedAt !== undefined && Date.parse(appointment.endedAt) < Date.parse(appointment.to)) {
    return appointment.endedAt;
  }
  return appointment.to;
}

/**
 * An appointment confers powers on the half-open interval [from, end): inclusive at `from`, exclusive
 * at `to` or at the instant it was ended. Half-open intervals let one appointment end exactly where the
 * next begins with neither a gap nor a moment when two rules apply; and an ended appointment grants
 * nothing at the very instant the director ended it.
 */
export function isAppointmentActive(appointment: Appointment, atIso: string): boolean {
  const at = Date.parse(atIso);
  if (Number.isNaN(at)) return false;
  return Date.parse(appointment.from) <= at && at < Date.parse(appointmentEndsAt(appointment));
}

export function isActiveDesignee(roster: RosterState, userId: string, atIso: string): boolean {
  return roster.appointments.some((appointment) => appointment.userId === userId && isAppointmentActive(appointment, atIso));
}

/** The appointment in force for the user at `atIso` (for GET /v1/me), if any. */
export function activeAppointmentOf(roster: RosterState, userId: string, atIso: string): Appointment | undefined {
  return roster.appointments.find((appointment) => appointment.userId === userId && isAppointmentActive(appointment, atIso));
}

/** The user's appointments still in force or yet to start at `atIso`. */
export function currentOrFutureAppointmentsOf(roster: RosterState, userId: string, atIso: string): Appointment[] {
  const at = Date.parse(atIso);
  return roster.appointments.filter(
    (appointment) => appointment.userId === userId && at < Date.parse(appointmentEndsAt(appointment)),
  );
}

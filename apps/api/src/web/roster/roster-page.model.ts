import { type FormBody, localInstant } from '../shared/web-form.js';
import { type Appointment, appointmentEndsAt } from '@ledger/domain';

export type AppointmentState = 'in_force' | 'to_come' | 'ended_early' | 'ran_out';

export interface RosterRow {
  readonly appointmentId: string;
  readonly userId: string;
  readonly name: string;
  readonly from: string;
  /** When the powers stop: `to`, or the moment the director ended the appointment. */
  readonly endsAt: string;
  readonly state: AppointmentState;
  /** Whether "End now" applies (the appointment is in force or still to come). */
  readonly endable: boolean;
}

const ORDER: Record<AppointmentState, number> = { in_force: 0, to_come: 1, ended_early: 2, ran_out: 2 };

/**
 * The roster as the director reads it: appointments in force first, then those to come (soonest
 * first), then the past (most recent first), each with the dates its powers start and stop.
 */
export function rosterRows(appointments: readonly Appointment[], nameOf: (userId: string) => string, nowIso: string): RosterRow[] {
  const now = Date.parse(nowIso);
  const rows = appointments.map((appointment): RosterRow => {
    const endsAt = appointmentEndsAt(appointment);
    const state: AppointmentState =
      now >= Date.parse(endsAt) ? (endsAt === appointment.to ? 'ran_out' : 'ended_early') : now < Date.parse(appointment.from) ? 'to_come' : 'in_force';
    return { appointmentId: appointment.appointmentId, userId: appointment.userId, name: nameOf(appointment.userId), from: appointment.from, endsAt, state, endable: state === 'in_force' || state === 'to_come' };
  });
  return rows.sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.state === 'to_come' ? a.from.localeCompare(b.from) : b.from.localeCompare(a.from)));
}

/**
 * The appointment form's "first day" and "last day" (whole days in the library's time zone) as the
 * command's half-open [from, to): from the start of the first day to the start of the day after the last.
 */
export function appointmentInstants(body: FormBody, zone: string): { from: string | undefined; to: string | undefined } {
  return { from: localInstant(body, 'firstDay', zone), to: localInstant(body, 'lastDay', zone, { plusDays: 1 }) };
}

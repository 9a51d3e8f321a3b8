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

/** The appointment form's "first day" and "last day" (whole days, the library's clock taken as UTC) as the command's half-open [from, to). */
export function appointmentInstants(firstDay: string | undefined, lastDay: string | undefined): { from: string | undefined; to: string | undefined } {
  return { from: dayStart(firstDay, 0), to: dayStart(lastDay, 1) };
}

function dayStart(day: string | undefined, plusDays: number): string | undefined {
  if (day === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  // An impossible date (2026-02-30) goes on as typed, for the instant check to refuse.
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) return day;
  return new Date(start + plusDays * 86_400_000).toISOString();
}

import type { DomainEvent } from '../shared/decider.js';

/** Events of the `roster-main` stream: who held the director's law-enforcement powers, and when. */
export type DesigneeAppointed = DomainEvent<
  'DesigneeAppointed',
  {
    readonly appointmentId: string;
    readonly userId: string;
    /** Powers start at `from` (inclusive) … */
    readonly from: string;
    /** … and stop at `to` (exclusive). */
    readonly to: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

export type DesigneeAppointmentEnded = DomainEvent<
  'DesigneeAppointmentEnded',
  {
    readonly appointmentId: string;
    readonly userId: string;
    /** Powers stop at this instant (exclusive). */
    readonly at: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

export type RosterEvent = DesigneeAppointed | DesigneeAppointmentEnded;
export type RosterEventType = RosterEvent['type'];
export const ROSTER_EVENT_TYPES = ['DesigneeAppointed', 'DesigneeAppointmentEnded'] as const satisfies readonly RosterEventType[];

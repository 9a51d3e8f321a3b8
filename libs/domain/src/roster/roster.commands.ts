import type { Actor } from '../policy/actor.js';

interface RosterCommandBase {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface AppointDesignee extends RosterCommandBase {
  readonly type: 'AppointDesignee';
  readonly appointmentId: string;
  readonly userId: string;
  readonly from: string;
  readonly to: string;
}

/** Ends every appointment of the user that has not already ended by `at` (the API's "now"). */
export interface EndDesigneeAppointment extends RosterCommandBase {
  readonly type: 'EndDesigneeAppointment';
  readonly userId: string;
  readonly at: string;
}

export type RosterCommand = AppointDesignee | EndDesigneeAppointment;

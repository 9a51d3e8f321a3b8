import type { Actor } from '../policy/actor.js';
import type { AffectedPatron, NotificationMethod } from './incident.events.js';

interface IncidentCommandBase {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly incidentId: string;
}

export interface RecordBreachIncident extends IncidentCommandBase {
  readonly type: 'RecordBreachIncident';
  readonly discoveredAt: string;
  readonly description: string;
  readonly systems: readonly string[];
  readonly affectedPatrons: readonly AffectedPatron[];
  readonly affectedGroup?: string;
}

export interface RecordBreachNotification extends IncidentCommandBase {
  readonly type: 'RecordBreachNotification';
  readonly notificationId: string;
  readonly patron?: { readonly blindIndex: string; readonly pseudonym: string };
  readonly group?: string;
  readonly method: NotificationMethod;
  readonly notifiedAt: string;
  /** `LEDGER_MAX_BACKDATE_DAYS`: how far before its recording a notice may be dated. */
  readonly maxBackdateDays: number;
}

export type IncidentCommand = RecordBreachIncident | RecordBreachNotification;

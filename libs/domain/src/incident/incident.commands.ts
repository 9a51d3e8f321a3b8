import type { Actor } from '../policy/actor.js';
import type { BreachDataElement } from './breach-notice-law.js';
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
  readonly dataElements: readonly BreachDataElement[];
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

export interface RecordAttorneyGeneralNotice extends IncidentCommandBase {
  readonly type: 'RecordAttorneyGeneralNotice';
  readonly notifiedAt: string;
  readonly maxBackdateDays: number;
}

export interface RecordNoticeDelay extends IncidentCommandBase {
  readonly type: 'RecordNoticeDelay';
  readonly delayId: string;
  readonly requestedBy: string;
  readonly from: string;
  readonly to: string;
  readonly maxBackdateDays: number;
}

export interface AddAffectedPatrons extends IncidentCommandBase {
  readonly type: 'AddAffectedPatrons';
  readonly affectedPatrons: readonly AffectedPatron[];
}

export type IncidentCommand = RecordBreachIncident | RecordBreachNotification | RecordAttorneyGeneralNotice | RecordNoticeDelay | AddAffectedPatrons;

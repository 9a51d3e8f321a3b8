import type { DomainEvent } from '../shared/decider.js';

/** An affected patron as an incident stores them: blind index, pseudonym and the reference under a key of its own. */
export interface AffectedPatron {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly encryptedRef: string;
}

export const NOTIFICATION_METHODS = ['mail', 'email', 'phone', 'in_person', 'public_notice'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

/** Events of the `incident-<incidentId>` stream: a data breach and each notice sent about it. */
export type BreachIncidentRecorded = DomainEvent<
  'BreachIncidentRecorded',
  {
    readonly incidentId: string;
    /** When the library discovered the breach: the notice period runs from here. */
    readonly discoveredAt: string;
    readonly description: string;
    readonly systems: readonly string[];
    readonly affectedPatrons: readonly AffectedPatron[];
    /** Patrons described rather than listed ("everyone on the newsletter list"). */
    readonly affectedGroup?: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

export type BreachNotificationRecorded = DomainEvent<
  'BreachNotificationRecorded',
  {
    readonly incidentId: string;
    readonly notificationId: string;
    /** One affected patron (blind index and pseudonym only) … */
    readonly patron?: { readonly blindIndex: string; readonly pseudonym: string };
    /** … or the described group. */
    readonly group?: string;
    readonly method: NotificationMethod;
    readonly notifiedAt: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

export type IncidentEvent = BreachIncidentRecorded | BreachNotificationRecorded;
export type IncidentEventType = IncidentEvent['type'];
export const INCIDENT_EVENT_TYPES = ['BreachIncidentRecorded', 'BreachNotificationRecorded'] as const satisfies readonly IncidentEventType[];

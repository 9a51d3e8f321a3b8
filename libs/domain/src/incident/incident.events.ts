import type { DomainEvent } from '../shared/decider.js';
import type { BreachDataElement } from './breach-notice-law.js';

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
    /**
     * What was exposed (the breach statute's data elements), which decides whether the statute or the policy alone
     * requires the notices. Absent on incidents recorded before it was asked: they keep the meaning they had.
     */
    readonly dataElements?: readonly BreachDataElement[];
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

/** The notice to the Attorney General (the breach statute: not later than the residents'). */
export type AttorneyGeneralNotified = DomainEvent<
  'AttorneyGeneralNotified',
  { readonly incidentId: string; readonly notifiedAt: string; readonly occurredAt: string; readonly by: string }
>;

/** Law enforcement asked the library to delay notice (the breach statute's delay): the clock stops from `from` to `to`. */
export type BreachNoticeDelayed = DomainEvent<
  'BreachNoticeDelayed',
  {
    readonly incidentId: string;
    readonly delayId: string;
    /** The agency (and officer) that asked. */
    readonly requestedBy: string;
    readonly from: string;
    readonly to: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

/** Patrons found affected after the incident was recorded: each one's clock runs from `occurredAt`, when they were found. */
export type AffectedPatronsAdded = DomainEvent<
  'AffectedPatronsAdded',
  { readonly incidentId: string; readonly affectedPatrons: readonly AffectedPatron[]; readonly occurredAt: string; readonly by: string }
>;

export type IncidentEvent = BreachIncidentRecorded | BreachNotificationRecorded | AttorneyGeneralNotified | BreachNoticeDelayed | AffectedPatronsAdded;
export type IncidentEventType = IncidentEvent['type'];
export const INCIDENT_EVENT_TYPES = [
  'BreachIncidentRecorded',
  'BreachNotificationRecorded',
  'AttorneyGeneralNotified',
  'BreachNoticeDelayed',
  'AffectedPatronsAdded',
] as const satisfies readonly IncidentEventType[];

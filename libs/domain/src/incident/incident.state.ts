import { assertNever } from '../shared/decider.js';
import type { IncidentEvent } from './incident.events.js';

export interface IncidentState {
  readonly recorded: boolean;
  readonly discoveredAt: string;
  readonly affectedBlindIndexes: readonly string[];
  readonly affectedGroup?: string;
  readonly notificationIds: readonly string[];
  /** When the Attorney General was notified, once recorded. */
  readonly attorneyGeneralNotifiedAt?: string;
  readonly delayIds?: readonly string[];
}

export const initialIncidentState: IncidentState = { recorded: false, discoveredAt: '', affectedBlindIndexes: [], notificationIds: [] };

export function evolveIncident(state: IncidentState, event: IncidentEvent): IncidentState {
  switch (event.type) {
    case 'BreachIncidentRecorded': {
      const { discoveredAt, affectedPatrons, affectedGroup } = event.data;
      return {
        recorded: true,
        discoveredAt,
        affectedBlindIndexes: affectedPatrons.map((patron) => patron.blindIndex),
        ...(affectedGroup !== undefined && { affectedGroup }),
        notificationIds: [],
      };
    }
    case 'BreachNotificationRecorded':
      return { ...state, notificationIds: [...state.notificationIds, event.data.notificationId] };
    case 'AttorneyGeneralNotified':
      return { ...state, attorneyGeneralNotifiedAt: event.data.notifiedAt };
    case 'BreachNoticeDelayed':
      return { ...state, delayIds: [...(state.delayIds ?? []), event.data.delayId] };
    case 'AffectedPatronsAdded':
      return { ...state, affectedBlindIndexes: [...state.affectedBlindIndexes, ...event.data.affectedPatrons.map((patron) => patron.blindIndex)] };
    default:
      return assertNever(event, 'incident event');
  }
}


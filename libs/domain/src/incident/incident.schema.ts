import { eventSchema } from '../shared/event-schema.js';
import { INCIDENT_EVENT_TYPES, type IncidentEvent } from './incident.events.js';

/** One breach incident and its notices (`incident-<id>`). Version 1: every event as first written; no upcasters yet. */
export const INCIDENT_EVENT_SCHEMA = eventSchema<IncidentEvent>({
  stream: 'incident',
  version: 1,
  types: INCIDENT_EVENT_TYPES,
  upcasters: {},
});

import { eventSchema } from '../shared/event-schema.js';
import { ROSTER_EVENT_TYPES, type RosterEvent } from './roster.events.js';

/** The director's designees (`roster-main`). Version 1: every event as first written; no upcasters yet. */
export const ROSTER_EVENT_SCHEMA = eventSchema<RosterEvent>({
  stream: 'roster',
  version: 1,
  types: ROSTER_EVENT_TYPES,
  upcasters: {},
});

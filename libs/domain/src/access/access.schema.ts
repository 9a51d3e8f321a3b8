import { eventSchema } from '../shared/event-schema.js';
import { eventTypesOf } from '../shared/event-types.js';
import type { AccessEvent } from './access.events.js';

/** Who read or exported what, one stream per UTC day (`access-<yyyymmdd>`). Version 1: every event as first written; no upcasters yet. */
export const ACCESS_EVENT_SCHEMA = eventSchema<AccessEvent>({
  stream: 'access',
  version: 1,
  types: eventTypesOf<AccessEvent>({ RecordAccessed: true }),
  upcasters: {},
});

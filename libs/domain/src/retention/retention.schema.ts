import { eventSchema } from '../shared/event-schema.js';
import { RETENTION_EVENT_TYPES, type RetentionEvent } from './retention.events.js';

/** The retention schedule, legal holds, shreds and erasure requests (`retention-main`). Version 1: every event as first written; no upcasters yet. */
export const RETENTION_EVENT_SCHEMA = eventSchema<RetentionEvent>({
  stream: 'retention',
  version: 1,
  types: RETENTION_EVENT_TYPES,
  upcasters: {},
});

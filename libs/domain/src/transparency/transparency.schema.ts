import { eventSchema } from '../shared/event-schema.js';
import { TRANSPARENCY_EVENT_TYPES, type TransparencyEvent } from './transparency.events.js';

/** The library's public transparency reports (`transparency-main`). Version 1: every event as first written; no upcasters yet. */
export const TRANSPARENCY_EVENT_SCHEMA = eventSchema<TransparencyEvent>({
  stream: 'transparency',
  version: 1,
  types: TRANSPARENCY_EVENT_TYPES,
  upcasters: {},
});

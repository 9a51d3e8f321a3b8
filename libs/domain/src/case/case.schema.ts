import { eventSchema } from '../shared/event-schema.js';
import { CASE_EVENT_TYPES, type CaseEvent } from './case.events.js';

/** One disclosure case or wellness check (`case-<id>`). Version 1: every event as first written; no upcasters yet. */
export const CASE_EVENT_SCHEMA = eventSchema<CaseEvent>({
  stream: 'case',
  version: 1,
  types: CASE_EVENT_TYPES,
  upcasters: {},
});

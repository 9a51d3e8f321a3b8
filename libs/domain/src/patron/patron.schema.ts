import { eventSchema } from '../shared/event-schema.js';
import { PATRON_EVENT_TYPES, type PatronEvent } from './patron.events.js';

/** A patron's identifier: cards, consents, linked identifiers (`patron-<blind index>`). Version 1: every event as first written; no upcasters yet. */
export const PATRON_EVENT_SCHEMA = eventSchema<PatronEvent>({
  stream: 'patron',
  version: 1,
  types: PATRON_EVENT_TYPES,
  upcasters: {},
});

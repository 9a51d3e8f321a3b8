import { eventSchema } from '../shared/event-schema.js';
import { USER_EVENT_TYPES, type UserEvent } from './user.events.js';

/** One user: registration, roles, tokens, second factors (`user-<id>`). Version 1: every event as first written; no upcasters yet. */
export const USER_EVENT_SCHEMA = eventSchema<UserEvent>({
  stream: 'user',
  version: 1,
  types: USER_EVENT_TYPES,
  upcasters: {},
});

import { eventSchema } from '../shared/event-schema.js';
import { eventTypesOf } from '../shared/event-types.js';
import type { IdempotencyEvent } from './idempotency.events.js';

/** One client `Idempotency-Key` (`idempotency-<key hash>`). Version 1: every event as first written; no upcasters yet. */
export const IDEMPOTENCY_EVENT_SCHEMA = eventSchema<IdempotencyEvent>({
  stream: 'idempotency',
  version: 1,
  types: eventTypesOf<IdempotencyEvent>({ IdempotencyKeyClaimed: true, IdempotentAnswerRecorded: true, IdempotencyKeyReleased: true }),
  upcasters: {},
});

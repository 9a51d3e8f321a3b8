import { eventSchema } from '../shared/event-schema.js';
import { eventTypesOf } from '../shared/event-types.js';
import type { AdminGuardEvent } from './admin-guard.js';

/** The last-admin guard (`admins-main`). Version 1: every event as first written; no upcasters yet. */
export const ADMIN_GUARD_EVENT_SCHEMA = eventSchema<AdminGuardEvent>({
  stream: 'admins',
  version: 1,
  types: eventTypesOf<AdminGuardEvent>({ AdminRevocationCleared: true, AdminDeactivationCleared: true }),
  upcasters: {},
});

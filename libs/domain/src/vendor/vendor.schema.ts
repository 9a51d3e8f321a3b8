import { eventSchema } from '../shared/event-schema.js';
import { VENDOR_EVENT_TYPES, type VendorEvent } from './vendor.events.js';

/** The approved vendors (`vendors-main`). Version 1: every event as first written; no upcasters yet. */
export const VENDOR_EVENT_SCHEMA = eventSchema<VendorEvent>({
  stream: 'vendors',
  version: 1,
  types: VENDOR_EVENT_TYPES,
  upcasters: {},
});

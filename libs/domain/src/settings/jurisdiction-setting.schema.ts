import { eventSchema } from '../shared/event-schema.js';
import { JURISDICTION_SETTING_EVENT_TYPES, type JurisdictionSettingEvent } from './jurisdiction-setting.js';

/** The jurisdiction the ledger is kept under (`settings-jurisdiction`). Version 1: every event as first written; no upcasters yet. */
export const JURISDICTION_SETTING_EVENT_SCHEMA = eventSchema<JurisdictionSettingEvent>({
  stream: 'settings',
  version: 1,
  types: JURISDICTION_SETTING_EVENT_TYPES,
  upcasters: {},
});

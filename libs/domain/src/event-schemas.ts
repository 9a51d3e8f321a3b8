import { ACCESS_EVENT_SCHEMA } from './access/access.schema.js';
import { CASE_EVENT_SCHEMA } from './case/case.schema.js';
import { IDEMPOTENCY_EVENT_SCHEMA } from './idempotency/idempotency.schema.js';
import { ADMIN_GUARD_EVENT_SCHEMA } from './identity/admin-guard.schema.js';
import { USER_EVENT_SCHEMA } from './identity/user.schema.js';
import { INCIDENT_EVENT_SCHEMA } from './incident/incident.schema.js';
import { PATRON_EVENT_SCHEMA } from './patron/patron.schema.js';
import { RETENTION_EVENT_SCHEMA } from './retention/retention.schema.js';
import { ROSTER_EVENT_SCHEMA } from './roster/roster.schema.js';
import { JURISDICTION_SETTING_EVENT_SCHEMA } from './settings/jurisdiction-setting.schema.js';
import { MAIL_OUTBOX_EVENT_SCHEMA, NOTIFICATION_PREFERENCES_EVENT_SCHEMA } from './mail/mail.schema.js';
import { EventSchemas } from './shared/event-schema.js';
import { VENDOR_EVENT_SCHEMA } from './vendor/vendor.schema.js';
import { TRANSPARENCY_EVENT_SCHEMA } from './transparency/transparency.schema.js';

/**
 * Every stream kind the ledger writes, with its events' schema. The one list the decoder
 * (`decodeRecorded`) and the ledger writer read: a stream kind left out is written without a schema
 * version and read without upcasters.
 */
export const LEDGER_EVENT_SCHEMAS = new EventSchemas([
  CASE_EVENT_SCHEMA,
  PATRON_EVENT_SCHEMA,
  USER_EVENT_SCHEMA,
  ADMIN_GUARD_EVENT_SCHEMA,
  ROSTER_EVENT_SCHEMA,
  VENDOR_EVENT_SCHEMA,
  RETENTION_EVENT_SCHEMA,
  INCIDENT_EVENT_SCHEMA,
  ACCESS_EVENT_SCHEMA,
  IDEMPOTENCY_EVENT_SCHEMA,
  JURISDICTION_SETTING_EVENT_SCHEMA,
  TRANSPARENCY_EVENT_SCHEMA,
  MAIL_OUTBOX_EVENT_SCHEMA,
  NOTIFICATION_PREFERENCES_EVENT_SCHEMA,
]);

import { eventSchema } from '../shared/event-schema.js';
import { MAIL_OUTBOX_EVENT_TYPES, type MailOutboxEvent, NOTIFICATION_PREFERENCES_EVENT_TYPES, type NotificationPreferencesEvent } from './mail.events.js';

/** The mail outbox (`outbox-mail`). Version 1: every event as first written; no upcasters yet. */
export const MAIL_OUTBOX_EVENT_SCHEMA = eventSchema<MailOutboxEvent>({
  stream: 'outbox',
  version: 1,
  types: MAIL_OUTBOX_EVENT_TYPES,
  upcasters: {},
});

/** Each user's choice of messages (`notifications-<userId>`). Version 1: no upcasters yet. */
export const NOTIFICATION_PREFERENCES_EVENT_SCHEMA = eventSchema<NotificationPreferencesEvent>({
  stream: 'notifications',
  version: 1,
  types: NOTIFICATION_PREFERENCES_EVENT_TYPES,
  upcasters: {},
});

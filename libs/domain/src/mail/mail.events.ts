import type { DomainEvent } from '../shared/decider.js';
import { eventTypesOf } from '../shared/event-types.js';

/**
 * What a message is about. Each user chooses which of these they receive (`NotificationPreferencesSet`),
 * except `law_enforcement_referral` for the director (`MAIL_KINDS_LOCKED`).
 */
export const MAIL_KINDS = [
  'law_enforcement_referral',
  'counsel_referral',
  'deadline_reminder',
  'violation_finding',
  'breach_notice_reminder',
  'daily_digest',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** One line of a daily digest: a case (or incident) by id, what is due and when. Never what it is about. */
export interface DigestLine {
  readonly caseId: string;
  readonly what: 'return_date' | 'objection_date' | 'breach_notice';
  readonly dueAt: string;
}

/**
 * A message the outbox will send. Its id is the cause and the recipient (`mailMessageId`), so the same
 * cause queues one message per recipient however many times, and on however many instances, it is seen.
 * It names the recipient by user id (the address is looked up when sending) and the case by id: no
 * patron, no category, no instrument detail ever enters it.
 */
export interface QueuedMail {
  readonly messageId: string;
  readonly kind: MailKind;
  readonly recipientUserId: string;
  /** What caused it: `event:<id of the case's NotificationQueued>`, `reminder:<case>:<instrument>:<deadline kind>:<days>d`, `finding:<id>`, `digest:<local date>`. */
  readonly cause: string;
  /** The case (or breach incident) the message is about; absent for a digest. */
  readonly caseId?: string;
  /** The deadline a reminder is about. */
  readonly dueAt?: string;
  /** Days before `dueAt` a reminder was sent for (7, 3 or 1). */
  readonly daysBefore?: number;
  readonly digest?: readonly DigestLine[];
}

/** The outbox follows `$all` after this position (null: from the start of an empty ledger): causes recorded before it are history, not news. */
export type MailOutboxOpened = DomainEvent<'MailOutboxOpened', { readonly afterPosition: string | null; readonly openedAt: string }>;
export type MailQueued = DomainEvent<'MailQueued', QueuedMail & { readonly queuedAt: string; /** `$all` position of the `NotificationQueued` it came of. */ readonly causePosition?: string }>;
/** One sender took the message for one attempt; no other may until `leaseUntil` (a sender that died mid-send). */
export type MailClaimed = DomainEvent<'MailClaimed', { readonly messageId: string; readonly attempt: number; readonly claimedBy: string; readonly claimedAt: string; readonly leaseUntil: string }>;
export type MailSent = DomainEvent<'MailSent', { readonly messageId: string; readonly attempt: number; readonly sentAt: string }>;
/** `retryAt` null: the outbox gave up after `MAIL_MAX_ATTEMPTS`. `reason` is the SMTP reply code or error class, never an address. */
export type MailFailed = DomainEvent<'MailFailed', { readonly messageId: string; readonly attempt: number; readonly failedAt: string; readonly reason: string; readonly retryAt: string | null }>;

export type MailOutboxEvent = MailOutboxOpened | MailQueued | MailClaimed | MailSent | MailFailed;
export const MAIL_OUTBOX_EVENT_TYPES = eventTypesOf<MailOutboxEvent>({ MailOutboxOpened: true, MailQueued: true, MailClaimed: true, MailSent: true, MailFailed: true });

/** A user's choice of messages: the kinds they turned off (what is not listed is on). */
export type NotificationPreferencesSet = DomainEvent<'NotificationPreferencesSet', { readonly userId: string; readonly off: readonly MailKind[]; readonly occurredAt: string }>;
export type NotificationPreferencesEvent = NotificationPreferencesSet;
export const NOTIFICATION_PREFERENCES_EVENT_TYPES = eventTypesOf<NotificationPreferencesEvent>({ NotificationPreferencesSet: true });

import { assertNever, type Decider } from '../shared/decider.js';
import { InvalidCommand } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import { MAIL_KINDS, type MailKind, type NotificationPreferencesEvent } from './mail.events.js';

/**
 * Which messages a role can receive at all: the director (and, for a law-enforcement referral, an
 * active designee, who is staff) hears of referrals, deadlines, violations, breaches and the digest;
 * counsel of the cases referred to them. Admins and auditors are told nothing by mail.
 */
export const MAIL_KINDS_BY_ROLE: Readonly<Record<Role, readonly MailKind[]>> = {
  director: ['law_enforcement_referral', 'deadline_reminder', 'violation_finding', 'breach_notice_reminder', 'daily_digest'],
  staff: ['law_enforcement_referral'],
  counsel: ['counsel_referral'],
  auditor: [],
  admin: [],
};

/** What a role cannot turn off: the director is always told at once of a law-enforcement referral. */
export const MAIL_KINDS_LOCKED: Readonly<Record<Role, readonly MailKind[]>> = {
  director: ['law_enforcement_referral'],
  staff: [],
  counsel: [],
  auditor: [],
  admin: [],
};

export interface NotificationPreferences {
  readonly off: readonly MailKind[];
}

export interface NotificationChoice {
  readonly kind: MailKind;
  readonly enabled: boolean;
  /** The user cannot turn it off. */
  readonly locked: boolean;
}

export type SetNotificationPreferences = { readonly type: 'SetNotificationPreferences'; readonly userId: string; readonly role: Role; readonly off: readonly string[]; readonly occurredAt: string };

export const initialNotificationPreferences: NotificationPreferences = { off: [] };

/** Whether a user of this role, with these preferences, receives messages of this kind. */
export function receivesMail(role: Role, preferences: NotificationPreferences, kind: MailKind): boolean {
  if (!MAIL_KINDS_BY_ROLE[role].includes(kind)) return false;
  return MAIL_KINDS_LOCKED[role].includes(kind) || !preferences.off.includes(kind);
}

/** The choices a settings page shows a user: every kind their role can receive, on or off, locked or not. */
export function notificationChoices(role: Role, preferences: NotificationPreferences): readonly NotificationChoice[] {
  return MAIL_KINDS_BY_ROLE[role].map((kind) => ({ kind, enabled: receivesMail(role, preferences, kind), locked: MAIL_KINDS_LOCKED[role].includes(kind) }));
}

export const notificationPreferencesDecider: Decider<SetNotificationPreferences, NotificationPreferences, NotificationPreferencesEvent> = {
  initialState: initialNotificationPreferences,
  evolve(state, event) {
    switch (event.type) {
      case 'NotificationPreferencesSet':
        return { off: event.data.off };
      default:
        return assertNever(event.type, 'notification preferences event');
    }
  },
  decide(command, state) {
    const unknown = command.off.filter((kind) => !(MAIL_KINDS as readonly string[]).includes(kind));
    if (unknown.length > 0) throw new InvalidCommand(`Unknown kinds of message: ${unknown.join(', ')}`, 'off');
    const locked = command.off.filter((kind) => MAIL_KINDS_LOCKED[command.role].includes(kind as MailKind));
    if (locked.length > 0) throw new InvalidCommand(`A ${command.role} cannot turn off ${locked.join(', ')}: the director is always told at once of a law-enforcement referral`, 'off');
    const off = MAIL_KINDS.filter((kind) => command.off.includes(kind));
    if (off.length === state.off.length && off.every((kind) => state.off.includes(kind))) return [];
    return [{ type: 'NotificationPreferencesSet', data: { userId: command.userId, off, occurredAt: command.occurredAt } }];
  },
};

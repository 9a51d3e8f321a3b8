/** Every stream name the ledger writes, in one place. */

/** One disclosure case or wellness check. */
export function caseStream(caseId: string): string {
  return `case-${caseId}`;
}

/** The patron's own stream: named by blind index, never by the clear reference. */
export function patronStream(blindIndex: string): string {
  return `patron-${blindIndex}`;
}

/** One user: registration, tokens. */
export function userStream(userId: string): string {
  return `user-${userId}`;
}

/** One stream per UTC day keeps access streams short and lets an auditor read a day as a unit. */
export function accessStream(occurredAt: string): string {
  return `access-${occurredAt.slice(0, 10).replace(/-/g, '')}`;
}

/** The director's designees: who held the director's law-enforcement powers, and when. */
export const ROSTER_STREAM = 'roster-main';

/** One client `Idempotency-Key`, named by a keyed hash of the key and the principal (never the key itself). */
export function idempotencyStream(keyHash: string): string {
  return `idempotency-${keyHash}`;
}

/** Every revocation of an admin's tokens is decided here first: one stream, so two at once cannot both pass LAST-ADMIN. */
export const ADMIN_GUARD_STREAM = 'admins-main';

/** The ledger's own settings that change what its events mean: the jurisdiction it is kept under (`JurisdictionAdopted`). */
export const JURISDICTION_SETTINGS_STREAM = 'settings-jurisdiction';

/** The library's public transparency reports: drafts, approvals, corrections (one stream, so a correction is decided against every report). */
export const TRANSPARENCY_STREAM = 'transparency-main';

/** The mail outbox: every message queued, claimed, sent or failed (`MailQueued` …), one stream so a claim is decided against all. */
export const MAIL_OUTBOX_STREAM = 'outbox-mail';

/** One user's choice of the messages they receive (`NotificationPreferencesSet`). */
export function notificationPreferencesStream(userId: string): string {
  return `notifications-${userId}`;
}

import { calendarDateIn } from '../support/local-days.js';
import type { DigestLine, MailKind, QueuedMail } from './mail.events.js';

/** Reminders go this many library-calendar days before a deadline. */
export const REMINDER_DAYS = [7, 3, 1] as const;
export type ReminderMark = (typeof REMINDER_DAYS)[number];


/** Whole calendar days, on the library's calendar, from the day of `now` to the day of `dueAt` (negative once passed). */
export function libraryDaysUntil(now: string, dueAt: string, timeZone: string): number {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  return Math.round(day(calendarDateIn(dueAt, timeZone)) - day(calendarDateIn(now, timeZone)));
}

/**
 * The reminder a deadline is due for today: the nearest of 7, 3 and 1 days that is not before today,
 * while the deadline's day is still ahead; null when it is more than seven days away or its day has
 * come. A server that was down at a mark sends the next one that applies (two days before: the
 * three-day reminder), never a reminder for a day already past, and each mark once (`reminderCause`).
 */
export function reminderMarkDue(now: string, dueAt: string, timeZone: string): ReminderMark | null {
  const days = libraryDaysUntil(now, dueAt, timeZone);
  if (days < 1) return null;
  return [...REMINDER_DAYS].reverse().find((mark) => days <= mark) ?? null;
}

/** A deadline the reminders are about: an instrument's, or a breach incident's notice deadline. */
export interface DeadlineDue {
  readonly caseId: string;
  /** The instrument (or, for a breach, the incident's finding) the deadline belongs to. */
  readonly sourceId: string;
  readonly what: DigestLine['what'];
  readonly dueAt: string;
}

export function reminderCause(deadline: DeadlineDue, mark: ReminderMark): string {
  return `reminder:${deadline.caseId}:${deadline.sourceId}:${deadline.what}:${mark}d`;
}

/** The reminders due now, one per deadline and mark, for one recipient. */
export function remindersDue(deadlines: readonly DeadlineDue[], now: string, timeZone: string): readonly Omit<QueuedMail, 'messageId' | 'recipientUserId'>[] {
  return deadlines.flatMap((deadline) => {
    const mark = reminderMarkDue(now, deadline.dueAt, timeZone);
    if (mark === null) return [];
    const kind: MailKind = deadline.what === 'breach_notice' ? 'breach_notice_reminder' : 'deadline_reminder';
    return [{ kind, cause: reminderCause(deadline, mark), caseId: deadline.caseId, dueAt: deadline.dueAt, daysBefore: mark }];
  });
}

/** The digest goes out from this hour of the library's morning, not at midnight. */
export const DIGEST_HOUR = 7;

/** The library's hour of the day (0–23) at an instant. */
export function libraryHourOf(instant: string, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(instant)));
}

/** The digest of one library day: every deadline of the coming week, soonest first; null before `DIGEST_HOUR` on that day. */
export function dailyDigest(deadlines: readonly DeadlineDue[], now: string, timeZone: string): Omit<QueuedMail, 'messageId' | 'recipientUserId'> | null {
  if (libraryHourOf(now, timeZone) < DIGEST_HOUR) return null;
  const lines = deadlines
    .filter((deadline) => { const days = libraryDaysUntil(now, deadline.dueAt, timeZone); return days >= 0 && days <= 7; })
    .map(({ caseId, what, dueAt }) => ({ caseId, what, dueAt }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId));
  return { kind: 'daily_digest', cause: `digest:${calendarDateIn(now, timeZone)}`, digest: lines };
}

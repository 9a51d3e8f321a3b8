import type { DigestLine, QueuedMail } from './mail.events.js';

/** What the outbox hands the mail server: a subject and a plain-text body. */
export interface MailContent {
  readonly subject: string;
  readonly text: string;
}

export interface MailWording {
  /** `LEDGER_PUBLIC_URL`, no trailing slash. */
  readonly publicUrl: string;
  /** The library's time zone, for the dates in the text. */
  readonly timeZone: string;
}

/** A case's short id in mail: the first eight characters of its id (the link carries the whole). */
export function shortCaseId(caseId: string): string {
  return caseId.slice(0, 8);
}

const DUE_WHAT: Readonly<Record<DigestLine['what'], string>> = {
  return_date: 'return date',
  objection_date: 'last day to object',
  breach_notice: 'breach notice deadline',
};

/**
 * The words of a message, made from the queued message alone: a kind, a case id, a date, a link. A
 * queued message holds nothing else (see `QueuedMail`), so no patron reference or name, no category
 * and no instrument detail can reach a mail server, sealed case or not.
 */
export function mailContent(message: QueuedMail, wording: MailWording): MailContent {
  // A breach incident has no page of its own: the director's board lists its deadline.
  const link = (caseId: string) => (message.kind === 'breach_notice_reminder' ? `${wording.publicUrl}/board` : `${wording.publicUrl}/cases/${caseId}`);
  const when = (instant: string) => new Intl.DateTimeFormat('en-US', { timeZone: wording.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(instant));
  const caseRef = message.caseId === undefined ? '' : `case ${shortCaseId(message.caseId)}`;
  const footer = '\n\nThis message names no patron. Sign in to read the case.\nYou chose which messages you receive at ' + `${wording.publicUrl}/account/notifications.`;
  switch (message.kind) {
    case 'law_enforcement_referral':
      return { subject: `Law-enforcement request referred to you: ${caseRef}`, text: `A law-enforcement request was referred to the director: ${caseRef}.\n${link(message.caseId!)}${footer}` };
    case 'counsel_referral':
      return { subject: `Case referred to you for advice: ${caseRef}`, text: `A case was referred to you for advice: ${caseRef}.\n${link(message.caseId!)}${footer}` };
    case 'deadline_reminder':
    case 'breach_notice_reminder': {
      const what = message.kind === 'breach_notice_reminder' ? 'A breach notice deadline' : 'A legal instrument\'s deadline';
      const subject = message.kind === 'breach_notice_reminder' ? `Breach notice due in ${message.daysBefore} day(s): incident ${shortCaseId(message.caseId!)}` : `Deadline in ${message.daysBefore} day(s): ${caseRef}`;
      return { subject, text: `${what} falls on ${when(message.dueAt!)} (${message.daysBefore} day(s) from today): ${message.kind === 'breach_notice_reminder' ? `incident ${shortCaseId(message.caseId!)}` : caseRef}.\n${link(message.caseId!)}${footer}` };
    }
    case 'violation_finding':
      return { subject: `Policy violation found: ${caseRef}`, text: `The ledger found a policy violation on ${caseRef}.\n${link(message.caseId!)}${footer}` };
    case 'daily_digest': {
      const lines = (message.digest ?? []).map((line) => `- ${line.what === 'breach_notice' ? 'incident' : 'case'} ${shortCaseId(line.caseId)}: ${DUE_WHAT[line.what]} ${when(line.dueAt)}\n  ${wording.publicUrl}/${line.what === 'breach_notice' ? 'board' : `cases/${line.caseId}`}`);
      return { subject: `Due this week: ${lines.length} deadline(s)`, text: `${lines.length === 0 ? 'Nothing falls due in the coming seven days.' : `Due in the coming seven days:\n${lines.join('\n')}`}${footer}` };
    }
  }
}

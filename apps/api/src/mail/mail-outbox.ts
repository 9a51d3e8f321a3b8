import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type CaseState,
  type CaseViewer,
  type DeadlineDue,
  type MailOutboxCommand,
  type NotificationQueued,
  type NotificationPreferences,
  type OutboxMessage,
  type QueuedMail,
  type Role,
  caseDecider,
  caseStream,
  dailyDigest,
  isActiveDesignee,
  isDueForSending,
  MAIL_OUTBOX_STREAM,
  MailNotDue,
  mailContent,
  mailMessageId,
  mailOutboxDecider,
  notificationPreferencesDecider,
  notificationPreferencesStream,
  outboxMessages,
  receivesMail,
  remindersDue,
  ROSTER_STREAM,
  rosterDecider,
  whatMayBeShown,
} from '@ledger/domain';
import { type CommandPipeline, decodeRecorded, type EventStore, NothingToRecordError, WriteConflictError } from '@ledger/ledger';
import type { Clock, StreamCommandRunner } from '@ledger/runtime';
import { failureReason, type MailTransport, rfc5322MessageId } from './mail-transport.js';

const OUTBOX_ACTOR = { userId: 'system', role: 'admin' } as const;
const CAUSE_PAGE = 500;

/** Everything the outbox reads and writes through; two outboxes over the same store are two instances of the API. */
export interface MailOutboxParts {
  readonly pipeline: CommandPipeline;
  /** Every outbox command is the ledger acting on its own (`runAsSystem`). */
  readonly runner: StreamCommandRunner;
  readonly store: EventStore;
  readonly views: { readonly db: Database.Database };
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly timeZone: string;
  /** Absent without `LEDGER_SMTP_URL`: messages are queued and stay queued. */
  readonly transport?: MailTransport;
  /** Names this sender in its claims (one per API process). */
  readonly senderId?: string;
}

interface Recipient {
  readonly userId: string;
  readonly role: Role;
  readonly email: string | null;
  readonly isActiveDesignee: boolean;
}

export interface OutboxRun {
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
}

/**
 * The mail outbox, kept in the ledger (`outbox-mail`). Each run queues what has become due and sends
 * what is queued; any number of API instances may run it at once:
 * - **Queueing** appends `MailQueued` with the revision it read, one message per cause and recipient
 *   (`mailMessageId`): a cause seen twice, here or on another instance, records nothing the second time.
 *   A referral's `NotificationQueued`, appended with the referral by the case decider, is followed in
 *   `$all` from the last one turned into messages; causes of time (reminders, the digest) and violations
 *   found are read from the views, and this append of `MailQueued` is their queueing.
 * - **Sending** claims a message by appending `MailClaimed` with the revision it read: of two senders
 *   one wins, the other's decision is taken again on the new state and refused (`MailNotDue`). Then it
 *   sends, and records `MailSent` or `MailFailed` (retried with backoff, `mailRetryDelayMs`). A sender
 *   that dies between the send and the record leaves a claim whose lease runs out: that one message may
 *   then be sent twice, the one case SMTP cannot rule out; both copies carry one Message-ID, and the
 *   auditor sees it (docs/mail.md).
 */
export class MailOutbox {
  private readonly senderId: string;
  /** `$all` position of the last event this process looked at for causes (the ledger keeps the last cause queued). */
  private causeCursor: bigint | null = null;

  constructor(private readonly parts: MailOutboxParts) {
    this.senderId = parts.senderId ?? randomUUID();
  }

  async run(): Promise<OutboxRun> {
    const queued = await this.queueDue();
    const { sent, failed } = this.parts.transport ? await this.sendDue() : { sent: 0, failed: 0 };
    return { queued, sent, failed };
  }

  /** Queues every message whose cause has come and is not queued yet; answers how many it queued. */
  async queueDue(): Promise<number> {
    const now = this.now();
    let { state } = await this.parts.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider);
    if (!state.opened) {
      // A new outbox announces what happens from now on, not every referral in the ledger's history.
      const head = await this.parts.store.headPosition();
      state = (await this.decide({ type: 'OpenMailOutbox', afterPosition: head === null ? null : head.toString(), at: now }))?.state ?? (await this.parts.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider)).state;
    }
    const followed = state.followedTo === undefined ? null : BigInt(state.followedTo);
    const after = this.causeCursor !== null && (followed === null || this.causeCursor > followed) ? this.causeCursor : followed;
    const recipients = await this.recipients();
    let queued = await this.queueEventCauses(after, recipients);
    queued += await this.queueTimeCauses(recipients, now, state.openedAt ?? now);
    return queued;
  }

  /**
   * Turns each `NotificationQueued` after `after` (recorded by the case decider in the same append as
   * the referral that calls for it) into one `MailQueued` per recipient it names. Positions are the
   * store's own (EventStoreDB's are not consecutive), so reading resumes *at* the last position seen,
   * which is skipped.
   */
  private async queueEventCauses(after: bigint | null, recipients: readonly Recipient[]): Promise<number> {
    let queued = 0;
    let last = after;
    for (;;) {
      const page = await this.parts.store.readAll({ fromPosition: last ?? 'start', maxCount: CAUSE_PAGE });
      for (const event of page) {
        if (last !== null && event.position <= last) continue;
        last = event.position;
        if (event.type !== 'NotificationQueued' || !event.stream.startsWith('case-')) continue;
        const { data } = decodeRecorded<NotificationQueued>(event).event;
        const { state } = await this.parts.pipeline.load(caseStream(data.caseId), caseDecider);
        if (!state.exists) continue;
        const audience = data.audience === 'counsel' ? recipients.filter((user) => user.userId === data.counselUserId) : recipients.filter((user) => user.role === 'director' || user.isActiveDesignee);
        const messages = this.addressed({ kind: data.kind, cause: `event:${event.id}`, caseId: data.caseId }, audience, state);
        queued += await this.queue(await this.preferred(messages, recipients), event.position.toString());
      }
      if (page.length < CAUSE_PAGE) break;
    }
    this.causeCursor = last;
    return queued;
  }

  private async queueTimeCauses(recipients: readonly Recipient[], now: string, openedAt: string): Promise<number> {
    const directors = recipients.filter((user) => user.role === 'director');
    if (directors.length === 0) return 0;
    const deadlines = this.deadlinesAhead(now);
    const findings = this.violationsSince(openedAt);
    const messages: QueuedMail[] = [];
    for (const director of directors) {
      for (const reminder of remindersDue(deadlines, now, this.parts.timeZone)) messages.push(this.to(director, reminder));
      for (const finding of findings) messages.push(this.to(director, { kind: 'violation_finding', cause: `finding:${finding.findingId}`, caseId: finding.caseId }));
      const digest = dailyDigest(deadlines, now, this.parts.timeZone);
      if (digest !== null && (digest.digest ?? []).length > 0) messages.push(this.to(director, digest));
    }
    return this.queue(await this.preferred(messages, recipients));
  }

  /** Sends every queued message that is due; answers how many were sent and how many failed. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    const transport = this.parts.transport;
    if (!transport) return { sent: 0, failed: 0 };
    const { state } = await this.parts.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider);
    const now = this.now();
    let sent = 0;
    let failed = 0;
    for (const message of outboxMessages(state).filter((each) => isDueForSending(each, now))) {
      const claimed = await this.claim(message);
      if (claimed === null) continue;
      const attempt = claimed;
      const address = this.addressOf(message.recipientUserId);
      try {
        if (address === null) throw Object.assign(new Error('The recipient has no address or is no longer active'), { code: 'NO_ADDRESS' });
        await transport.send({ to: address, ...mailContent(message, this.parts), messageId: message.messageId, rfc5322MessageId: rfc5322MessageId(message.messageId, this.parts.publicUrl) });
      } catch (error) {
        failed += 1;
        await this.decide({ type: 'RecordMailFailed', messageId: message.messageId, attempt, reason: failureReason(error), at: this.now() });
        continue;
      }
      sent += 1;
      await this.decide({ type: 'RecordMailSent', messageId: message.messageId, attempt, at: this.now() });
    }
    return { sent, failed };
  }

  /** The attempt this sender now holds, or null when another sender holds it or it was sent meanwhile. */
  private async claim(message: OutboxMessage): Promise<number | null> {
    try {
      const result = await this.decide({ type: 'ClaimMail', messageId: message.messageId, claimedBy: this.senderId, at: this.now() });
      return result?.state.messages.get(message.messageId)?.attempts ?? null;
    } catch (error) {
      if (error instanceof MailNotDue || error instanceof WriteConflictError) return null;
      throw error;
    }
  }

  private async queue(messages: readonly QueuedMail[], causePosition?: string): Promise<number> {
    if (messages.length === 0) return 0;
    const result = await this.decide({ type: 'QueueMail', messages, at: this.now(), ...(causePosition !== undefined && { causePosition }) });
    return result?.events.length ?? 0;
  }

  private async decide(command: MailOutboxCommand) {
    try {
      return await this.parts.runner.runAsSystem({ stream: MAIL_OUTBOX_STREAM, decider: mailOutboxDecider, system: OUTBOX_ACTOR, command: () => command });
    } catch (error) {
      // Already queued, already sent: what this run would record is recorded.
      if (error instanceof NothingToRecordError) return null;
      throw error;
    }
  }

  /** One message per recipient told of a case, for those need-to-know allows to hear of it (a sealed case: those it names). */
  private addressed(message: Omit<QueuedMail, 'messageId' | 'recipientUserId'>, recipients: readonly Recipient[], state: CaseState & { exists: true }): QueuedMail[] {
    const facts = { sealed: state.sealed, needToKnow: state.needToKnow, counselUserId: state.counselUserId ?? null };
    return recipients
      .filter((recipient) => whatMayBeShown(viewerOf(recipient), facts) === 'full')
      .map((recipient) => this.to(recipient, message));
  }

  private to(recipient: Pick<Recipient, 'userId'>, message: Omit<QueuedMail, 'messageId' | 'recipientUserId'>): QueuedMail {
    return { ...message, messageId: mailMessageId(message.cause, recipient.userId), recipientUserId: recipient.userId };
  }

  /** Only what each recipient chose to receive (a director always hears of a law-enforcement referral). */
  private async preferred(messages: readonly QueuedMail[], recipients: readonly Recipient[]): Promise<QueuedMail[]> {
    const preferences = new Map<string, NotificationPreferences>();
    const chosen: QueuedMail[] = [];
    for (const message of messages) {
      const recipient = recipients.find((user) => user.userId === message.recipientUserId);
      if (!recipient) continue;
      let mine = preferences.get(recipient.userId);
      if (!mine) {
        mine = (await this.parts.pipeline.load(notificationPreferencesStream(recipient.userId), notificationPreferencesDecider)).state;
        preferences.set(recipient.userId, mine);
      }
      const role: Role = recipient.isActiveDesignee && message.kind === 'law_enforcement_referral' ? 'staff' : recipient.role;
      if (receivesMail(role, mine, message.kind)) chosen.push(message);
    }
    return chosen;
  }

  /** Active users who may be told anything: directors, counsel, and staff who are designees now. */
  private async recipients(): Promise<Recipient[]> {
    const now = this.now();
    const { state: roster } = await this.parts.pipeline.load(ROSTER_STREAM, rosterDecider);
    const rows = this.parts.views.db
      .prepare(`SELECT user_id, role, email FROM identity_users WHERE active = 1 AND role IN ('director', 'counsel', 'staff') ORDER BY user_id`)
      .all() as { user_id: string; role: Role; email: string | null }[];
    return rows
      .map((row) => ({ userId: row.user_id, role: row.role, email: row.email, isActiveDesignee: row.role === 'staff' && isActiveDesignee(roster, row.user_id, now) }))
      .filter((user) => user.role !== 'staff' || user.isActiveDesignee);
  }

  private addressOf(userId: string): string | null {
    const row = this.parts.views.db.prepare('SELECT email FROM identity_users WHERE user_id = ? AND active = 1').get(userId) as { email: string | null } | undefined;
    return row?.email ?? null;
  }

  /** Open instruments' deadlines and breach notice deadlines of the coming week. */
  private deadlinesAhead(now: string): DeadlineDue[] {
    const until = new Date(Date.parse(now) + 9 * 86_400_000).toISOString();
    const db = this.parts.views.db;
    const instruments = db
      .prepare(`SELECT case_id, instrument_id, kind, due_at FROM deadlines WHERE case_open = 1 AND objection_filed_at IS NULL AND due_at > ? AND due_at <= ? ORDER BY due_at, case_id`)
      .all(now, until) as { case_id: string; instrument_id: string; kind: 'return_date' | 'objection_date'; due_at: string }[];
    const breaches = db
      .prepare(`SELECT case_id, MIN(due_at) AS due_at FROM finding_due WHERE rule = 'BREACH-NOTICE-LATE' AND due_at > ? AND due_at <= ? GROUP BY case_id ORDER BY due_at`)
      .all(now, until) as { case_id: string; due_at: string }[];
    return [
      ...instruments.map((row) => ({ caseId: row.case_id, sourceId: row.instrument_id, what: row.kind, dueAt: row.due_at })),
      ...breaches.map((row) => ({ caseId: row.case_id, sourceId: 'breach', what: 'breach_notice' as const, dueAt: row.due_at })),
    ];
  }

  private violationsSince(since: string): { findingId: string; caseId: string }[] {
    return (this.parts.views.db.prepare(`SELECT finding_id, case_id FROM findings WHERE severity = 'violation' AND detected_at >= ? ORDER BY detected_at, finding_id`).all(since) as { finding_id: string; case_id: string }[])
      .map((row) => ({ findingId: row.finding_id, caseId: row.case_id }));
  }

  private now(): string {
    return this.parts.clock.now().toISOString();
  }
}

function viewerOf(recipient: Recipient): CaseViewer {
  return { userId: recipient.userId, role: recipient.role, isActiveDesignee: recipient.isActiveDesignee };
}

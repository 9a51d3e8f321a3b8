import { assertNever, type Decider } from '../shared/decider.js';
import type { MailOutboxEvent, QueuedMail } from './mail.events.js';

/** A message is tried this many times, then left as failed for good (the auditor sees it). */
export const MAIL_MAX_ATTEMPTS = 8;
/** How long a claim keeps other senders off one message: longer than any SMTP exchange (nodemailer's own timeouts are 2 min). */
export const MAIL_CLAIM_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'abandoned';

export interface OutboxMessage extends QueuedMail {
  readonly queuedAt: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly leaseUntil?: string;
  /** When a failed message may be tried again. */
  readonly retryAt?: string;
  readonly sentAt?: string;
  readonly lastFailure?: { readonly at: string; readonly reason: string };
  /**
   * Attempts whose sender never recorded how they ended (its claim ran out) before another sender took
   * the message: such a sender may have died after the server accepted it, so the message may have
   * gone out twice (with the same Message-ID).
   */
  readonly expiredClaims?: number;
}

export interface MailOutboxState {
  readonly opened: boolean;
  /** When the outbox opened: findings made before it are not news. */
  readonly openedAt?: string;
  /** The latest `$all` position of a cause already dealt with (queued, or before the outbox opened): reading resumes after it. */
  readonly followedTo?: string;
  readonly messages: ReadonlyMap<string, OutboxMessage>;
}

export type MailOutboxCommand =
  | { readonly type: 'OpenMailOutbox'; readonly afterPosition: string | null; readonly at: string }
  | { readonly type: 'QueueMail'; readonly messages: readonly QueuedMail[]; readonly at: string; readonly causePosition?: string }
  | { readonly type: 'ClaimMail'; readonly messageId: string; readonly claimedBy: string; readonly at: string }
  | { readonly type: 'RecordMailSent'; readonly messageId: string; readonly attempt: number; readonly at: string }
  | { readonly type: 'RecordMailFailed'; readonly messageId: string; readonly attempt: number; readonly reason: string; readonly at: string };

/** The deterministic id of a message: its cause and its recipient. */
export function mailMessageId(cause: string, recipientUserId: string): string {
  return `${cause}|${recipientUserId}`;
}

/** Exponential backoff: 1, 2, 4 … minutes after the n-th failure, at most six hours. */
export function mailRetryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_RETRY_MS);
}

/** Whether a sender may take the message now: queued, or failed and its retry time come, and nobody holding it. */
export function isDueForSending(message: OutboxMessage, now: string): boolean {
  if (message.status === 'queued') return true;
  if (message.status === 'failed') return message.retryAt !== undefined && message.retryAt <= now;
  if (message.status === 'sending') return message.leaseUntil !== undefined && message.leaseUntil <= now;
  return false;
}

/** A claim on a message another sender holds, or one already sent: that sender skips it (never an HTTP answer). */
export class MailNotDue extends Error {
  override readonly name = 'MailNotDue';
}

export const initialMailOutboxState: MailOutboxState = { opened: false, messages: new Map() };

function withMessage(state: MailOutboxState, message: OutboxMessage): MailOutboxState {
  const messages = new Map(state.messages);
  messages.set(message.messageId, message);
  return { ...state, messages };
}

export function evolveMailOutbox(state: MailOutboxState, event: MailOutboxEvent): MailOutboxState {
  switch (event.type) {
    case 'MailOutboxOpened':
      return { ...state, opened: true, openedAt: event.data.openedAt, ...(event.data.afterPosition !== null && { followedTo: event.data.afterPosition }) };
    case 'MailQueued': {
      const { queuedAt, causePosition, ...queued } = event.data;
      const followed = causePosition !== undefined && (state.followedTo === undefined || BigInt(causePosition) > BigInt(state.followedTo)) ? { followedTo: causePosition } : {};
      return { ...withMessage(state, { ...queued, queuedAt, status: 'queued', attempts: 0 }), ...followed };
    }
    case 'MailClaimed': {
      const message = state.messages.get(event.data.messageId);
      if (!message) return state;
      const expiredClaims = message.status === 'sending' ? { expiredClaims: (message.expiredClaims ?? 0) + 1 } : {};
      return withMessage(state, { ...message, ...expiredClaims, status: 'sending', attempts: event.data.attempt, leaseUntil: event.data.leaseUntil });
    }
    case 'MailSent': {
      const message = state.messages.get(event.data.messageId);
      return message ? withMessage(state, { ...message, status: 'sent', sentAt: event.data.sentAt, leaseUntil: undefined }) : state;
    }
    case 'MailFailed': {
      const message = state.messages.get(event.data.messageId);
      if (!message) return state;
      const { retryAt, failedAt, reason } = event.data;
      return withMessage(state, {
        ...message,
        status: retryAt === null ? 'abandoned' : 'failed',
        leaseUntil: undefined,
        ...(retryAt !== null && { retryAt }),
        lastFailure: { at: failedAt, reason },
      });
    }
    default:
      return assertNever(event, 'mail outbox event');
  }
}

/**
 * The outbox's decisions. Queueing records only messages not queued before (the same cause seen again,
 * on this instance or another, records nothing); a claim is refused while another sender holds the
 * message or once it is sent — so, appended with the revision it read, one claim wins per attempt.
 */
export function decideMailOutbox(command: MailOutboxCommand, state: MailOutboxState): readonly MailOutboxEvent[] {
  switch (command.type) {
    case 'OpenMailOutbox':
      return state.opened ? [] : [{ type: 'MailOutboxOpened', data: { afterPosition: command.afterPosition, openedAt: command.at } }];
    case 'QueueMail': {
      const seen = new Set<string>();
      const fresh = command.messages.filter((message) => !state.messages.has(message.messageId) && !seen.has(message.messageId) && seen.add(message.messageId));
      return fresh.map((message) => ({
        type: 'MailQueued',
        data: { ...message, queuedAt: command.at, ...(command.causePosition !== undefined && { causePosition: command.causePosition }) },
      }));
    }
    case 'ClaimMail': {
      const message = state.messages.get(command.messageId);
      if (!message) throw new MailNotDue('No such message in the outbox');
      if (!isDueForSending(message, command.at)) throw new MailNotDue(`The message is ${message.status}, not due for sending`);
      const leaseUntil = new Date(Date.parse(command.at) + MAIL_CLAIM_LEASE_MS).toISOString();
      return [{ type: 'MailClaimed', data: { messageId: command.messageId, attempt: message.attempts + 1, claimedBy: command.claimedBy, claimedAt: command.at, leaseUntil } }];
    }
    case 'RecordMailSent': {
      const message = state.messages.get(command.messageId);
      if (!message || message.status === 'sent') return [];
      return [{ type: 'MailSent', data: { messageId: command.messageId, attempt: command.attempt, sentAt: command.at } }];
    }
    case 'RecordMailFailed': {
      const message = state.messages.get(command.messageId);
      if (!message || message.status === 'sent') return [];
      const retryAt = command.attempt >= MAIL_MAX_ATTEMPTS ? null : new Date(Date.parse(command.at) + mailRetryDelayMs(command.attempt)).toISOString();
      return [{ type: 'MailFailed', data: { messageId: command.messageId, attempt: command.attempt, failedAt: command.at, reason: command.reason, retryAt } }];
    }
    default:
      return assertNever(command, 'mail outbox command');
  }
}

export const mailOutboxDecider: Decider<MailOutboxCommand, MailOutboxState, MailOutboxEvent> = {
  initialState: initialMailOutboxState,
  evolve: evolveMailOutbox,
  decide: decideMailOutbox,
};

/** Messages in queueing order (a Map keeps insertion order). */
export function outboxMessages(state: MailOutboxState): readonly OutboxMessage[] {
  return [...state.messages.values()];
}


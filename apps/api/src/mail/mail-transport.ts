import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSettings } from '@ledger/ledger';

/** One message to the mail server: the address and the words. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The outbox's message id, as a header: a relay or a reader can match a message to the auditor's list. */
  readonly messageId: string;
  /** The RFC 5322 `Message-ID`, the same at every attempt (`rfc5322MessageId`). */
  readonly rfc5322MessageId: string;
}

/**
 * A message's RFC 5322 `Message-ID`, made from the outbox's message id and the ledger's host
 * (`LEDGER_PUBLIC_URL`): every attempt of one message carries the same one, so a mail store that drops
 * a repeated Message-ID drops the copy a sender that died mid-send leaves to be sent again. The id is
 * hashed because it holds characters a Message-ID may not (`|`, `:`).
 */
export function rfc5322MessageId(messageId: string, publicUrl: string): string {
  return `<${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}.ledger@${new URL(publicUrl).hostname}>`;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * nodemailer over the library's SMTP server. `smtp://` must upgrade with STARTTLS (`requireTLS`: a
 * server that does not offer it is a failure, never a plain-text send); `smtps://` is TLS from the
 * start. AUTH comes from the URL's user and password.
 */
export function smtpTransport(settings: MailSettings): MailTransport {
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transporter: Transporter = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: !secure,
    ...(url.username !== '' && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    tls: { servername: url.hostname, ...(settings.ca !== undefined && { ca: settings.ca }) },
    // One connection at a time: the outbox sends a handful of messages a day.
    pool: false,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.rfc5322MessageId,
        headers: { 'X-Ledger-Message': mail.messageId },
      });
    },
    close: () => transporter.close(),
  };
}

/** What the ledger records of a failed send: the SMTP reply code or the error's class, never the server's words (they may echo an address). */
export function failureReason(error: unknown): string {
  const smtp = error as { responseCode?: unknown; code?: unknown };
  if (typeof smtp.responseCode === 'number') return `smtp-${smtp.responseCode}`;
  if (typeof smtp.code === 'string' && /^[A-Z_]{2,32}$/.test(smtp.code)) return smtp.code;
  return 'error';
}

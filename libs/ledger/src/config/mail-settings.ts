import { readFileSync } from 'node:fs';
import { ConfigurationError } from './ledger-config.js';

/** Outgoing mail through the library's SMTP server (`LEDGER_SMTP_URL`, `LEDGER_MAIL_FROM`); absent: nothing is sent, messages stay queued. */
export interface MailSettings {
  /** `smtp://[user:password@]host[:port]` (STARTTLS required) or `smtps://…` (TLS from the start). Never logged: it may carry the password. */
  readonly smtpUrl: string;
  /** The sender address (`LEDGER_MAIL_FROM`), e.g. `Disclosure Ledger <ledger@library.example>`. */
  readonly from: string;
  /** PEM of the CA the relay's certificate chains to, when it is a private one (`LEDGER_SMTP_CA_FILE`). */
  readonly ca?: string;
}

const ADDRESS = /^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/** The URL is read here once, so that a mistake stops the server at start with a message that never repeats a password. */
export function loadMailSettings(env: NodeJS.ProcessEnv): MailSettings | undefined {
  const raw = env.LEDGER_SMTP_URL || undefined;
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError('LEDGER_SMTP_URL must be an smtp:// or smtps:// URL such as smtp://relay.library.example:587');
  }
  if (!/^smtps?:$/.test(url.protocol) || url.hostname === '' || url.hash || (url.pathname !== '' && url.pathname !== '/')) {
    throw new ConfigurationError(`LEDGER_SMTP_URL must be an smtp:// or smtps:// URL with a host and nothing after it, such as smtp://relay.library.example:587 (given: ${url.protocol}//${url.host})`);
  }
  if (url.username !== '' && url.password === '') throw new ConfigurationError('LEDGER_SMTP_URL names a user but no password (smtp://user:password@host:587)');
  const from = env.LEDGER_MAIL_FROM?.trim();
  if (!from || !ADDRESS.test(from)) {
    throw new ConfigurationError(`LEDGER_MAIL_FROM must be the sender's address (e.g. "Disclosure Ledger <ledger@library.example>") when LEDGER_SMTP_URL is set${from ? `, not "${from}"` : ''}`);
  }
  let ca: string | undefined;
  if (env.LEDGER_SMTP_CA_FILE) {
    try {
      ca = readFileSync(env.LEDGER_SMTP_CA_FILE, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`LEDGER_SMTP_CA_FILE cannot be read: ${(error as Error).message}`);
    }
  }
  return { smtpUrl: raw, from, ...(ca !== undefined && { ca }) };
}

/** How often the outbox queues what is due and sends what is queued (`LEDGER_MAIL_INTERVAL_SECONDS`, default 60), with a mail server or without. */
export function mailIntervalSeconds(env: NodeJS.ProcessEnv): number {
  const interval = env.LEDGER_MAIL_INTERVAL_SECONDS;
  const seconds = interval === undefined || interval === '' ? 60 : Number(interval);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new ConfigurationError(`LEDGER_MAIL_INTERVAL_SECONDS must be a whole number from 1 to 86400, not "${interval}"`);
  }
  return seconds;
}

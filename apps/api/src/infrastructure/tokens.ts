/** Injection tokens for the ports and services the application layer depends on. */
/** The open ledger (`openLedger` in `@ledger/runtime`): every part below is one of its parts. */
export const LEDGER = Symbol('LEDGER');
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
/** The HTTP server's own settings (`HttpConfig`). */
export const HTTP_CONFIG = Symbol('HTTP_CONFIG');
export const LEDGER_WRITER = Symbol('LEDGER_WRITER');
export const COMMAND_PIPELINE = Symbol('COMMAND_PIPELINE');
export const PROTECTED_FIELDS = Symbol('PROTECTED_FIELDS');
/** The encrypted bytes of documents attached to cases (`AttachmentStore`). */
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
/** The API's read models (`LiveViews`), applied on a worker thread or on this one. */
export const LIVE_VIEWS = Symbol('LIVE_VIEWS');
export const IDENTITY_DIRECTORY = Symbol('IDENTITY_DIRECTORY');
export const CLOCK = Symbol('CLOCK');
/** `Idempotency-Key` on commands (`IdempotencyKeys`), kept in the event store. */
export const IDEMPOTENCY_KEYS = Symbol('IDEMPOTENCY_KEYS');

export { type Clock, systemClock } from '@ledger/runtime';

/** usernames, password hashes and enrollment-link secrets (`credentials.db`), apart from the event log. */
export const CREDENTIALS_STORE = Symbol('CREDENTIALS_STORE');

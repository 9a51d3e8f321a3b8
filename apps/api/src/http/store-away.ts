import { EventStoreUnavailableError } from '@ledger/ledger';
import { classifyFailure } from '@ledger/ledger/eventstoredb';

/** Seconds a client waits before retrying while the store is away (an election takes a few). */
export const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * The event store cannot answer just now: closed, unreachable, no leader elected, not ready, a
 * deadline or commit timeout (the adapter's EventStoreUnavailableError), or a client error of those
 * classes that reached here unmapped. Passing, so 503 with Retry-After, never 500 — on the API and
 * on the web pages alike.
 */
export function isStoreAway(exception: unknown): boolean {
  return exception instanceof EventStoreUnavailableError || classifyFailure(exception) !== 'definite';
}

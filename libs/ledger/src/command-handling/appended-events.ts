import { AsyncLocalStorage } from 'node:async_hooks';

const collectors = new AsyncLocalStorage<string[]>();

/**
 * Runs `work` noting the id of every event appended within it (through `LedgerWriter`) in
 * `appended`, in the order they were written: what a write's receipt proves (`Prefer: receipt`).
 */
export function collectAppendedEvents<T>(appended: string[], work: () => T): T {
  return collectors.run(appended, work);
}

/** Called by the writer once an append succeeded; outside `collectAppendedEvents` it does nothing. */
export function noteAppendedEvents(ids: readonly string[]): void {
  collectors.getStore()?.push(...ids);
}

/** Runs `work` with nothing it appends noted: bookkeeping a request does besides its own write (its `Idempotency-Key`'s claim and answer). */
export function withoutNotingAppends<T>(work: () => T): T {
  return collectors.exit(work);
}

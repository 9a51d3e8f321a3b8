import { AsyncLocalStorage } from 'node:async_hooks';

interface CommandScope {
  readonly id: string;
  /** How many commands have run on each stream in this scope: the n-th gets the n-th id. */
  readonly perStream: Map<string, number>;
}

const scopes = new AsyncLocalStorage<CommandScope>();

/**
 * Runs `work` as one request that may be sent again (an `Idempotency-Key`): every command it runs
 * writes an id derived from `id` into its events' metadata, so that the same request sent again
 * after an append of unknown outcome finds those events and answers with them instead of deciding
 * (and writing) a second time. Without a scope, commands carry no id and are never recognised.
 */
export function runAsRepeatableRequest<T>(id: string, work: () => T): T {
  return scopes.run({ id, perStream: new Map() }, work);
}

/** Runs `work` outside any request scope (the idempotency bookkeeping itself). */
export function runOutsideRepeatableRequest<T>(work: () => T): T {
  return scopes.exit(work);
}

/** The id of the next command on `stream` in the current scope; the same sequence on every resend. */
export function nextCommandId(stream: string): string | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  const seen = scope.perStream.get(stream) ?? 0;
  scope.perStream.set(stream, seen + 1);
  return seen === 0 ? scope.id : `${scope.id}.${seen}`;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

interface CommandScope {
  readonly id: string;
  /** A secret of this request alone (never stored): what it makes secret is made again on a resend. */
  readonly secretSeed: Buffer | undefined;
  /** How many commands have run on each stream in this scope: the n-th gets the n-th id. */
  readonly perStream: Map<string, number>;
  /** How many new ids and secrets this scope has made: the n-th is the same on every resend. */
  made: number;
}

const scopes = new AsyncLocalStorage<CommandScope>();

/**
 * Runs `work` as one request that may be sent again (an `Idempotency-Key`): every command it runs
 * writes an id derived from `id` into its events' metadata, so that the same request sent again
 * after an append of unknown outcome finds those events and answers with them instead of deciding
 * (and writing) a second time. The ids of what it creates (a case, a user, a vendor …) and the
 * secrets it hands out (a token) come from `id` and `secretSeed` too, so a resend names the same
 * stream — where the first sending's events are found — and answers with the same secret, whose
 * hash those events hold. Without a scope, commands carry no id and are never recognised.
 */
export function runAsRepeatableRequest<T>(id: string, work: () => T, secretSeed?: Buffer): T {
  return scopes.run({ id, secretSeed, perStream: new Map(), made: 0 }, work);
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

/**
 * The id for something a request creates: random, except inside a repeatable request, where the
 * n-th id it makes is derived from the request's id (a UUID in form, version 4 bits set), so a
 * resend creates nothing new but finds what the first sending may have written.
 */
export function newEntityId(): string {
  return repeatableEntityId() ?? randomUUID();
}

/** `newEntityId`'s derived id inside a repeatable request; undefined outside one. */
export function repeatableEntityId(): string | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  const bytes = createHmac('sha256', scope.id).update(`entity\u0000${scope.made++}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `size` secret bytes: random, except inside a repeatable request that carries a secret seed, where
 * the n-th secret is derived from that seed (which no store holds), so a resend hands out the secret
 * whose hash the first sending's events recorded.
 */
export function newSecretBytes(size: number): Buffer {
  const scope = scopes.getStore();
  if (!scope?.secretSeed) return randomBytes(size);
  const out = Buffer.alloc(size);
  const label = `secret\u0000${scope.made++}`;
  for (let block = 0, offset = 0; offset < size; block++, offset += 32) {
    createHmac('sha256', scope.secretSeed).update(`${label}\u0000${block}`).digest().copy(out, offset);
  }
  return out;
}

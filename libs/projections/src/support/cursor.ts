import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** One page of a view's answer, newest first, and the cursor of the next page (null: none). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Thrown for a cursor the server did not make (answered as 400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('The cursor is not one this server made');
  }
}

/**
 * Cursors are authenticated: a client can neither forge one nor edit the sort key inside it (a forged
 * cursor is a 400, never a query run with values the server did not make). The key is random per
 * process until `useCursorKey` gives it one derived from the library's shared keys, so that every API
 * instance of one library accepts the others' cursors.
 */
let cursorKey: Buffer = randomBytes(32);

export function useCursorKey(secret: Buffer): void {
  cursorKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'disclosure-ledger page cursor v1', 32));
}

const tagOf = (payload: string) => createHmac('sha256', cursorKey).update(payload).digest().subarray(0, 16);

/** An opaque page cursor: the sort key of the last row, as base64url JSON, and its HMAC tag. */
export function encodeCursor(key: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${tagOf(payload).toString('base64url')}`;
}

export function decodeCursor(cursor: string, length: number): string[] {
  const [payload, tag, ...rest] = cursor.split('.');
  if (payload !== undefined && tag !== undefined && rest.length === 0) {
    const given = Buffer.from(tag, 'base64url');
    const expected = tagOf(payload);
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      try {
        const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key;
      } catch {
        // fall through
      }
    }
  }
  throw new InvalidCursorError();
}

/**
 * The rows after a cursor's row in a listing newest first by `(opened_at, case_id)`: the keyset
 * condition over `table`'s columns (bare when `table` is not given) with its named parameters
 * `@cursorAt` and `@cursorId`.
 */
export function openedBeforeCursor(cursor: string, table?: string): { readonly sql: string; readonly params: { readonly cursorAt: string; readonly cursorId: string } } {
  const [openedAt, caseId] = decodeCursor(cursor, 2);
  const column = (name: string) => (table === undefined ? name : `${table}.${name}`);
  return {
    sql: `(${column('opened_at')} < @cursorAt OR (${column('opened_at')} = @cursorAt AND ${column('case_id')} < @cursorId))`,
    params: { cursorAt: openedAt, cursorId: caseId },
  };
}

import { randomBytes } from 'node:crypto';
import { decodeCursor, encodeCursor, InvalidCursorError, useCursorKey } from './cursor.js';

describe('page cursors are authenticated', () => {
  beforeAll(() => useCursorKey(randomBytes(32)));

  it('round-trips the sort key the server made', () => {
    expect(decodeCursor(encodeCursor(['2026-03-01T10:00:00.000Z', '42']), 2)).toEqual(['2026-03-01T10:00:00.000Z', '42']);
  });

  it('refuses a cursor a client made or edited', () => {
    const forged = Buffer.from(JSON.stringify(['9999-12-31T00:00:00.000Z', '1'])).toString('base64url');
    expect(() => decodeCursor(forged, 2)).toThrow(InvalidCursorError);
    const [, tag] = encodeCursor(['2026-03-01T10:00:00.000Z', '42']).split('.');
    expect(() => decodeCursor(`${forged}.${tag}`, 2)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('a.b.c', 2)).toThrow(InvalidCursorError);
  });

  it('refuses a cursor signed under another key, and accepts one from an instance sharing the key', () => {
    const shared = randomBytes(32);
    useCursorKey(shared);
    const cursor = encodeCursor(['x', '1']);
    useCursorKey(randomBytes(32));
    expect(() => decodeCursor(cursor, 2)).toThrow(InvalidCursorError);
    useCursorKey(Buffer.from(shared));
    expect(decodeCursor(cursor, 2)).toEqual(['x', '1']);
  });
});

/** The floor: what this disk gives one durable SQLite transaction at a time. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** better-sqlite3, WAL, synchronous=FULL, one ~400-byte insert per transaction (autocommit), for `ms`. */
export function measureRawFloor(dir: string, ms: number): { txPerSecond: number; transactions: number; seconds: number } {
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
    const payload = randomBytes(300).toString('base64'); // 400 characters
    for (let i = 0; i < 20; i++) insert.run(payload); // warm-up
    let transactions = 0;
    const started = performance.now();
    const deadline = started + ms;
    while (performance.now() < deadline) {
      insert.run(payload);
      transactions++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { txPerSecond: transactions / seconds, transactions, seconds };
  } finally {
    db.close();
  }
}

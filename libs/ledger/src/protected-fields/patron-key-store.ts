import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';

/**
 * Per-patron AES-256 data keys, in their own file (`keys.db`) so that it can be backed up,
 * protected and destroyed apart from the events. Shredding overwrites the key in place
 * (secure_delete, rollback journal rather than WAL so no old page lingers in a log).
 */
export class PatronKeyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], { key: Buffer | null }>;
  private readonly insert: Database.Statement<[string, Buffer, string]>;
  private readonly shredStatement: Database.Statement<[string, string]>;

  constructor(file: string) {
    this.db = new Database(file);
    // The keys are what makes patron identities readable: owner-only, whatever the umask.
    chmodSync(file, 0o600);
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS patron_keys (
      blind_index TEXT PRIMARY KEY,
      data_key BLOB,
      created_at TEXT NOT NULL,
      shredded_at TEXT
    ) WITHOUT ROWID`);
    this.select = this.db.prepare('SELECT data_key AS key FROM patron_keys WHERE blind_index = ?');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO patron_keys (blind_index, data_key, created_at) VALUES (?, ?, ?)');
    this.shredStatement = this.db.prepare(
      'UPDATE patron_keys SET data_key = NULL, shredded_at = ? WHERE blind_index = ? AND data_key IS NOT NULL',
    );
  }

  /** The patron's key, created on first use; null once shredded (a shredded patron never gets a new key). */
  keyFor(blindIndex: string): Buffer | null {
    const row = this.select.get(blindIndex);
    if (row) return row.key;
    this.insert.run(blindIndex, randomBytes(32), new Date().toISOString());
    return this.select.get(blindIndex)!.key;
  }

  existingKey(blindIndex: string): Buffer | null {
    return this.select.get(blindIndex)?.key ?? null;
  }

  isShredded(blindIndex: string): boolean {
    const row = this.select.get(blindIndex);
    return row !== undefined && row.key === null;
  }

  /** Destroys the key. Returns false when there was no live key to destroy. */
  shred(blindIndex: string, at = new Date()): boolean {
    return this.shredStatement.run(at.toISOString(), blindIndex).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

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
  private readonly pending = new Map<string, { key: Promise<Buffer | null>; resolve: (key: Buffer | null) => void; reject: (error: unknown) => void }>();
  private flushHandle: NodeJS.Immediate | undefined;

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

  /**
   * The patron's key, created on first use; null once shredded (a shredded patron never gets a new
   * key). A new key is durable before this resolves — the event that uses it must never outlive it —
   * and every key first asked for in one event-loop turn shares one transaction (one commit's fsyncs
   * instead of one per new patron, on the thread that answers requests).
   */
  async keyFor(blindIndex: string): Promise<Buffer | null> {
    const row = this.select.get(blindIndex);
    if (row) return row.key;
    let waiting = this.pending.get(blindIndex);
    if (!waiting) {
      let resolve!: (key: Buffer | null) => void;
      let reject!: (error: unknown) => void;
      const key = new Promise<Buffer | null>((yes, no) => ((resolve = yes), (reject = no)));
      waiting = { key, resolve, reject };
      this.pending.set(blindIndex, waiting);
      this.flushHandle ??= setImmediate(() => this.createPending());
    }
    return waiting.key;
  }

  private createPending(): void {
    this.flushHandle = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    const createdAt = new Date().toISOString();
    try {
      this.db.transaction(() => {
        for (const [blindIndex] of batch) this.insert.run(blindIndex, randomBytes(32), createdAt);
      })();
    } catch (error) {
      for (const [, waiting] of batch) waiting.reject(error);
      return;
    }
    // Read back rather than trust our own bytes: another process may have made the key first.
    for (const [blindIndex, waiting] of batch) waiting.resolve(this.select.get(blindIndex)?.key ?? null);
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
    if (this.flushHandle) {
      clearImmediate(this.flushHandle);
      this.createPending();
    }
    if (this.db.open) this.db.close();
  }
}

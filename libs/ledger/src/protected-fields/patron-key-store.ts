import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createPrivateFile } from '../config/private-files.js';

/** A data key as the key store knows it, and whether it still exists. */
export interface DataKeyRecord {
  readonly keyId: string;
  readonly createdAt: string;
  readonly shreddedAt: string | null;
  /** SHA-256 of the key under a domain label, hex (32 chars); null when the key was destroyed before fingerprints were kept. */
  readonly fingerprint: string | null;
}

/** Key ids of the first reading: one key per patron, named by the blind index (`p-<blindIndex>`). */
export function patronKeyId(blindIndex: string): string {
  return `p-${blindIndex}`;
}

/** One key per case and patron: a case holds exactly one patron, so the case names it (`c-<caseId>`). */
export function caseKeyId(caseId: string): string {
  return `c-${caseId}`;
}

/** One key per breach incident and affected patron (`i-<incidentId>-<first 16 of the blind index>`). */
export function incidentKeyId(incidentId: string, blindIndex: string): string {
  return `i-${incidentId}-${blindIndex.slice(0, 16)}`;
}

/** One key per linked patron identifier (`l-<its blind index>`): the identifier's ciphertext on the patron's stream. */
export function identifierKeyId(blindIndex: string): string {
  return `l-${blindIndex}`;
}

/**
 * What `PatronIdentityShredded` records about the destroyed key: it names the key without revealing
 * anything about it (SHA-256 of a 256-bit random key), so a restored keys.db can be checked against
 * the ledger and a later reader can tell which key the ledger says was destroyed.
 */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('disclosure-ledger data-key fingerprint v1\u0000').update(key).digest('hex').slice(0, 32);
}

interface Pending {
  key: Promise<Buffer | null>;
  resolve: (key: Buffer | null) => void;
  reject: (error: unknown) => void;
}

/** A case id no case has yet, and its data key, already durable in keys.db. */
export interface NewCaseKey {
  readonly caseId: string;
  readonly keyId: string;
  readonly key: Buffer;
}

export interface PatronKeyStoreOptions {
  /** New case keys made per keys.db transaction (default 512). */
  readonly caseKeysPerCommit?: number;
  /** How few made-ahead case keys may be left before the next ones are made (default 256). */
  readonly caseKeysLowWater?: number;
}

/** keys.db transactions attempted and keys made since it was opened (the bench reports them). */
export interface PatronKeyStoreStats {
  readonly commits: number;
  readonly keysMade: number;
  /** Case keys made ahead and not yet handed out. */
  readonly caseKeysReady: number;
}

/**
 * AES-256 data keys, in their own file (`keys.db`) so that it can be backed up, protected and
 * destroyed apart from the events. Shredding overwrites the key in place (secure_delete, rollback
 * journal rather than WAL so no old page lingers in a log) and keeps the row: its id, when it was
 * destroyed and the key's fingerprint.
 *
 * Two tables: `data_keys` holds the keys of this reading, one per case (and per incident and
 * patron), named by key id; `patron_keys` holds the per-patron keys of the first reading, which the
 * events recorded then still need (their ciphertext says which). New keys are only ever made in
 * `data_keys`.
 */
export class PatronKeyStore {
  private readonly db: Database.Database;
  private readonly selectKey: Database.Statement<[string], { key: Buffer | null }>;
  private readonly selectLegacy: Database.Statement<[string], { key: Buffer | null }>;
  private readonly insert: Database.Statement<[string, Buffer, string]>;
  private readonly insertLegacy: Database.Statement<[string, Buffer, string]>;
  private readonly insertNew: Database.Statement<[string, Buffer, string]>;
  private readonly deleteUnused: Database.Statement<[string]>;
  private readonly pending = new Map<string, Pending>();
  private flushHandle: NodeJS.Immediate | undefined;
  private readonly caseKeysPerCommit: number;
  private readonly caseKeysLowWater: number;
  /** Case keys made ahead, durable, not yet handed out: a new case takes one without waiting for keys.db. */
  private readonly caseKeysReady: NewCaseKey[] = [];
  /** Settles when the case keys asked for are made (one commit with any keys `keyFor` is waiting for). */
  private caseKeysMade: Promise<void> | undefined;
  private settleCaseKeys: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private counters = { commits: 0, keysMade: 0 };

  constructor(file: string, options: PatronKeyStoreOptions = {}) {
    this.caseKeysPerCommit = Math.max(1, options.caseKeysPerCommit ?? 512);
    this.caseKeysLowWater = Math.min(this.caseKeysPerCommit, Math.max(0, options.caseKeysLowWater ?? 256));
    // The keys are what makes patron identities readable: owner-only, whatever the umask.
    createPrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS patron_keys (
      blind_index TEXT PRIMARY KEY,
      data_key BLOB,
      created_at TEXT NOT NULL,
      shredded_at TEXT
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS data_keys (
      key_id TEXT PRIMARY KEY,
      data_key BLOB,
      created_at TEXT NOT NULL,
      shredded_at TEXT,
      fingerprint TEXT
    ) WITHOUT ROWID`);
    const columns = this.db.prepare('PRAGMA table_info(patron_keys)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'fingerprint')) this.db.exec('ALTER TABLE patron_keys ADD COLUMN fingerprint TEXT');
    this.selectKey = this.db.prepare('SELECT data_key AS key FROM data_keys WHERE key_id = ?');
    this.selectLegacy = this.db.prepare('SELECT data_key AS key FROM patron_keys WHERE blind_index = ?');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO data_keys (key_id, data_key, created_at) VALUES (?, ?, ?)');
    this.insertLegacy = this.db.prepare('INSERT OR IGNORE INTO patron_keys (blind_index, data_key, created_at) VALUES (?, ?, ?)');
    this.insertNew = this.db.prepare('INSERT INTO data_keys (key_id, data_key, created_at) VALUES (?, ?, ?)');
    this.deleteUnused = this.db.prepare('DELETE FROM data_keys WHERE key_id = ?');
  }

  get stats(): PatronKeyStoreStats {
    return { ...this.counters, caseKeysReady: this.caseKeysReady.length };
  }

  /**
   * A new case's id and its data key, durable before this resolves, as `keyFor`'s are: the event
   * that uses it can never outlive it. The keys are made ahead, `caseKeysPerCommit` per transaction,
   * whenever fewer than `caseKeysLowWater` are left, so opening a case does not wait for a keys.db
   * commit of its own (before, every batch of new cases paid one: four fsyncs in this file's
   * rollback-journal mode, on the thread that answers requests). Keys made ahead and never handed
   * out are deleted on `close`; after a crash they stay, random bytes under the id of a case that was
   * never opened, encrypting nothing.
   */
  async newCaseKey(): Promise<NewCaseKey> {
    for (;;) {
      if (this.caseKeysReady.length <= this.caseKeysLowWater) this.makeCaseKeysAhead();
      const ready = this.caseKeysReady.pop();
      if (ready) return ready;
      await this.caseKeysMade;
    }
  }

  private makeCaseKeysAhead(): void {
    if (this.caseKeysMade) return;
    this.caseKeysMade = new Promise<void>((resolve, reject) => (this.settleCaseKeys = { resolve, reject }));
    // Waiters that find the reserve empty await this; a failure reaches them, and nobody else.
    this.caseKeysMade.catch(() => undefined);
    this.flushHandle ??= setImmediate(() => this.createPending());
  }

  /**
   * The key, created on first use; null once shredded (a destroyed key is never made again). A new
   * key is durable before this resolves — the event that uses it must never outlive it — and every
   * key first asked for in one event-loop turn shares one transaction (one commit's fsyncs instead
   * of one per new case, on the thread that answers requests).
   */
  async keyFor(keyId: string): Promise<Buffer | null> {
    const row = this.lookup(keyId);
    if (row) return row.key;
    let waiting = this.pending.get(keyId);
    if (!waiting) {
      let resolve!: (key: Buffer | null) => void;
      let reject!: (error: unknown) => void;
      const key = new Promise<Buffer | null>((yes, no) => ((resolve = yes), (reject = no)));
      waiting = { key, resolve, reject };
      this.pending.set(keyId, waiting);
      this.flushHandle ??= setImmediate(() => this.createPending());
    }
    return waiting.key;
  }

  /** `p-<blindIndex>` names a per-patron key of the first reading (table `patron_keys`). */
  private lookup(keyId: string): { key: Buffer | null } | undefined {
    return keyId.startsWith('p-') ? this.selectLegacy.get(keyId.slice(2)) : this.selectKey.get(keyId);
  }

  /** One transaction for every key asked for in this turn, and for the case keys made ahead if they are due. */
  private createPending(): void {
    this.flushHandle = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    const caseKeys = this.settleCaseKeys;
    this.settleCaseKeys = undefined;
    this.caseKeysMade = undefined;
    const made: NewCaseKey[] = caseKeys
      ? Array.from({ length: this.caseKeysPerCommit }, () => {
          const caseId = randomUUID();
          return { caseId, keyId: caseKeyId(caseId), key: randomBytes(32) };
        })
      : [];
    const createdAt = new Date().toISOString();
    this.counters.commits += 1;
    try {
      this.db.transaction(() => {
        for (const [keyId] of batch) {
          if (keyId.startsWith('p-')) this.insertLegacy.run(keyId.slice(2), randomBytes(32), createdAt);
          else this.insert.run(keyId, randomBytes(32), createdAt);
        }
        // A fresh random id is nobody's: a row already there would mean a broken random source, and fails the commit.
        for (const { keyId, key } of made) this.insertNew.run(keyId, key, createdAt);
      })();
    } catch (error) {
      for (const [, waiting] of batch) waiting.reject(error);
      caseKeys?.reject(error);
      return;
    }
    this.counters.keysMade += batch.length + made.length;
    this.caseKeysReady.push(...made);
    caseKeys?.resolve();
    // Read back rather than trust our own bytes: another process may have made the key first.
    for (const [keyId, waiting] of batch) waiting.resolve(this.lookup(keyId)?.key ?? null);
  }

  /** The live key named by `keyId` (`p-<blindIndex>` names a per-patron key), or null. */
  existingKey(keyId: string): Buffer | null {
    return this.lookup(keyId)?.key ?? null;
  }

  /** The key's record, or null when this key store never held it. */
  record(keyId: string): DataKeyRecord | null {
    const legacy = keyId.startsWith('p-');
    const row = (
      legacy
        ? this.db.prepare('SELECT data_key AS key, created_at, shredded_at, fingerprint FROM patron_keys WHERE blind_index = ?').get(keyId.slice(2))
        : this.db.prepare('SELECT data_key AS key, created_at, shredded_at, fingerprint FROM data_keys WHERE key_id = ?').get(keyId)
    ) as { key: Buffer | null; created_at: string; shredded_at: string | null; fingerprint: string | null } | undefined;
    if (!row) return null;
    return { keyId, createdAt: row.created_at, shreddedAt: row.key ? null : row.shredded_at, fingerprint: row.key ? keyFingerprint(row.key) : row.fingerprint };
  }

  /**
   * Destroys the key and keeps its fingerprint. Returns the fingerprint of the key destroyed now, or
   * null when there was no live key (never made here, or already destroyed).
   */
  shred(keyId: string, at = new Date()): string | null {
    const key = this.existingKey(keyId);
    if (!key) return null;
    const fingerprint = keyFingerprint(key);
    const changes = keyId.startsWith('p-')
      ? this.db.prepare('UPDATE patron_keys SET data_key = NULL, shredded_at = ?, fingerprint = ? WHERE blind_index = ? AND data_key IS NOT NULL').run(at.toISOString(), fingerprint, keyId.slice(2)).changes
      : this.db.prepare('UPDATE data_keys SET data_key = NULL, shredded_at = ?, fingerprint = ? WHERE key_id = ? AND data_key IS NOT NULL').run(at.toISOString(), fingerprint, keyId).changes;
    return changes > 0 ? fingerprint : null;
  }

  close(): void {
    if (this.flushHandle) {
      clearImmediate(this.flushHandle);
      this.createPending();
    }
    if (!this.db.open) return;
    // Keys made ahead for cases never opened encrypt nothing: they leave with this process (secure_delete overwrites them).
    const unused = this.caseKeysReady.splice(0);
    this.db.transaction(() => {
      for (const { keyId } of unused) this.deleteUnused.run(keyId);
    })();
    this.db.close();
  }
}

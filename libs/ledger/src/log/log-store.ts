import Database from 'better-sqlite3';
import { type StoredHashes, TreeEdge, rootAt } from './merkle-tree.js';

/** One leaf as the log keeps it: where its event is, and the leaf hash. */
export interface LogLeaf {
  readonly index: number;
  readonly position: bigint;
  readonly eventId: string;
  readonly stream: string;
}

export interface NewLeaf {
  readonly position: bigint;
  readonly eventId: string;
  readonly stream: string;
  readonly leafHash: Buffer;
}

export interface KeptCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  /** The signed note, byte for byte as handed out. */
  readonly note: string;
  readonly signedAt: string;
}

/** Another writer appended to log.db first (a second follower on the same file). */
export class LogRaceError extends Error {
  override readonly name = 'LogRaceError';
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS log_leaves (
    idx      INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    event_id TEXT    NOT NULL UNIQUE,
    stream   TEXT    NOT NULL
  );
  CREATE TABLE IF NOT EXISTS log_checkpoints (
    size      INTEGER PRIMARY KEY,
    root      BLOB    NOT NULL,
    note      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL
  );
`;

/**
 * `log.db`: the Merkle log over `$all` as stored hashes (every complete subtree's hash, so that a
 * root or a proof is O(log n) reads), the leaf ↔ event map, and every checkpoint the log signed.
 * It lives apart from `events.db`: someone who rewrites the events does not thereby rewrite the
 * checkpoints handed out (and the witnesses' copies are further away still).
 */
export class LogStore implements StoredHashes {
  private readonly db: Database.Database;
  private edge: TreeEdge;
  private readonly statements;

  private constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?'),
      insertNode: db.prepare<[number, number, Buffer]>('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      insertLeaf: db.prepare<[number, bigint, string, string]>('INSERT INTO log_leaves (idx, position, event_id, stream) VALUES (?, ?, ?, ?)'),
      size: db.prepare<[], { size: bigint | null }>('SELECT MAX(idx) + 1 AS size FROM log_leaves'),
      leafAt: db.prepare<[number], { idx: bigint; position: bigint; event_id: string; stream: string }>('SELECT idx, position, event_id, stream FROM log_leaves WHERE idx = ?'),
      leafOf: db.prepare<[string], { idx: bigint; position: bigint; event_id: string; stream: string }>(
        'SELECT idx, position, event_id, stream FROM log_leaves WHERE event_id = ?',
      ),
      leavesFrom: db.prepare<[number, number], { idx: bigint; position: bigint; event_id: string; stream: string }>(
        'SELECT idx, position, event_id, stream FROM log_leaves WHERE idx >= ? ORDER BY idx LIMIT ?',
      ),
      latest: db.prepare<[], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size DESC LIMIT 1'),
      atSize: db.prepare<[number], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints WHERE size = ?'),
      all: db.prepare<[], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size'),
      insertCheckpoint: db.prepare<[number, Buffer, string, string]>('INSERT OR IGNORE INTO log_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)'),
    };
    this.edge = TreeEdge.fromStore(this, this.storedSize());
  }

  /** Opens (and makes) the log at `file`; `readonly` for verifiers, which never change it. */
  static open(file: string, options: { readonly?: boolean } = {}): LogStore {
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: 5000 });
    db.defaultSafeIntegers(true);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // A checkpoint handed out must survive a crash as surely as the events it covers.
      db.pragma('synchronous = FULL');
      db.exec(SCHEMA);
    }
    return new LogStore(db);
  }

  get size(): number {
    return this.edge.size;
  }

  private storedSize(): number {
    return Number(this.statements.size.get()?.size ?? 0n);
  }

  nodeHash(level: number, index: number): Buffer {
    const row = this.statements.node.get(level, index);
    if (!row) throw new RangeError(`The log holds no hash at level ${level}, index ${index}`);
    return row.hash;
  }

  root(): Buffer {
    return this.edge.root();
  }

  rootAt(size: number): Buffer {
    if (size > this.size) throw new RangeError(`The log holds ${this.size} leaves, not ${size}`);
    return rootAt(this, size);
  }

  leafHash(index: number): Buffer {
    return this.nodeHash(0, index);
  }

  leafAt(index: number): LogLeaf | null {
    const row = this.statements.leafAt.get(index);
    return row ? toLeaf(row) : null;
  }

  leafOfEvent(eventId: string): LogLeaf | null {
    const row = this.statements.leafOf.get(eventId);
    return row ? toLeaf(row) : null;
  }

  /** Up to `count` leaves from `index` on, in order. */
  leavesFrom(index: number, count: number): LogLeaf[] {
    return this.statements.leavesFrom.all(index, count).map(toLeaf);
  }

  /**
   * Appends leaves `expectedSize`, `expectedSize + 1`, … with the nodes they complete, in one
   * transaction; refuses (LogRaceError) when another writer has grown the log meanwhile.
   */
  append(expectedSize: number, leaves: readonly NewLeaf[]): void {
    if (leaves.length === 0) return;
    const edge = this.edge;
    const write = this.db.transaction(() => {
      const stored = this.storedSize();
      if (stored !== expectedSize) throw new LogRaceError(`log.db holds ${stored} leaves, expected ${expectedSize}`);
      for (const leaf of leaves) {
        const index = edge.size;
        this.statements.insertLeaf.run(index, leaf.position, leaf.eventId, leaf.stream);
        for (const node of edge.append(leaf.leafHash)) this.statements.insertNode.run(node.level, node.index, node.hash);
      }
    });
    try {
      write.immediate();
    } catch (error) {
      // The edge moved with the rows that were rolled back: read it again from what is stored.
      this.edge = TreeEdge.fromStore(this, this.storedSize());
      throw error;
    }
  }

  /** Reads the log's size again (after another writer, e.g. a CLI catching it up, has grown it). */
  refresh(): void {
    if (this.storedSize() !== this.edge.size) this.edge = TreeEdge.fromStore(this, this.storedSize());
  }

  latestCheckpoint(): KeptCheckpoint | null {
    const row = this.statements.latest.get();
    return row ? toCheckpoint(row) : null;
  }

  checkpointAt(size: number): KeptCheckpoint | null {
    const row = this.statements.atSize.get(size);
    return row ? toCheckpoint(row) : null;
  }

  checkpoints(): KeptCheckpoint[] {
    return this.statements.all.all().map(toCheckpoint);
  }

  keepCheckpoint(checkpoint: KeptCheckpoint): void {
    this.statements.insertCheckpoint.run(checkpoint.size, checkpoint.root, checkpoint.note, checkpoint.signedAt);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toLeaf(row: { idx: bigint; position: bigint; event_id: string; stream: string }): LogLeaf {
  return { index: Number(row.idx), position: row.position, eventId: row.event_id, stream: row.stream };
}

function toCheckpoint(row: { size: bigint; root: Buffer; note: string; signed_at: string }): KeptCheckpoint {
  return { size: Number(row.size), root: row.root, note: row.note, signedAt: row.signed_at };
}

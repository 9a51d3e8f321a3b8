import Database from 'better-sqlite3';
import { createPrivateFile } from '../config/private-files.js';
import { type StoredHashes, TreeEdge, rootAt } from './merkle-tree.js';
import {
  encodeStreamHead,
  hashMapValue,
  type MapNode,
  type MapNodes,
  type MapProof,
  mapKey,
  mapLookup,
  mapProof,
  mapRoot,
  type MapUpdate,
  type LoggedStreamHead,
  decodeStreamHead,
  updateMap,
} from './stream-heads-map.js';

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
  /** The event's revision in its stream: the stream's head in the map once this leaf is its last. */
  readonly revision: bigint;
  readonly leafHash: Buffer;
}

/** A stream's head as the map holds it at some size of the log, with the proof to the map's root. */
export interface StreamHeadProof {
  readonly size: number;
  readonly mapRoot: Buffer;
  /** null: the map holds no such stream (the proof shows that). */
  readonly head: LoggedStreamHead | null;
  readonly proof: MapProof;
}

export interface KeptCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  /** The signed note, byte for byte as handed out. */
  readonly note: string;
  readonly signedAt: string;
}

/** The log's signing key replaced: the checkpoint of `size` that names `newKey`, signed by `oldKey` and `newKey`. */
export interface KeyRotation {
  readonly rotatedAt: string;
  readonly size: number;
  /** Verifier keys, `<origin>+<hex id>+<base64(0x01 ‖ key)>`. */
  readonly oldKey: string;
  readonly newKey: string;
  readonly note: string;
}

/** Another writer appended to log.db first (a second follower on the same file). */
export class LogRaceError extends Error {
  override readonly name = 'LogRaceError';
}

export interface LogLeafWithHash extends LogLeaf {
  readonly leafHash: Buffer;
}

/**
 * Version 1 keeps each leaf's hash in its row (level 0 of the stored hashes) and names the leaves'
 * unique indexes, so that a first build can drop the event-id one and make it once at the end
 * (`deferEventIndex`). Version 0 (level 0 in `log_nodes`, inline UNIQUE constraints that SQLite
 * cannot drop) is moved to version 1 when log.db is opened for writing.
 */
const SCHEMA_VERSION = 1;

const LEAVES_TABLE = (name: string) => `
  CREATE TABLE IF NOT EXISTS ${name} (
    idx       INTEGER PRIMARY KEY,
    position  INTEGER NOT NULL,
    event_id  TEXT    NOT NULL,
    stream    TEXT    NOT NULL,
    leaf_hash BLOB    NOT NULL
  );`;

/**
 * The map of stream heads (see stream-heads-map.ts): one row per node, by its path of key bits;
 * a leaf row has the stream's key and its value (the head). `log_meta.map_size` is how many leaves
 * the map holds: the leaves' transaction updates the map with them, so the two sizes are equal once
 * a log.db made before the map was caught up (the follower does that from the events at start).
 */
const MAP_SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_map_nodes (
    path     TEXT PRIMARY KEY,
    hash     BLOB NOT NULL,
    leaf_key BLOB,
    value    BLOB
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS log_meta (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
`;

/** The witnesses' cosignatures of each checkpoint (C2SP tlog-cosignature lines), kept beside the note the log signed. */
const COSIGNATURES_TABLE = `
  CREATE TABLE IF NOT EXISTS log_cosignatures (
    size    INTEGER NOT NULL,
    witness TEXT    NOT NULL,
    line    TEXT    NOT NULL,
    PRIMARY KEY (size, witness)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS log_key_rotations (
    rotated_at TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    old_key    TEXT    NOT NULL,
    new_key    TEXT    NOT NULL,
    note       TEXT    NOT NULL
  );
`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_nodes (
    level INTEGER NOT NULL CHECK (level > 0),
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  ${LEAVES_TABLE('log_leaves')}
  CREATE UNIQUE INDEX IF NOT EXISTS log_leaves_position ON log_leaves (position);
  CREATE TABLE IF NOT EXISTS log_checkpoints (
    size      INTEGER PRIMARY KEY,
    root      BLOB    NOT NULL,
    note      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL
  );
  ${MAP_SCHEMA}
  ${COSIGNATURES_TABLE}
`;

const EVENT_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS log_leaves_event_id ON log_leaves (event_id)';

function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Moves a version-0 log.db to version 1 in one transaction, keeping every leaf, hash and checkpoint. */
function migrate(db: Database.Database): void {
  if (schemaVersion(db) >= SCHEMA_VERSION) return;
  db.transaction(() => {
    const hasLeaves = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_leaves'").get();
    if (hasLeaves) {
      db.exec(`${LEAVES_TABLE('log_leaves_v1')}
        INSERT INTO log_leaves_v1 (idx, position, event_id, stream, leaf_hash)
          SELECT l.idx, l.position, l.event_id, l.stream, n.hash FROM log_leaves l JOIN log_nodes n ON n.level = 0 AND n.idx = l.idx;
        DROP TABLE log_leaves;
        ALTER TABLE log_leaves_v1 RENAME TO log_leaves;
        CREATE TABLE log_nodes_v1 (level INTEGER NOT NULL CHECK (level > 0), idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
        INSERT INTO log_nodes_v1 SELECT level, idx, hash FROM log_nodes WHERE level > 0;
        DROP TABLE log_nodes;
        ALTER TABLE log_nodes_v1 RENAME TO log_nodes;`);
    }
    db.exec(SCHEMA);
    db.exec(EVENT_INDEX);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Rows inserted `rows` at a time by one multi-row statement: a first build inserts millions, and
 * one statement per row costs more than the B-tree work it does.
 */
class BatchInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly pending: unknown[] = [];

  constructor(
    db: Database.Database,
    table: string,
    private readonly columns: readonly string[],
    private readonly rows = 200,
    verb: 'INSERT' | 'INSERT OR REPLACE' = 'INSERT',
  ) {
    const values = (n: number) => Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ');
    this.many = db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${values(rows)}`);
    this.one = db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${values(1)}`);
  }

  add(...values: unknown[]): void {
    this.pending.push(...values);
    if (this.pending.length === this.rows * this.columns.length) {
      this.many.run(this.pending);
      this.pending.length = 0;
    }
  }

  /** Inserts what is pending; call before the transaction commits. */
  flush(): void {
    for (let at = 0; at < this.pending.length; at += this.columns.length) this.one.run(this.pending.slice(at, at + this.columns.length));
    this.pending.length = 0;
  }

  /** Forgets what is pending (the transaction rolled back). */
  clear(): void {
    this.pending.length = 0;
  }
}

/**
 * `log.db`: the Merkle log over `$all` as stored hashes (every complete subtree's hash, so that a
 * root or a proof is O(log n) reads), the leaf ↔ event map, and every checkpoint the log signed.
 * It lives apart from `events.db`: someone who rewrites the events does not thereby rewrite the
 * checkpoints handed out (and the witnesses' copies are further away still).
 */
/**
 * A leaf commit is not synced: leaf `i` is the `i`-th event of `$all`, already durable in events.db,
 * and a follower starting after a crash appends again whatever the log lost (the follower's fsync per
 * batch, on the thread that answers requests, had cost as much as the events' own).
 */
const LEAVES_SYNC = 'synchronous = NORMAL';
/** A checkpoint's commit syncs the WAL, and with it every leaf committed before: no checkpoint outlives its leaves. */
const CHECKPOINT_SYNC = 'synchronous = FULL';

export class LogStore implements StoredHashes {
  private readonly db: Database.Database;
  private edge: TreeEdge;
  private readonly statements;
  private eventIndexDeferred = false;
  private readonly insertLeaves?: BatchInsert;
  private readonly insertNodes?: BatchInsert;
  /** The map of stream heads; null in a log.db made before it, opened read-only. */
  private readonly map: SqliteMapNodes | null;
  /** While the map is deferred (`deferMap`): each stream's last leaf seen since, and the size the map will then reach. */
  private deferredHeads: Map<string, { stream: string; revision: bigint; index: number }> | null = null;
  private deferredUpTo = 0;

  private constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?'),
      leafHash: db.prepare<[number], { leaf_hash: Buffer }>('SELECT leaf_hash FROM log_leaves WHERE idx = ?'),
      size: db.prepare<[], { size: bigint | null }>('SELECT MAX(idx) + 1 AS size FROM log_leaves'),
      leafAt: db.prepare<[number], { idx: bigint; position: bigint; event_id: string; stream: string }>('SELECT idx, position, event_id, stream FROM log_leaves WHERE idx = ?'),
      leafOf: db.prepare<[string], { idx: bigint; position: bigint; event_id: string; stream: string }>(
        'SELECT idx, position, event_id, stream FROM log_leaves WHERE event_id = ?',
      ),
      nodesInRange: db.prepare<[number, number, number], { idx: bigint; hash: Buffer }>('SELECT idx, hash FROM log_nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx'),
      leafHashesInRange: db.prepare<[number, number], { idx: bigint; hash: Buffer }>('SELECT idx, leaf_hash AS hash FROM log_leaves WHERE idx BETWEEN ? AND ? ORDER BY idx'),
      leavesWithHashesFrom: db.prepare<[number, number], { idx: bigint; position: bigint; event_id: string; stream: string; hash: Buffer }>(
        'SELECT idx, position, event_id, stream, leaf_hash AS hash FROM log_leaves WHERE idx >= ? ORDER BY idx LIMIT ?',
      ),
      latest: db.prepare<[], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size DESC LIMIT 1'),
      atSize: db.prepare<[number], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints WHERE size = ?'),
      all: db.prepare<[], { size: bigint; root: Buffer; note: string; signed_at: string }>('SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size'),
      insertCheckpoint: db.prepare<[number, Buffer, string, string]>('INSERT OR IGNORE INTO log_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)'),
    };
    this.map = hasMapTables(db) ? new SqliteMapNodes(db) : null;
    if (!db.readonly) {
      this.insertLeaves = new BatchInsert(db, 'log_leaves', ['idx', 'position', 'event_id', 'stream', 'leaf_hash']);
      this.insertNodes = new BatchInsert(db, 'log_nodes', ['level', 'idx', 'hash']);
    }
    this.edge = TreeEdge.fromStore(this, this.storedSize());
  }

  /** Opens (and makes) the log at `file`; `readonly` for verifiers, which never change it. */
  static open(file: string, options: { readonly?: boolean } = {}): LogStore {
    if (!options.readonly) createPrivateFile(file);
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: 5000 });
    db.defaultSafeIntegers(true);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // Leaves are made again from the events after a crash, so their commits need not sync; a checkpoint
      // handed out must survive a crash as surely as the events it covers, and its commit syncs the WAL
      // (with every leaf before it): see `keepCheckpoint`.
      db.pragma(LEAVES_SYNC);
      migrate(db);
      db.exec(SCHEMA);
      // Made again here if a first build stopped before making it (see `deferEventIndex`).
      db.exec(EVENT_INDEX);
    } else if (schemaVersion(db) < SCHEMA_VERSION) {
      db.close();
      throw new Error(`${file} is in the format of an older version of the ledger: start the server once (it upgrades log.db), then verify again`);
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
    const hash = level === 0 ? this.statements.leafHash.get(index)?.leaf_hash : this.statements.node.get(level, index)?.hash;
    if (!hash) throw new RangeError(`The log holds no hash at level ${level}, index ${index}`);
    return hash;
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

  /** Up to `count` leaves from `index` on, in order, each with its leaf hash. */
  leavesWithHashesFrom(index: number, count: number): LogLeafWithHash[] {
    return this.statements.leavesWithHashesFrom.all(index, count).map((row) => ({ ...toLeaf(row), leafHash: row.hash }));
  }

  /**
   * Drops the event-id index until `restoreEventIndex`, for a build that appends many leaves:
   * making it once from sorted ids is far cheaper than inserting a million random ones into it.
   * Meanwhile `leafOfEvent` still answers, by a scan. A process that stops before restoring it
   * has it made again when log.db is next opened for writing.
   */
  deferEventIndex(): void {
    if (!this.eventIndexDeferred) this.db.exec('DROP INDEX IF EXISTS log_leaves_event_id');
    this.eventIndexDeferred = true;
  }

  /** Makes the event-id index again after `deferEventIndex` (a no-op otherwise). */
  restoreEventIndex(): void {
    if (!this.eventIndexDeferred || !this.db.open) return;
    this.db.exec(EVENT_INDEX);
    this.eventIndexDeferred = false;
  }

  /**
   * Appends leaves `expectedSize`, `expectedSize + 1`, … with the nodes they complete, in one
   * transaction; refuses (LogRaceError) when another writer has grown the log meanwhile.
   */
  append(expectedSize: number, leaves: readonly NewLeaf[]): void {
    if (leaves.length === 0) return;
    const edge = this.edge;
    const [insertLeaves, insertNodes] = [this.insertLeaves!, this.insertNodes!];
    const write = this.db.transaction(() => {
      const stored = this.storedSize();
      if (stored !== expectedSize) throw new LogRaceError(`log.db holds ${stored} leaves, expected ${expectedSize}`);
      const first = edge.size;
      for (const leaf of leaves) {
        insertLeaves.add(edge.size, leaf.position, leaf.eventId, leaf.stream, leaf.leafHash);
        // The first node made is the leaf itself, kept in its row.
        const made = edge.append(leaf.leafHash);
        for (let i = 1; i < made.length; i++) insertNodes.add(made[i].level, made[i].index, made[i].hash);
      }
      insertLeaves.flush();
      insertNodes.flush();
      // The map moves with the leaves, in their transaction (unless deferred); a map still behind (a log.db made before it) is caught up by `foldIntoMap`.
      if (!this.deferredHeads && this.map!.size() === first) this.map!.fold(first, leaves);
    });
    try {
      write.immediate();
      if (this.deferredHeads && this.deferredUpTo === edge.size - leaves.length) this.gatherHeads(leaves);
    } catch (error) {
      insertLeaves.clear();
      insertNodes.clear();
      this.map?.forget();
      // The edge moved with the rows that were rolled back: read it again from what is stored.
      this.edge = TreeEdge.fromStore(this, this.storedSize());
      throw error;
    }
  }

  /**
   * Folds leaves the log already holds, from leaf `from` on, into the map of stream heads (a log.db
   * made before the map: the follower reads every event at start and hands them here). Leaves the
   * map holds already are skipped; a gap before them is refused.
   */
  foldIntoMap(from: number, leaves: readonly { readonly stream: string; readonly revision: bigint }[]): void {
    const map = this.map!;
    if (this.deferredHeads) {
      if (from > this.deferredUpTo) throw new RangeError(`The map holds ${this.deferredUpTo} leaves; leaf ${from} cannot follow`);
      this.gatherHeads(leaves.slice(this.deferredUpTo - from, Math.max(0, this.storedSize() - from)));
      return;
    }
    this.inMapTransaction(() => {
      const at = map.size();
      if (from > at) throw new RangeError(`The map holds ${at} leaves; leaf ${from} cannot follow`);
      const fresh = leaves.slice(at - from);
      if (fresh.length > 0 && at + fresh.length <= this.storedSize()) map.fold(at, fresh);
    });
  }

  /**
   * Folds leaves into the map only at `foldDeferredHeads` / `flushMap`, each node written once for
   * all of them, instead of with every append: a first build over a million events would otherwise
   * rewrite the map's upper nodes with every batch, and the live follower (an append every 25 ms) its
   * pages with every commit. Meanwhile `mapSize` stays where it was, so no checkpoint is signed with
   * a map behind the leaves (the follower folds before it signs); a process that stops first leaves
   * the map where it was, and the follower's next catch-up folds the rest from the events.
   */
  deferMap(): void {
    if (this.deferredHeads || !this.map) return;
    this.deferredHeads = new Map();
    this.deferredUpTo = this.map.size();
  }

  /** Folds what `deferMap` gathered so far into the map, in one transaction, and goes on deferring. */
  foldDeferredHeads(): void {
    const heads = this.deferredHeads;
    if (!heads || heads.size === 0 || !this.db.open) return;
    this.deferredHeads = new Map();
    const upTo = this.deferredUpTo;
    const map = this.map!;
    this.inMapTransaction(() => {
      if (map.size() >= upTo) return;
      updateMap(map, [...heads.values()].map((head) => ({ key: mapKey(head.stream), value: encodeStreamHead({ revision: head.revision, leafIndex: head.index }) })));
      map.writePending();
      map.setSize(upTo);
    });
  }

  /** Folds what `deferMap` gathered into the map and stops deferring. */
  flushMap(): void {
    this.foldDeferredHeads();
    this.deferredHeads = null;
  }

  /** A write transaction on the map; on a rollback its node cache is forgotten with what it wrote. */
  private inMapTransaction(work: () => void): void {
    try {
      this.db.transaction(work).immediate();
    } catch (error) {
      this.map?.forget();
      throw error;
    }
  }

  /** Gathers the heads of leaves `deferredUpTo`, … while deferred; folds them at once when they name many streams (memory stays bounded). */
  private gatherHeads(leaves: readonly { readonly stream: string; readonly revision: bigint }[]): void {
    const heads = this.deferredHeads!;
    for (const leaf of leaves) heads.set(leaf.stream, { stream: leaf.stream, revision: leaf.revision, index: this.deferredUpTo++ });
    if (heads.size >= DEFERRED_HEADS_LIMIT) this.foldDeferredHeads();
  }

  /** How many leaves the map of stream heads holds (0 when log.db has no map). */
  get mapSize(): number {
    return this.map?.size() ?? 0;
  }

  /** The map's root as it is now (at `mapSize`). */
  mapRoot(): Buffer {
    if (!this.map) throw new RangeError('This log.db holds no map of stream heads');
    return mapRoot(this.map);
  }

  /**
   * `stream`'s head and its proof, read in one transaction, if the log and its map both hold
   * exactly `size` leaves then (the map keeps no history: a proof for a checkpoint is read while
   * the log is still at its size); null otherwise.
   */
  streamHeadProof(stream: string, size: number): StreamHeadProof | null {
    const map = this.map;
    if (!map) return null;
    return this.db.transaction((): StreamHeadProof | null => {
      if (this.storedSize() !== size || map.size() !== size) return null;
      const key = mapKey(stream);
      const leaf = mapLookup(map, key);
      return { size, mapRoot: mapRoot(map), head: leaf?.value ? decodeStreamHead(leaf.value) : null, proof: mapProof(map, key) };
    })();
  }

  /** The stored hashes of nodes (level, from…to), by index; a node the log does not hold is absent. */
  storedHashes(level: number, from: number, to: number): Map<number, Buffer> {
    const rows = level === 0 ? this.statements.leafHashesInRange.all(from, to) : this.statements.nodesInRange.all(level, from, to);
    return new Map(rows.map((row) => [Number(row.idx), row.hash]));
  }

  /**
   * What `ledger verify` holds to the events, read in one transaction (a server may be appending):
   * how many leaves the log holds, and its map of stream heads with how many leaves that covers.
   */
  snapshot(): { size: number; mapSize: number; mapNodes: Map<string, MapNode> } {
    return this.db.transaction(() => ({ size: this.storedSize(), mapSize: this.map?.size() ?? 0, mapNodes: this.map?.all() ?? new Map<string, MapNode>() }))();
  }

  /** Reads the log's size again (after another writer, e.g. a CLI catching it up, has grown it). */
  refresh(): void {
    this.map?.forget();
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

  /** Keeps a witness's cosignature line of the checkpoint of `size` (its latest one, if the witness cosigned it again). */
  keepCosignature(size: number, witness: string, line: string): void {
    this.db.prepare('INSERT OR REPLACE INTO log_cosignatures (size, witness, line) VALUES (?, ?, ?)').run(size, witness, line);
  }

  /** The cosignature lines kept for the checkpoint of `size`, by witness; none in a log.db made before witnesses. */
  cosignaturesAt(size: number): { witness: string; line: string }[] {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_cosignatures'").get()) return [];
    return this.db.prepare<[number], { witness: string; line: string }>('SELECT witness, line FROM log_cosignatures WHERE size = ? ORDER BY witness').all(size);
  }

  /** Keeps a key rotation: the checkpoint that names the new key, signed by the old key and the new (see key-rotation.ts). */
  keepKeyRotation(rotation: KeyRotation): void {
    this.db.pragma(CHECKPOINT_SYNC);
    try {
      this.db.prepare('INSERT INTO log_key_rotations (rotated_at, size, old_key, new_key, note) VALUES (?, ?, ?, ?, ?)').run(rotation.rotatedAt, rotation.size, rotation.oldKey, rotation.newKey, rotation.note);
    } finally {
      this.db.pragma(LEAVES_SYNC);
    }
  }

  /** Every key rotation, oldest first; none in a log.db made before rotations. */
  keyRotations(): KeyRotation[] {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_key_rotations'").get()) return [];
    return this.db
      .prepare<[], { rotated_at: string; size: bigint; old_key: string; new_key: string; note: string }>('SELECT rotated_at, size, old_key, new_key, note FROM log_key_rotations ORDER BY rotated_at')
      .all()
      .map((row) => ({ rotatedAt: row.rotated_at, size: Number(row.size), oldKey: row.old_key, newKey: row.new_key, note: row.note }));
  }

  keepCheckpoint(checkpoint: KeptCheckpoint): void {
    this.db.pragma(CHECKPOINT_SYNC);
    try {
      this.statements.insertCheckpoint.run(checkpoint.size, checkpoint.root, checkpoint.note, checkpoint.signedAt);
    } finally {
      this.db.pragma(LEAVES_SYNC);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Map nodes a connection keeps in memory (about 200 bytes each). */
const MAP_CACHE_NODES = 500_000;

/** Streams gathered by a deferred map before they are folded in (about 100 bytes each). */
const DEFERRED_HEADS_LIMIT = 200_000;

function hasMapTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_map_nodes'").get() !== undefined;
}

type MapRow = { path: string; hash: Buffer; leaf_key: Buffer | null; value: Buffer | null };

function toMapNode(row: Omit<MapRow, 'path'>): MapNode {
  return row.leaf_key && row.value
    ? { kind: 'leaf', hash: row.hash, key: row.leaf_key, value: row.value, valueHash: hashMapValue(row.value) }
    : { kind: 'inner', hash: row.hash };
}

/** The map's nodes in log.db; written only inside the leaves' (or `foldIntoMap`'s) transaction. */
class SqliteMapNodes implements MapNodes {
  private readonly statements;
  /** Nodes as last read or written by this connection: a batch reads the nodes the last one wrote. */
  private readonly cache = new Map<string, MapNode | null>();
  /**
   * Nodes put and not yet written: a fold writes them many rows to a statement (`writePending`, before
   * its transaction commits), as the leaves are; meanwhile reads find them in the cache.
   */
  private readonly writes?: BatchInsert;

  constructor(db: Database.Database) {
    this.statements = {
      node: db.prepare<[string], Omit<MapRow, 'path'>>('SELECT hash, leaf_key, value FROM log_map_nodes WHERE path = ?'),
      all: db.prepare<[], MapRow>('SELECT path, hash, leaf_key, value FROM log_map_nodes'),
      size: db.prepare<[], { value: bigint }>("SELECT value FROM log_meta WHERE name = 'map_size'"),
      ...(db.readonly
        ? {}
        : {
            setSize: db.prepare<[number]>("INSERT OR REPLACE INTO log_meta (name, value) VALUES ('map_size', ?)"),
          }),
    };
    if (!db.readonly) this.writes = new BatchInsert(db, 'log_map_nodes', ['path', 'hash', 'leaf_key', 'value'], 200, 'INSERT OR REPLACE');
  }

  node(path: string): MapNode | null {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    const row = this.statements.node.get(path);
    const node = row ? toMapNode(row) : null;
    this.remember(path, node);
    return node;
  }

  put(path: string, node: MapNode): void {
    if (node.kind === 'leaf' && !node.value) throw new Error('A stored map leaf keeps its value');
    this.writes!.add(path, node.hash, node.kind === 'leaf' ? node.key : null, node.kind === 'leaf' ? node.value! : null);
    this.remember(path, node);
  }

  /** Writes the nodes put since the last call; a fold calls it before its transaction commits. */
  writePending(): void {
    this.writes?.flush();
  }

  /** Forgets what was read or written (a transaction rolled back, or another writer moved the map). */
  forget(): void {
    this.writes?.clear();
    this.cache.clear();
  }

  private remember(path: string, node: MapNode | null): void {
    // Bounded: a map of millions of streams is read from disk below the levels every batch touches.
    // The nodes put but not yet written go to disk first, where the reads that miss the cache find them.
    if (this.cache.size >= MAP_CACHE_NODES) {
      this.writePending();
      this.cache.clear();
    }
    this.cache.set(path, node);
  }

  size(): number {
    return Number(this.statements.size.get()?.value ?? 0n);
  }

  setSize(size: number): void {
    this.statements.setSize!.run(size);
  }

  all(): Map<string, MapNode> {
    return new Map(this.statements.all.all().map((row) => [row.path, toMapNode(row)]));
  }

  /** Leaves `from`, `from + 1`, … (the map holds `from`): each stream's last one becomes its head. */
  fold(from: number, leaves: readonly { readonly stream: string; readonly revision: bigint }[]): void {
    if (leaves.length === 0) return;
    updateMap(this, streamHeadUpdates(from, leaves));
    this.writePending();
    this.statements.setSize!.run(from + leaves.length);
  }
}

/** The map updates for leaves `from`, `from + 1`, …: one per stream, its last leaf (`updateMap` keeps the last of a key). */
export function streamHeadUpdates(from: number, leaves: readonly { readonly stream: string; readonly revision: bigint }[]): MapUpdate[] {
  return leaves.map((leaf, i) => ({ key: mapKey(leaf.stream), value: encodeStreamHead({ revision: leaf.revision, leafIndex: from + i }) }));
}

function toLeaf(row: { idx: bigint; position: bigint; event_id: string; stream: string }): LogLeaf {
  return { index: Number(row.idx), position: row.position, eventId: row.event_id, stream: row.stream };
}

function toCheckpoint(row: { size: bigint; root: Buffer; note: string; signed_at: string }): KeptCheckpoint {
  return { size: Number(row.size), root: row.root, note: row.note, signedAt: row.signed_at };
}

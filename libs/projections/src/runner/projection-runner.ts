import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AllScan, EventStore, RecordedEvent, ScannedEvent, SharedScanSource } from '@ledger/ledger';
import { consecutiveRanges, createPrivateFile, decodeRecorded, mayDecodeAs, readAllPages, type DecodedEvent } from '@ledger/ledger';
import { PositionWatch } from './position-watch.js';
import type { EventPlace, Projection, ProjectedEvent, SetupOptions, StreamReader } from './projection.js';
import type { FoldingReply, FoldingTask, FoldingWorkerData } from './folding-worker.js';

export interface RunnerOptions {
  readonly pageSize?: number;
  /** Events applied per transaction while following live. */
  readonly liveBatchSize?: number;
  readonly onProgress?: (position: bigint) => void;
  readonly onError?: (error: unknown) => void;
  /** How long to wait before following again from the checkpoint after a batch failed (default 1 s). */
  readonly retryDelayMs?: number;
  /** Rows each view may hold in memory per generation during `rebuild` (SetupOptions.heldRows). */
  readonly rebuildHeldRows?: number;
  /** And while following live (default: the view's own bound). */
  readonly liveHeldRows?: number;
  /**
   * Whether a rebuild folds a view that offers it (`Projection.rebuildInWorker`) in a worker thread,
   * when the store can be scanned from one and the compiled worker script exists (default: yes).
   */
  readonly foldInWorker?: boolean;
}

/**
 * Follows `$all` from the checkpoint in `views.db` and applies every event to each projection that
 * handles it; read-model rows and the checkpoint commit in one SQLite transaction.
 */
export class ProjectionRunner {
  readonly db: Database.Database;
  private readonly handlersByType = new Map<string, Projection[]>();
  private readonly preparing: readonly Projection[];
  private readonly liveSetup: SetupOptions;
  private readonly batchListeners = new Set<(position: bigint) => void>();
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private rebuilding = false;
  private readonly watch: PositionWatch;
  private readonly readCheckpoint: Database.Statement<[], { position: string | null }>;
  private readonly writeCheckpoint: Database.Statement<[string]>;

  constructor(
    private readonly store: EventStore,
    viewsFile: string,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    createPrivateFile(viewsFile);
    this.db = new Database(viewsFile);
    // Only a new file takes it: a database keeps the page size it was made with (see VIEWS_PAGE_SIZE).
    this.db.pragma(`page_size = ${VIEWS_PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    // Views can always be rebuilt from the ledger, so they need not pay for an fsync per commit.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS view_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT);
      CREATE TABLE IF NOT EXISTS view_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
      INSERT OR IGNORE INTO view_checkpoint (id, position) VALUES (1, NULL);`);
    this.readCheckpoint = this.db.prepare('SELECT position FROM view_checkpoint WHERE id = 1');
    this.writeCheckpoint = this.db.prepare('UPDATE view_checkpoint SET position = ? WHERE id = 1');
    this.liveSetup = options.liveHeldRows === undefined ? {} : { heldRows: options.liveHeldRows };
    this.rebuildIfVersionsChanged();
    this.preparing = projections.filter((projection) => projection.prepare !== undefined);
    for (const projection of projections) {
      projection.setup(this.db, this.liveSetup);
      for (const type of projection.handles) {
        const list = this.handlersByType.get(type) ?? [];
        list.push(projection);
        this.handlersByType.set(type, list);
      }
    }
    const stored = this.readCheckpoint.get()?.position;
    this.watch = new PositionWatch(stored ? BigInt(stored) : null);
  }

  /** The `$all` position the views have reached (null: nothing yet). */
  get checkpoint(): bigint | null {
    return this.watch.position;
  }

  start(): void {
    if (this.loop) return;
    if (this.rebuilding) throw new Error('A rebuild is running');
    this.abort = new AbortController();
    this.loop = this.follow(this.abort.signal).catch((error) => {
      if (!this.abort.signal.aborted) this.options.onError?.(error);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = null;
    this.watch.releaseAll();
  }

  async close(): Promise<void> {
    await this.stop();
    if (this.db.open) this.db.close();
  }

  /**
   * Runs `listener` after every batch the runner commits (e.g. the findings clock's check). A
   * listener's failure is reported through `onError` and never stops the runner. Returns an unsubscribe.
   */
  onBatchApplied(listener: (position: bigint) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** Resolves true once the views have reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    return this.watch.waitFor(position, timeoutMs);
  }


  /**
   * Lets every view write what time alone has made true by `now` (see `Projection.advanceClock`), in
   * one transaction on this runner's connection: the views have one writer. Returns the new rows.
   */
  async advanceClock(now: Date): Promise<number> {
    if (!this.db.open || this.rebuilding) return 0;
    return this.db
      .transaction(() => this.projections.reduce((added, projection) => added + (projection.advanceClock?.(this.db, now) ?? 0), 0))
      .immediate();
  }

  /**
   * Drops every view and replays the ledger from position 0 (the runner must be stopped), in one
   * SQLite transaction with the drop: until it commits, readers and a crashed or failed rebuild see
   * the old views and the old checkpoint, never a half-built view. The views make their tables
   * without secondary indexes and hold recent cases' rows in memory (`SetupOptions.rebuilding`);
   * the indexes are built once the replay has ended, then the checkpoint and versions are written.
   */
  async rebuild(onProgress?: (eventsApplied: number, position: bigint) => void): Promise<number> {
    if (this.loop) throw new Error('Stop the runner before rebuilding');
    if (this.rebuilding) throw new Error('A rebuild is already running');
    this.rebuilding = true;
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    // The whole replay is one transaction; beyond its page cache SQLite spills to the WAL. 64 MiB is as
    // fast over 1M events as 1 GiB (the replay is bound by CPU, not by page I/O) and keeps RSS low.
    this.db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    let applied = 0;
    let last = null as bigint | null;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const scan = this.store.allScan?.();
      const folding = scan ? this.foldingView(scan) : undefined;
      for (const projection of this.projections) {
        projection.teardown(this.db);
        projection.setup(this.db, { rebuilding: true, heldRows: this.options.rebuildHeldRows, keepIndexesInOpeningOrder: folding !== undefined });
      }
      this.recordVersions();
      await this.replayAll(scan, folding, this.options.pageSize ?? 5000, (events, position) => {
        applied += events;
        last = position;
        onProgress?.(applied, position);
      });
      for (const projection of this.projections) projection.finishRebuild?.(this.db);
      // Secondary indexes over the finished tables: one sort each instead of upkeep on every row. SQLite's
      // sorter keeps up to a page cache's worth of keys in memory per run before it merges runs, and
      // runs that fit the CPU's caches sort a table of 300,000 cases about three times faster than one
      // 64 MiB run (measured; a second sorter thread, tried before, was slower).
      this.db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
      for (const projection of this.projections) projection.setup(this.db, this.liveSetup);
      this.writeCheckpoint.run(last === null ? (null as unknown as string) : last.toString());
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // The old views are back; forget whatever the replay held for them.
      for (const projection of this.projections) projection.setup(this.db, this.liveSetup);
      throw error;
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.rebuilding = false;
    }
    this.watch.reset();
    if (last !== null) this.announce(last);
    // The replay went through the WAL: copy it into the database file now and give back its space.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return applied;
  }

  /**
   * Applies whatever is in the ledger beyond the checkpoint, then returns. Views that have nothing yet
   * (a new views.db, or views whose version changed) are built the way `rebuild` builds them.
   */
  async catchUp(): Promise<void> {
    if (this.watch.position === null && !this.loop && !this.rebuilding) {
      await this.rebuild();
      return;
    }
    await this.refreshStaleParts(this.watch.position!);
    await this.applyNewEvents();
  }

  /** Lets the views rebuild on their own the parts whose version changed (`Projection.refresh`), in one transaction. */
  private async refreshStaleParts(upTo: bigint): Promise<void> {
    for (const projection of this.projections.filter((p) => p.refresh !== undefined)) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        await projection.refresh!(this.db, this.readStream, upTo);
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        projection.setup(this.db, this.liveSetup);
        throw error;
      }
    }
  }

  /**
   * Applies the ledger beyond the checkpoint page by page, never by the rebuild path: the live loop
   * catches up through this even from a null checkpoint (a fresh install's empty ledger), because a
   * rebuild drops the views under the readers and the loop is already their writer.
   */
  private async applyNewEvents(): Promise<void> {
    for await (const page of readAllPages(this.store, { afterPosition: this.watch.position ?? undefined, pageSize: this.options.pageSize ?? 5000 })) {
      await this.applyBatch(page);
    }
  }

  /**
   * Follows live until stopped. A batch that fails is rolled back and forgotten, and following starts
   * again from the checkpoint after `retryDelayMs`: skipping the batch and carrying on would leave its
   * events out of the views for good, behind a later checkpoint.
   */
  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.followUntilFailure(signal);
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.options.onError?.(error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.retryDelayMs ?? 1000);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
  }

  private async followUntilFailure(outer: AbortSignal): Promise<void> {
    await this.applyNewEvents();
    const following = new AbortController();
    const stop = () => following.abort();
    outer.addEventListener('abort', stop, { once: true });
    if (outer.aborted) following.abort(); // stopped while catching up: the listener came too late
    const batchSize = this.options.liveBatchSize ?? 500;
    let batch: RecordedEvent[] = [];
    let flushScheduled = false;
    let failure: { readonly error: unknown } | null = null;
    // One batch at a time: a batch is prepared (folds read back from the ledger) before its transaction.
    let applying: Promise<void> = Promise.resolve();
    const flush = () => {
      flushScheduled = false;
      if (batch.length === 0 || failure) return;
      const events = batch;
      batch = [];
      applying = applying.then(async () => {
        if (failure || !this.db.open) return;
        try {
          await this.applyBatch(events);
        } catch (error) {
          failure = { error };
          following.abort();
        }
      });
    };
    try {
      for await (const event of this.store.subscribeToAll({ fromPosition: this.watch.position ?? undefined, signal: following.signal })) {
        if (failure) break;
        const reached = this.watch.position;
        if (reached !== null && event.position <= reached) continue;
        batch.push(event);
        if (batch.length >= batchSize) flush();
        else if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      }
      flush();
      await applying;
    } finally {
      outer.removeEventListener('abort', stop);
    }
    if (failure) throw (failure as { readonly error: unknown }).error;
  }

  private async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = events[events.length - 1].position;
    try {
      await this.prepare(events);
      // IMMEDIATE: take the write lock before the first read, so that no reader's snapshot can go stale mid-batch.
      this.db.transaction(() => {
        this.applyEvents(events);
        this.writeCheckpoint.run(last.toString());
      }).immediate();
    } catch (error) {
      // Rolled back: the rows the views folded for this batch must not reach a later one.
      for (const projection of this.projections) projection.setup(this.db, this.liveSetup);
      throw error;
    }
    this.announce(last);
  }

  /** Every event to each view that handles it, then each view's flush (inside the caller's transaction). */
  private applyEvents(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      if (!this.isHandled(recorded.type)) continue;
      const event = toProjected(recorded);
      for (const projection of this.handlersByType.get(event.type) ?? []) projection.apply(this.db, event);
    }
    this.flushAll();
  }

  /** Lets the views that read back state before a batch (see `Projection.prepare`) do so. */
  private async prepare(events: readonly EventPlace[]): Promise<void> {
    for (const projection of this.preparing) await projection.prepare!(this.db, events, this.readStream);
  }

  private readonly readStream: StreamReader = (stream) => this.store.readStream(stream);

  private flushAll(): void {
    for (const projection of this.projections) projection.flush?.(this.db);
  }

  /**
   * Applies `$all` from the start a page at a time (each page ends with the views' flush) and reports
   * each page. Reads by the store's whole-ledger scan where it has one (flat rows: no RecordedEvent,
   * no Date, events no view handles left unparsed), else by `readAll` pages.
   */
  private async replayAll(scan: AllScan | undefined, folding: Projection | undefined, pageSize: number, onPage: (events: number, last: bigint) => void): Promise<void> {
    if (!scan) {
      for await (const page of readAllPages(this.store, { pageSize })) {
        await this.prepare(page);
        this.applyEvents(page);
        onPage(page.length, page[page.length - 1].position);
      }
      return;
    }
    const bounds = scan.bounds();
    if (!bounds) return;
    if (folding && scan.shared) {
      await this.replayWithFoldingWorker(scan.shared, bounds, folding, pageSize, onPage);
      return;
    }
    for (const [from, to] of consecutiveRanges(bounds.first, bounds.last, pageSize)) {
      let events = 0;
      let last = from;
      for (const rows of scannedChunks(scan, from, to)) {
        events += rows.length;
        last = rows[rows.length - 1][0];
        if (this.preparing.length > 0) await this.prepare(placesOf(rows));
        for (const [position, stream, revision, type, data, metadata] of rows) {
          if (!this.isHandled(type)) continue;
          const event = new Projected(stream, revision, position, type, data, metadata);
          for (const projection of this.handlersByType.get(event.type) ?? []) projection.apply(this.db, event);
        }
      }
      this.flushAll();
      if (events > 0) onPage(events, last);
      // The scan is synchronous: give timers and I/O (a progress bar) a turn between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The replay with one view folded in a worker thread (`Projection.rebuildInWorker`): the worker
   * scans `$all` on its own connection, folds that view and sends its writes, with the rows the other
   * views read; this thread runs those writes and applies those rows, in `$all` order, while the
   * worker folds the next ranges. Views never share rows, so the two streams of writes need no order
   * between them.
   */
  private async replayWithFoldingWorker(
    source: SharedScanSource,
    bounds: { readonly first: bigint; readonly last: bigint },
    folding: Projection,
    pageSize: number,
    onPage: (events: number, last: bigint) => void,
  ): Promise<void> {
    const folded = new Set(folding.rebuildInWorker!.foldedTypes);
    const others = new Map<string, Projection[]>();
    for (const [type, list] of this.handlersByType) {
      const rest = folded.has(type) ? list.filter((projection) => projection !== folding) : list;
      if (rest.length > 0) others.set(type, rest);
    }
    const workerData: FoldingWorkerData = {
      source,
      view: folding.rebuildInWorker!.workerData,
      forwardTypes: [...others.keys()],
      ...(this.options.rebuildHeldRows !== undefined && { heldRows: this.options.rebuildHeldRows }),
    };
    // A young generation larger than V8's default: the worker allocates each event's parse and fold at a
    // high rate, and with a small one every scavenge copies (and soon promotes) the folds still held.
    const worker = new Worker(folding.rebuildInWorker!.script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: FOLDING_YOUNG_GENERATION_MB } });
    const statements: Database.Statement[] = [];
    const replies = new Map<number, FoldingReply>();
    // Set by the workers' callbacks: declared wide so the checks after an await are not narrowed to its first value.
    let failure = null as Error | null;
    let wake: (() => void) | null = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    worker.on('message', (reply: FoldingReply) => {
      if ('error' in reply) failure ??= new Error(`Folding ${folding.name} in a worker failed: ${reply.error}`);
      else replies.set(reply.seq, reply);
      signal();
    });
    worker.on('error', (error) => {
      failure ??= error;
      signal();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`Folding ${folding.name}: the worker exited (code ${code}) before the end`);
      signal();
    });
    const tasks: FoldingTask[] = consecutiveRanges(bounds.first, bounds.last, pageSize).map(([from, to], seq) => ({ seq, from, to }));
    tasks.push({ seq: tasks.length, finish: true });
    let sent = 0;
    const send = (upTo: number) => {
      for (; sent < tasks.length && sent <= upTo; sent++) worker.postMessage(tasks[sent]);
    };
    try {
      send(FOLDING_AHEAD);
      for (let seq = 0; seq < tasks.length; seq++) {
        let reply: FoldingReply | undefined;
        while (!(reply = replies.get(seq))) {
          if (failure) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
        }
        replies.delete(seq);
        send(seq + 1 + FOLDING_AHEAD);
        if ('error' in reply) throw failure ?? new Error(reply.error);
        for (const sql of reply.sql) statements.push(this.db.prepare(sql));
        const ops = reply.ops;
        for (let at = 0; at < ops.length; at += 2) statements[ops[at] as number].run(...(ops[at + 1] as unknown[]));
        for (const row of reply.forwarded) {
          const event = projectedFromScan(row);
          for (const projection of others.get(event.type) ?? []) projection.apply(this.db, event);
        }
        this.flushAll();
        if (reply.events > 0 && reply.last !== null) onPage(reply.events, reply.last);
      }
    } finally {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }

  /** The view a rebuild folds in a worker thread, if any: the store's scan can be opened there and the compiled worker script exists. */
  private foldingView(scan: AllScan): Projection | undefined {
    if (!scan.shared || this.options.foldInWorker === false) return undefined;
    return this.projections.find((projection) => projection.rebuildInWorker && existsSync(fileURLToPath(projection.rebuildInWorker.script)));
  }

  /** Whether a view reads events stored as `type` (directly, or once an upcaster has made them current). */
  private isHandled(type: string): boolean {
    return mayDecodeAs(type, this.handlersByType);
  }

  /** The views have committed up to `last`: wake the waiters and tell the listeners. */
  private announce(last: bigint): void {
    this.watch.advance(last);
    this.options.onProgress?.(last);
    for (const listener of this.batchListeners) {
      try {
        listener(last);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private rebuildIfVersionsChanged(): void {
    const rows = this.db.prepare('SELECT name, version FROM view_versions').all() as { name: string; version: number }[];
    const stored = new Map(rows.map((row) => [row.name, row.version]));
    const changed = this.projections.some((p) => stored.get(p.name) !== p.version) || rows.length !== this.projections.length;
    if (!changed) return;
    this.db.transaction(() => {
      for (const projection of this.projections) projection.teardown(this.db);
      this.recordVersions();
    })();
  }

  /** The versions of the views as they are now made, and no checkpoint yet (inside the caller's transaction). */
  private recordVersions(): void {
    this.db.prepare('DELETE FROM view_versions').run();
    const insert = this.db.prepare('INSERT INTO view_versions (name, version) VALUES (?, ?)');
    for (const projection of this.projections) insert.run(projection.name, projection.version);
    this.writeCheckpoint.run(null as unknown as string);
  }
}

/** Positions a rebuild reads, prepares and applies at a time. */
const PREPARED_CHUNK = 256;

/**
 * Ranges a folding worker may be given ahead of the one whose writes the runner's thread is running.
 * A range's writes come in bursts (a generation of folds leaves memory at once): with room to fold on
 * while this thread writes a burst, neither thread waits for the other as often (3 left each idle a
 * quarter of the time).
 */
const FOLDING_AHEAD = 12;

/** The folding worker's young generation, in MiB. */
const FOLDING_YOUNG_GENERATION_MB = 128;

/** The page cache of a rebuild's transaction, in KiB (SQLite's default is 2 MiB). */
const REBUILD_CACHE_KIB = 64 * 1024;

/** The page cache while a rebuild makes the indexes, in KiB: it bounds each of the sorter's in-memory runs. */
const INDEX_BUILD_CACHE_KIB = 1024;

/**
 * Bytes per page of a new views.db (SQLite's default is 4,096). A rebuild writes every view through
 * the WAL, which SQLite writes, checksums and indexes a frame (a page) at a time: 8 KiB pages rebuilt
 * 1M events in about three quarters of the time of 4 KiB ones. Larger pages cost the live path: a
 * batch rewrites whole pages, and with 64 KiB ones small batches took 2-3 times as long (8 KiB: the
 * same CPU as 4 KiB).
 */
const VIEWS_PAGE_SIZE = 8192;

/** An event with its data decoded (parsed, upcast); its metadata is parsed only if a view (or an upcaster) reads it. */
class Projected implements ProjectedEvent {
  readonly type: string;
  readonly data: unknown;
  private readonly decoded: DecodedEvent;

  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly position: bigint,
    type: string,
    data: string,
    metadata: string,
    readonly recordedAt?: Date,
  ) {
    this.decoded = decodeRecorded({ type, data, metadata });
    this.type = this.decoded.event.type;
    this.data = this.decoded.event.data;
  }

  get metadata(): ProjectedEvent['metadata'] {
    return this.decoded.metadata;
  }
}

/**
 * `$all` from `from` to `to` in chunks of `PREPARED_CHUNK` positions, each chunk's rows in one array (empty
 * chunks left out): a chunk is held until its views are prepared, and a small chunk dies young.
 */
export function* scannedChunks(scan: AllScan, from: bigint, to: bigint): Generator<ScannedEvent[]> {
  for (const [chunkFrom, chunkTo] of consecutiveRanges(from, to, PREPARED_CHUNK)) {
    const rows: ScannedEvent[] = [];
    scan.scan(chunkFrom, chunkTo, (row) => {
      rows.push(row);
      return true;
    });
    if (rows.length > 0) yield rows;
  }
}

/** Where each scanned row sits, for `Projection.prepare`. */
export function placesOf(rows: readonly ScannedEvent[]): EventPlace[] {
  return rows.map(([position, stream, revision, type]) => ({ position, stream, revision, type }));
}

/** A scanned row as the views see it. */
export function projectedFromScan([position, stream, revision, type, data, metadata]: ScannedEvent): ProjectedEvent {
  return new Projected(stream, revision, position, type, data, metadata);
}

export function toProjected(recorded: RecordedEvent): ProjectedEvent {
  return new Projected(recorded.stream, recorded.revision, recorded.position, recorded.type, recorded.data, recorded.metadata, recorded.recordedAt);
}

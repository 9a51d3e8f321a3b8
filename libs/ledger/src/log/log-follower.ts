import type { EventStore } from '../event-store/event-store.port.js';
import { asError } from '../event-store/as-error.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { IntegrityAlarm } from './integrity-alarm.js';
import { type HashedLogEntry, leafOf, readLogEntries, type ReadLogEntriesOptions } from './log-entries.js';
import { type KeptCheckpoint, LogRaceError, type LogStore, type NewLeaf } from './log-store.js';
import { type NoteSigner, parseNote, signNote } from './signed-note.js';
import { streamHeadsLine, streamHeadsRootOf } from './stream-heads-map.js';

function newLeaf(entry: HashedLogEntry): NewLeaf {
  return { position: entry.position, eventId: entry.id, stream: entry.stream, revision: entry.revision, leafHash: entry.leafHash };
}

/**
 * Appended leaves after which a catch-up builds the event-id index once at its end instead of
 * with every insert: random ids scatter a B-tree's inserts over all its pages, which made a first
 * build over a million events spend most of its time rewriting index pages.
 */
const BULK_AFTER_LEAVES = 20_000;
/** Leaves per transaction in such a build: fewer, larger commits (each one a WAL sync). */
const BULK_TRANSACTION_LEAVES = 50_000;
/**
 * Under a steady stream of writes, checkpoints are signed at most once a second: each signature folds
 * the new stream heads into the map, and a second's heads share most of the map's upper nodes, which a
 * fold every 200 ms wrote again and again on the thread that answers requests (about half the
 * follower's time in a profile of `POST /v1/cases`). A few new leaves still get theirs after `signDelayMs`.
 */
const BUSY_SIGN_INTERVAL_MS = 1000;
/** Unsigned leaves from which the log counts as busy (the bench's writes; not a test's handful). */
const BUSY_UNSIGNED_LEAVES = 16;

export interface LogFollowerOptions {
  readonly origin: string;
  /**
   * How long after a batch the next checkpoint is signed (default 200 ms): one signature per burst.
   * While at least 16 leaves wait unsigned, not sooner than a second after the last signature.
   */
  readonly signDelayMs?: number;
  /**
   * How long new events wait to become leaves (default 25 ms): one log.db transaction for every event
   * committed meanwhile, instead of one per group commit of events, on the thread that answers requests.
   */
  readonly appendDelayMs?: number;
  /** How catching up reads `$all` (page size, worker threads): see `readLogEntries`. */
  readonly reading?: ReadLogEntriesOptions;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
  readonly onCheckpoint?: (checkpoint: KeptCheckpoint) => void;
}

/**
 * Keeps `log.db` one leaf per event of `$all`, in `$all` order, and signs checkpoints.
 *
 * It starts from the beginning of `$all` every time: events the log already holds are compared
 * with their leaves (a deleted, swapped, rewritten or cut event is a contradiction), new ones are
 * appended; then it follows live. Before each signature it checks that the last event it holds is
 * still where it was (a cut tail while it runs) and that the log still has the root of the last
 * checkpoint it signed. Any contradiction raises the alarm, and from then on it signs nothing.
 */
export class LogFollower {
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private signTimer: NodeJS.Timeout | null = null;
  private signing: Promise<void> = Promise.resolve();
  /** When the last checkpoint was signed (`performance.now()`), for the busy cadence. */
  private lastSignedAt = Number.NEGATIVE_INFINITY;
  private readonly waiters = new Set<{ size: number; resolve: (checkpoint: KeptCheckpoint | null) => void }>();

  constructor(
    private readonly store: EventStore,
    private readonly log: LogStore,
    private readonly signer: NoteSigner,
    private readonly alarm: IntegrityAlarm,
    private readonly options: LogFollowerOptions,
  ) {}

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = (async () => {
      while (!signal.aborted && !this.alarm.raised) {
        try {
          await this.catchUp();
          await this.followLive(signal);
          return;
        } catch (error) {
          if (signal.aborted) return;
          if (!(error instanceof LogRaceError)) this.options.onError?.(error);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, error instanceof LogRaceError ? 0 : 1000);
            signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
          });
          this.log.refresh();
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.signTimer) clearTimeout(this.signTimer);
    this.signTimer = null;
    await this.loop;
    this.loop = null;
    await this.signing;
    for (const waiter of this.waiters) waiter.resolve(null);
    this.waiters.clear();
  }

  /**
   * Compares every event of `$all` with the leaf the log holds for it, appends those beyond, and
   * signs a checkpoint for what it holds. Returns once `$all` is read to its end.
   */
  async catchUp(): Promise<void> {
    this.checkLastCheckpoint();
    let index = 0;
    let appended = 0;
    let pending: NewLeaf[] = [];
    let pendingFrom = 0;
    const appendPending = (): void => {
      if (pending.length > 0) this.log.append(pendingFrom, pending);
      pending = [];
    };
    // Catching up may append or fold many leaves: the map of stream heads takes them all at the end (see `deferMap`).
    this.log.deferMap();
    try {
      for await (const page of readLogEntries(this.store, this.options.reading)) {
        if (this.alarm.raised) return;
        const held = Math.max(0, Math.min(page.length, this.log.size - index));
        if (held > 0 && !this.matches(index, page.slice(0, held))) return;
        // A log.db made before the map of stream heads: the map is caught up from the events the log already holds.
        if (held > 0 && this.log.mapSize < index + held) this.log.foldIntoMap(index, page.slice(0, held));
        if (held < page.length) {
          if (pending.length === 0) pendingFrom = index + held;
          for (let i = held; i < page.length; i++) pending.push(newLeaf(page[i]));
          appended += page.length - held;
          const bulk = appended >= BULK_AFTER_LEAVES;
          if (bulk) this.log.deferEventIndex();
          if (!bulk || pending.length >= BULK_TRANSACTION_LEAVES) appendPending();
        }
        index += page.length;
      }
      appendPending();
    } finally {
      this.log.restoreEventIndex();
      this.log.flushMap();
    }
    if (index < this.log.size) {
      this.alarm.raise(`the ledger has ${index} entries but the log holds ${this.log.size}: events were removed`);
      return;
    }
    await this.signNow();
  }

  /** Whether `events` are the leaves the log holds from `from` on; raises the alarm at the first that is not. */
  private matches(from: number, events: readonly HashedLogEntry[]): boolean {
    const leaves = this.log.leavesWithHashesFrom(from, events.length);
    return events.every((event, i) => {
      const leaf = leaves[i];
      const index = from + i;
      if (leaf && leaf.eventId === event.id && leaf.position === event.position && leaf.leafHash.equals(event.leafHash)) return true;
      this.alarm.raise(
        `entry ${index} of the ledger (${event.stream}@${event.revision}) is not the event the log holds there` +
          (leaf ? ` (${leaf.stream}, event ${leaf.eventId})` : '') +
          ': events were removed, reordered or rewritten',
      );
      return false;
    });
  }

  private async followLive(signal: AbortSignal): Promise<void> {
    // The map of stream heads is folded once per signature, not once per append (see `deferMap`).
    this.log.deferMap();
    const last = this.log.size > 0 ? this.log.leafAt(this.log.size - 1) : null;
    const subscription = this.store.subscribeToAll({ ...(last ? { fromPosition: last.position } : {}), signal });
    let batch: NewLeaf[] = [];
    let flushTimer: NodeJS.Timeout | undefined;
    // Set by the flush callback: declared wide so the checks after an await are not narrowed to its first value.
    let failure = null as Error | null;
    const flush = (): void => {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (batch.length === 0 || failure) return;
      const leaves = batch;
      batch = [];
      try {
        this.log.append(this.log.size, leaves);
        this.scheduleSignature();
      } catch (error) {
        failure = asError(error);
      }
    };
    try {
      for await (const event of subscription) {
        if (failure) throw failure;
        if (this.alarm.raised) return;
        batch.push({ position: event.position, eventId: event.id, stream: event.stream, revision: event.revision, leafHash: leafOf(event) });
        if (batch.length >= 500) flush();
        else flushTimer ??= setTimeout(flush, this.options.appendDelayMs ?? 25);
      }
      flush();
    } finally {
      clearTimeout(flushTimer);
      this.log.flushMap();
    }
    if (failure) throw failure;
  }

  private scheduleSignature(delayMs = this.options.signDelayMs ?? 200): void {
    if (this.signTimer) return;
    this.signTimer = setTimeout(() => {
      this.signTimer = null;
      this.signing = this.signing
        .then(async () => {
          const wait = this.busyWait();
          if (wait > 0) this.scheduleSignature(wait);
          else await this.signNow();
        })
        .catch((error: unknown) => this.options.onError?.(error));
    }, delayMs);
  }

  /** How much longer a busy log waits for its next signature (0: sign now); see `BUSY_SIGN_INTERVAL_MS`. */
  private busyWait(): number {
    const wait = this.lastSignedAt + BUSY_SIGN_INTERVAL_MS - performance.now();
    if (wait <= 0) return 0;
    const unsigned = this.log.size - (this.log.latestCheckpoint()?.size ?? 0);
    return unsigned >= BUSY_UNSIGNED_LEAVES ? Math.ceil(wait) : 0;
  }

  /** Whether log.db still has the root that the last checkpoint it signed says it had. */
  private checkLastCheckpoint(): boolean {
    const last = this.log.latestCheckpoint();
    if (!last) return true;
    if (last.size > this.log.size) {
      this.alarm.raise(`the log holds ${this.log.size} entries but checkpoint ${last.size} was signed: log.db was cut`);
      return false;
    }
    if (!this.log.rootAt(last.size).equals(last.root)) {
      this.alarm.raise(`the log's root at size ${last.size} differs from the checkpoint signed at ${last.signedAt}: log.db was rewritten`);
      return false;
    }
    // The map keeps no history: its root can be held to the last checkpoint while the log is still at its size.
    const signedMapRoot = streamHeadsRootOf(parseCheckpoint(parseNote(last.note).text).extensions);
    if (signedMapRoot && this.log.size === last.size && this.log.mapSize === last.size && !this.log.mapRoot().equals(signedMapRoot)) {
      this.alarm.raise(`the map of stream heads in log.db differs from the checkpoint signed at ${last.signedAt}: log.db was rewritten`);
      return false;
    }
    return true;
  }

  /** Signs a checkpoint for the log as it is now, if it has grown since the last, and if nothing contradicts it. */
  async signNow(): Promise<KeptCheckpoint | null> {
    this.log.foldDeferredHeads();
    const size = this.log.size;
    // Read now, with the size: the map keeps no history, and the follower may append while the tail is checked.
    const mapRoot = this.log.mapSize === size ? this.log.mapRoot() : null;
    const last = this.log.latestCheckpoint();
    if (this.alarm.raised) return null;
    if (size === 0 || (last && last.size >= size)) return this.settleWaiters(last);
    if (!(await this.tailStillThere(size))) return null;
    if (!this.checkLastCheckpoint()) return null;
    const root = this.log.rootAt(size);
    const extensions = mapRoot ? [streamHeadsLine(mapRoot)] : [];
    const note = signNote(formatCheckpoint({ origin: this.options.origin, size, root, extensions }), this.signer);
    const checkpoint = { size, root, note, signedAt: (this.options.now?.() ?? new Date()).toISOString() };
    this.log.keepCheckpoint(checkpoint);
    this.lastSignedAt = performance.now();
    this.options.onCheckpoint?.(checkpoint);
    return this.settleWaiters(this.log.latestCheckpoint());
  }

  /** The last event the log holds must still be in `$all`, where it was: else the tail was cut. */
  private async tailStillThere(size: number): Promise<boolean> {
    const leaf = this.log.leafAt(size - 1)!;
    const [event] = await this.store.readAll({ fromPosition: leaf.position, maxCount: 1 });
    if (event && event.id === leaf.eventId && event.position === leaf.position) return true;
    this.alarm.raise(`entry ${size - 1} of the log (${leaf.stream}, event ${leaf.eventId}) is no longer in the ledger: its tail was cut`);
    return false;
  }

  private settleWaiters(checkpoint: KeptCheckpoint | null): KeptCheckpoint | null {
    if (!checkpoint) return null;
    for (const waiter of this.waiters) {
      if (checkpoint.size >= waiter.size) {
        this.waiters.delete(waiter);
        waiter.resolve(checkpoint);
      }
    }
    return checkpoint;
  }

  /**
   * A signed checkpoint that covers at least `size` entries: the latest if it does, else the next
   * one signed (at once, once the log holds them); null after `timeoutMs` or on an alarm.
   */
  async checkpointCovering(size: number, timeoutMs = 5000): Promise<KeptCheckpoint | null> {
    const latest = this.log.latestCheckpoint();
    if (latest && latest.size >= size) return latest;
    if (this.log.size >= size) {
      const signed = await this.signNow();
      if (signed && signed.size >= size) return signed;
    }
    return new Promise((resolve) => {
      const waiter = { size, resolve: (checkpoint: KeptCheckpoint | null) => (clearTimeout(timer), resolve(checkpoint)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

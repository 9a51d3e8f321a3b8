import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CommitSignals, LedgerConfig } from '@ledger/ledger';
import { PositionWatch } from '@ledger/projections';
import type { LiveViews } from './live-views.js';
import { toWorkerConfig, type ViewsHostMessage, type ViewsWorkerData, type ViewsWorkerMessage } from './views-worker.messages.js';

export interface ViewsWorkerOptions {
  readonly config: LedgerConfig;
  /** The compiled `views-worker.entry.js`. */
  readonly entry: string;
  /** This process's embedded store's commits: each wakes the worker, which follows on its own connection. */
  readonly commits?: CommitSignals;
  readonly onError: (message: string) => void;
  /** How long to wait before starting a worker again after it died. */
  readonly restartDelayMs?: number;
  /** How long `close` waits for the worker to finish its batch before terminating it. */
  readonly closeTimeoutMs?: number;
  /** Opens this thread's read-only connection to the views the worker has made (tests make it fail). */
  readonly openReader?: (file: string) => Database.Database;
}

/** The worker stopped or was closed before it answered. */
export class ViewsWorkerUnavailableError extends Error {
  override readonly name = 'ViewsWorkerUnavailableError';
}

/**
 * How much of views.db this thread's reader maps into memory. The worker commits to views.db with every
 * batch, and each commit empties a reader's page cache: without a map, the next query (the bearer
 * token's lookup on every request) read each page it touched again through read() into that cache;
 * mapped, it reads them in place. SQLite caps it at its compile-time limit (2 GiB); past that it reads.
 */
const READER_MMAP_BYTES = 2 ** 31;

function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
  return db;
}

const CLOSE: ViewsHostMessage = { type: 'close' };

/**
 * The API thread's side of the views worker: starts it, answers `waitFor` and `checkpoint` from
 * the positions it reports, queries `views.db` on a connection of its own, and starts the worker
 * again if it dies (the views wait meanwhile; `minPosition` queries answer 503 after their wait).
 */
export class ViewsWorker implements LiveViews {
  private worker: Worker | null = null;
  private workerAlive = false;
  private connection: Database.Database | null = null;
  private readonly watch = new PositionWatch(null);
  private readonly commits = new Int32Array(new SharedArrayBuffer(4));
  private stopCommitWakes: (() => void) | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private nextRequestId = 0;
  private readonly clockRequests = new Map<number, { resolve: (added: number) => void; reject: (error: Error) => void }>();

  private constructor(private readonly options: ViewsWorkerOptions) {}

  /** Resolves once the worker has caught up with the ledger (it rejects if the worker fails first). */
  static async start(options: ViewsWorkerOptions): Promise<ViewsWorker> {
    const views = new ViewsWorker(options);
    await views.spawn();
    try {
      views.connection = (options.openReader ?? openReadOnly)(options.config.paths.views);
    } catch (error) {
      await views.close();
      throw error;
    }
    views.stopCommitWakes =
      options.commits?.onCommitted(() => {
        Atomics.add(views.commits, 0, 1);
        Atomics.notify(views.commits, 0);
      }) ?? null;
    return views;
  }

  get db(): Database.Database {
    if (!this.connection) throw new Error('The views worker has not started');
    return this.connection;
  }

  get checkpoint(): bigint | null {
    return this.watch.position;
  }

  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    return this.watch.waitFor(position, timeoutMs);
  }

  /** The worker writes the clock's rows, on the views' one writing connection. */
  advanceClock(now: Date): Promise<number> {
    const worker = this.worker;
    if (this.closed || !worker || !this.workerAlive) return Promise.reject(new ViewsWorkerUnavailableError('The views worker is not running'));
    const id = ++this.nextRequestId;
    return new Promise((resolve, reject) => {
      this.clockRequests.set(id, { resolve, reject });
      worker.postMessage({ type: 'advance-clock', id, now: now.toISOString() } satisfies ViewsHostMessage);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopCommitWakes?.();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (worker && this.workerAlive) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage(CLOSE);
      const deadline = setTimeout(() => void worker.terminate(), this.options.closeTimeoutMs ?? 10_000);
      await exited;
      clearTimeout(deadline);
    }
    this.watch.releaseAll();
    if (this.connection?.open) this.connection.close();
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      let ready = false;
      const data: ViewsWorkerData = { config: toWorkerConfig(this.options.config), commits: this.commits };
      const worker = new Worker(this.options.entry, { workerData: data });
      this.worker = worker;
      this.workerAlive = true;
      worker.on('message', (message: ViewsWorkerMessage) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            if (message.position !== null) this.watch.advance(BigInt(message.position));
            resolve();
            return;
          case 'applied':
            this.watch.advance(BigInt(message.position));
            return;
          case 'error':
            this.options.onError(message.message);
            return;
          case 'clock-advanced':
            this.clockRequests.get(message.id)?.resolve(message.added);
            this.clockRequests.delete(message.id);
            return;
          case 'clock-failed':
            this.clockRequests.get(message.id)?.reject(new Error(message.message));
            this.clockRequests.delete(message.id);
            return;
          case 'closed':
            return;
          default: {
            const unknown: never = message;
            this.options.onError(`Unknown message from the views worker: ${JSON.stringify(unknown)}`);
          }
        }
      });
      worker.on('error', (error) => {
        if (ready) this.options.onError(`The views worker failed: ${error.message}`);
        else reject(error);
      });
      worker.on('exit', (code) => {
        this.workerAlive = false;
        for (const request of this.clockRequests.values()) request.reject(new ViewsWorkerUnavailableError(`The views worker stopped (exit code ${code})`));
        this.clockRequests.clear();
        if (this.closed) return;
        if (!ready) {
          reject(new Error(`The views worker stopped (exit code ${code}) before it had caught up`));
          return;
        }
        this.restartLater(`The views worker stopped (exit code ${code})`);
      });
    });
  }

  private restartLater(why: string): void {
    const delay = this.options.restartDelayMs ?? 1000;
    this.options.onError(`${why}; starting it again in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closed) return;
      this.spawn().catch((error: unknown) => this.restartLater(error instanceof Error ? error.message : String(error)));
    }, delay);
  }
}

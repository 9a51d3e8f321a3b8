/**
 * A rebuild's folding worker: reads ranges of `$all` on its own connection, folds and maps them with
 * its own instance of a view, and sends the view's writes (statements and their arguments) to the
 * runner's thread, which runs them in the rebuild's transaction. The view's `write` runs unchanged,
 * against a database that records instead of writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { mayDecodeAs, openSqliteScan, type RecordedEvent, type ScannedEvent, type SharedScanSource } from '@ledger/ledger';
import type { Projection, StreamReader } from './projection.js';
import { placesOf, projectedFromScan, scannedChunks } from './projection-runner.js';

export interface FoldingWorkerData {
  readonly source: SharedScanSource;
  /** The view's own `RebuildInWorker.workerData`. */
  readonly view: unknown;
  /** Event types the runner's other views read: their rows are sent back as scanned. */
  readonly forwardTypes: readonly string[];
  readonly heldRows?: number;
}

export type FoldingTask = { readonly seq: number; readonly from: bigint; readonly to: bigint } | { readonly seq: number; readonly finish: true };

/**
 * One answer per task, in order. `sql` are the statements first used since the last answer (the
 * runner numbers them in the order received); `ops` is flat: statement number, then its arguments as one array.
 */
export type FoldingReply =
  | {
      readonly seq: number;
      readonly sql: readonly string[];
      readonly ops: readonly unknown[];
      readonly forwarded: readonly ScannedEvent[];
      readonly events: number;
      readonly last: bigint | null;
    }
  | { readonly seq: number; readonly error: string };

/** A stand-in for the views' connection that records every statement run on it. */
class RecordingDatabase {
  private readonly numbers = new Map<string, number>();
  private fresh: string[] = [];
  private ops: unknown[] = [];

  prepare(sql: string): { run: (...args: unknown[]) => void } {
    let number = this.numbers.get(sql);
    if (number === undefined) {
      this.numbers.set(sql, (number = this.numbers.size));
      this.fresh.push(sql);
    }
    const ops = () => this.ops;
    return {
      run: (...args: unknown[]) => {
        ops().push(number, args);
      },
    };
  }

  /** Tables are the runner's to make. */
  exec(): void {}

  take(): { sql: string[]; ops: unknown[] } {
    const taken = { sql: this.fresh, ops: this.ops };
    this.fresh = [];
    this.ops = [];
    return taken;
  }
}

/** Serves a rebuild's folding for the view `make` makes; does nothing outside a worker thread. */
export function serveFoldingRebuild(make: (view: unknown) => Projection): void {
  const port = parentPort;
  if (!port) return;
  const data = workerData as FoldingWorkerData;
  const scan = openSqliteScan(data.source.file);
  const view = make(data.view);
  const recording = new RecordingDatabase();
  const db = recording as unknown as Database.Database;
  view.setup(db, { rebuilding: true, ...(data.heldRows !== undefined && { heldRows: data.heldRows }) });
  const handled = new Set(view.rebuildInWorker?.foldedTypes ?? view.handles);
  const forward = new Set(data.forwardTypes);
  const read: StreamReader = async (stream) => {
    const events: RecordedEvent[] = [];
    scan.scanStream(stream, ([position, name, revision, type, eventData, metadata]) => {
      events.push({ id: '', stream: name, revision, position, type, data: eventData, metadata, recordedAt: new Date(0) });
      return true;
    });
    return events;
  };
  const fold = async (from: bigint, to: bigint) => {
    const forwarded: ScannedEvent[] = [];
    let events = 0;
    let last: bigint | null = null;
    for (const rows of scannedChunks(scan, from, to)) {
      events += rows.length;
      last = rows[rows.length - 1][0];
      await view.prepare?.(db, placesOf(rows), read);
      for (const row of rows) {
        const type = row[3];
        if (mayDecodeAs(type, forward)) forwarded.push(row);
        if (mayDecodeAs(type, handled)) {
          const event = projectedFromScan(row);
          if (handled.has(event.type)) view.apply(db, event);
        }
      }
    }
    return { forwarded, events, last };
  };
  let queue = Promise.resolve();
  port.on('message', (task: FoldingTask) => {
    queue = queue.then(async () => {
      try {
        let folded: { forwarded: ScannedEvent[]; events: number; last: bigint | null } = { forwarded: [], events: 0, last: null };
        if ('finish' in task) view.finishRebuild?.(db);
        else folded = await fold(task.from, task.to);
        port.postMessage({ seq: task.seq, ...recording.take(), ...folded } satisfies FoldingReply);
      } catch (error) {
        port.postMessage({ seq: task.seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FoldingReply);
      }
    });
  });
  port.on('close', () => scan.close());
}

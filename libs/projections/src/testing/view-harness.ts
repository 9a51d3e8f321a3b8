import Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/ledger';
import type { Projection, ProjectedEvent, StreamReader } from '../runner/projection.js';

/** A ledger made of these events only, for `prepare`: each stream as the store would read it. */
export function streamReaderOf(events: readonly ProjectedEvent[]): StreamReader {
  return async (stream) =>
    events
      .filter((event) => event.stream === stream)
      .map(
        (event): RecordedEvent => ({
          id: `${event.stream}@${event.revision}`,
          stream: event.stream,
          revision: event.revision,
          position: event.position,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata ?? {}),
          recordedAt: new Date(0),
        }),
      );
}

/**
 * A fresh in-memory views database with the projection applied to the events (each event `times`
 * times), committed event by event as the runner does while following live (prepared first, as the
 * runner prepares each batch).
 */
export async function project(projection: Projection, events: readonly ProjectedEvent[], times = 1): Promise<Database.Database> {
  const db = new Database(':memory:');
  projection.setup(db);
  await applyLive(db, projection, events, times);
  return db;
}

/** Applies the events to a views database that already has the projection set up, as `project` does. */
export async function applyLive(db: Database.Database, projection: Projection, events: readonly ProjectedEvent[], times = 1): Promise<void> {
  const read = streamReaderOf(events);
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    for (let i = 0; i < times; i++) {
      await projection.prepare?.(db, [event], read);
      projection.apply(db, event);
      projection.flush?.(db);
    }
  }
}

/** Every table of the database, every row, in a stable order: what "the same view" means. */
export function dumpViews(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const columns = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((column) => column.name);
      return [name, db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all()];
    }),
  );
}

/**
 * Applies, then drops (teardown) and replays from scratch on the same connection as the runner's
 * rebuild does: one transaction, tables made with `rebuilding` (indexes after the replay), batches of
 * `batch` events each prepared first, at most `heldRows` folds per generation held in memory (small,
 * so that folds leave and are read back from the ledger). The same view as event-by-event means that
 * neither batching nor holding changes it.
 */
export async function rebuilt(
  projection: Projection,
  events: readonly ProjectedEvent[],
  options: { batch?: number; heldRows?: number } = {},
): Promise<Database.Database> {
  const db = await project(projection, events);
  const batch = options.batch ?? 3;
  const read = streamReaderOf(events);
  db.exec('BEGIN');
  projection.teardown(db);
  projection.setup(db, { rebuilding: true, heldRows: options.heldRows ?? 2 });
  const handled = events.filter((event) => projection.handles.includes(event.type));
  for (let i = 0; i < handled.length; i += batch) {
    const page = handled.slice(i, i + batch);
    await projection.prepare?.(db, page, read);
    for (const event of page) projection.apply(db, event);
    projection.flush?.(db);
  }
  projection.finishRebuild?.(db);
  projection.setup(db);
  db.exec('COMMIT');
  return db;
}

/** The database's schema (tables and indexes), to compare as well as the rows. */
export function schemaOf(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
}

import Database from 'better-sqlite3';
import type { Projection, ProjectedEvent } from '../runner/projection.js';

/**
 * A fresh in-memory views database with the projection applied to the events (each event `times`
 * times), committed event by event as the runner does while following live.
 */
export function project(projection: Projection, events: readonly ProjectedEvent[], times = 1): Database.Database {
  const db = new Database(':memory:');
  projection.setup(db);
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    for (let i = 0; i < times; i++) {
      projection.apply(db, event);
      projection.flush?.(db);
    }
  }
  return db;
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
 * `batch` events, at most `heldRows` rows per generation held in memory (small, so that rows leave
 * and come back). The same view as event-by-event means that neither batching nor holding changes it.
 */
export function rebuilt(projection: Projection, events: readonly ProjectedEvent[], options: { batch?: number; heldRows?: number } = {}): Database.Database {
  const db = project(projection, events);
  const batch = options.batch ?? 3;
  db.transaction(() => {
    projection.teardown(db);
    projection.setup(db, { rebuilding: true, heldRows: options.heldRows ?? 2 });
    const handled = events.filter((event) => projection.handles.includes(event.type));
    for (let i = 0; i < handled.length; i += batch) {
      for (const event of handled.slice(i, i + batch)) projection.apply(db, event);
      projection.flush?.(db);
    }
    projection.finishRebuild?.(db);
    projection.setup(db);
  })();
  return db;
}

/** The database's schema (tables and indexes), to compare as well as the rows. */
export function schemaOf(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
}

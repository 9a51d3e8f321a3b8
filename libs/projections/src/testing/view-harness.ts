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
 * Applies, drops (teardown) and applies again from scratch on the same connection, all in one batch
 * as a rebuild does: the same view as event-by-event means batching changes nothing.
 */
export function rebuilt(projection: Projection, events: readonly ProjectedEvent[]): Database.Database {
  const db = project(projection, events);
  projection.teardown(db);
  projection.setup(db);
  for (const event of events) if (projection.handles.includes(event.type)) projection.apply(db, event);
  projection.flush?.(db);
  return db;
}

import type Database from 'better-sqlite3';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import { forgetStatements } from './case-projection.js';
import { createTables } from './ddl.js';

export interface TableProjectionSpec {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** Tables and indexes, idempotent (`IF NOT EXISTS`); a rebuild runs the CREATE INDEX statements last. */
  readonly ddl: string;
  readonly tables: readonly string[];
  /** Idempotent on its own: inserts-if-absent and updates that set what the event says. */
  apply(db: Database.Database, event: ProjectedEvent): void;
}

/** A view whose rows each event writes directly (no per-case fold held in memory). */
export function tableProjection(spec: TableProjectionSpec): Projection {
  return {
    name: spec.name,
    version: spec.version,
    handles: spec.handles,
    setup(db, options) {
      forgetStatements(db);
      createTables(db, spec.ddl, options);
    },
    teardown(db) {
      forgetStatements(db);
      db.exec(spec.tables.map((table) => `DROP TABLE IF EXISTS ${table};`).join('\n'));
    },
    apply: (db, event) => spec.apply(db, event),
  };
}

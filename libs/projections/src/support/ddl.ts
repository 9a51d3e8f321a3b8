import type Database from 'better-sqlite3';
import type { SetupOptions } from '../runner/projection.js';

const INDEX = /^CREATE\s+(UNIQUE\s+)?INDEX\b/i;

/** A view's DDL in two parts: its tables, and its secondary indexes (what a rebuild makes last). */
export function splitDdl(ddl: string): { readonly tables: string; readonly indexes: string } {
  const statements = ddl
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
  const join = (list: string[]) => list.map((statement) => `${statement};`).join('\n');
  return { tables: join(statements.filter((s) => !INDEX.test(s))), indexes: join(statements.filter((s) => INDEX.test(s))) };
}

/**
 * Runs a view's DDL (idempotent statements). While a rebuild replays into fresh tables the secondary
 * indexes wait: building one over the finished table at the end is a sort, much cheaper than
 * keeping it up to date row by row (the runner calls `setup` again without `rebuilding` then).
 */
export function createTables(db: Database.Database, ddl: string, options?: SetupOptions): void {
  const { tables, indexes } = splitDdl(ddl);
  db.exec(options?.rebuilding ? tables : `${tables}\n${indexes}`);
}

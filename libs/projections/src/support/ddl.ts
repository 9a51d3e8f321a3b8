import type Database from 'better-sqlite3';
import type { SetupOptions } from '../runner/projection.js';

const INDEX = /^CREATE\s+(UNIQUE\s+)?INDEX\b/i;
const INDEX_NAME = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i;

/** A view's DDL in two parts: its tables, and its secondary indexes (what a rebuild makes last). */
export function splitDdl(ddl: string): { readonly tables: readonly string[]; readonly indexes: readonly string[] } {
  const statements = ddl
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0)
    .map((statement) => `${statement};`);
  return { tables: statements.filter((s) => !INDEX.test(s)), indexes: statements.filter((s) => INDEX.test(s)) };
}

/** The name a CREATE INDEX statement gives its index. */
export function indexNameOf(statement: string): string | undefined {
  return INDEX_NAME.exec(statement)?.[1];
}

/**
 * Runs a view's DDL (idempotent statements). While a rebuild replays into fresh tables the secondary
 * indexes wait: building one over the finished table at the end is a sort, much cheaper than
 * keeping it up to date row by row (the runner calls `setup` again without `rebuilding` then).
 *
 * Except `inOpeningOrder`: indexes whose key is a few distinct values and then the case's opening
 * time. A replay writes cases about in the order they were opened, so each new entry goes in near the
 * end of its value's run. When the runner's thread would otherwise wait for a folding worker
 * (`SetupOptions.keepIndexesInOpeningOrder`), it keeps those up during the replay, and the serial end
 * has less to sort.
 */
export function createTables(db: Database.Database, ddl: string, options?: SetupOptions, inOpeningOrder: readonly string[] = []): void {
  const { tables, indexes } = splitDdl(ddl);
  if (!options?.rebuilding) {
    db.exec([...tables, ...indexes].join('\n'));
    return;
  }
  const keptUp = options.keepIndexesInOpeningOrder ? indexes.filter((statement) => inOpeningOrder.includes(indexNameOf(statement) ?? '')) : [];
  db.exec([...tables, ...keptUp].join('\n'));
}

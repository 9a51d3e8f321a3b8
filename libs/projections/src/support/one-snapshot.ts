import type Database from 'better-sqlite3';

/**
 * Runs a query of several statements in one read transaction, so that all of them see the same
 * commit of `views.db`: the views' writer (the worker thread) may commit between two statements.
 */
export function inOneSnapshot<T>(db: Database.Database, read: () => T): T {
  return db.transaction(read)();
}

import Database from 'better-sqlite3';
import { createTables, indexNameOf, splitDdl } from './ddl.js';

const DDL = `CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, kind TEXT, opened_at TEXT, patron TEXT);
  CREATE INDEX IF NOT EXISTS rows_by_kind ON rows (kind, opened_at, id);
  CREATE UNIQUE INDEX rows_by_patron ON rows (patron, id)`;

const indexesOf = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

describe("a view's DDL", () => {
  it('splits into tables and indexes, and names each index', () => {
    const { tables, indexes } = splitDdl(DDL);
    expect(tables).toHaveLength(1);
    expect(indexes.map(indexNameOf)).toEqual(['rows_by_kind', 'rows_by_patron']);
  });

  it('makes every index when not rebuilding, none while rebuilding, and those in opening order when the runner keeps them up', () => {
    const given = (options: Parameters<typeof createTables>[2]) => {
      const db = new Database(':memory:');
      createTables(db, DDL, options, ['rows_by_kind']);
      return indexesOf(db);
    };
    expect(given(undefined)).toEqual(['rows_by_kind', 'rows_by_patron']);
    expect(given({ rebuilding: true })).toEqual([]);
    expect(given({ rebuilding: true, keepIndexesInOpeningOrder: true })).toEqual(['rows_by_kind']);
  });
});

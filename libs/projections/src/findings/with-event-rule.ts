import type Database from 'better-sqlite3';
import type { Projection, ProjectedEvent } from '../runner/projection.js';

/**
 * A projection with one more rule of its own: the events of `types` go to `apply` (with the tables
 * `ddl` makes and `tables` names, dropped with the rest), every other event to `base`.
 */
export function withEventRule(base: Projection, rule: { types: readonly string[]; ddl: string; tables: readonly string[]; apply: (db: Database.Database, projected: ProjectedEvent) => void }): Projection {
  return {
    ...base,
    handles: [...base.handles, ...rule.types],
    setup(db, options) {
      base.setup(db, options);
      db.exec(rule.ddl);
    },
    teardown(db) {
      base.teardown(db);
      for (const table of rule.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
    apply(db, projected) {
      if (rule.types.includes(projected.type)) rule.apply(db, projected);
      else base.apply(db, projected);
    },
  };
}

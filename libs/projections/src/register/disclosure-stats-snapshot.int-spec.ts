import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { queryDisclosureStats } from './disclosure-register.projection.js';
import { projectedHistory } from '../testing/case-histories.js';
import { caseViews } from '../testing/case-views.js';
import { applyLive } from '../testing/view-harness.js';

/**
 * A reader's connection on which, right after its first statement has read, the views' writer
 * commits (as the views worker may between two statements of one query on the API thread).
 */
function readerWithCommitAfterFirstRead(file: string, commit: () => void): Database.Database {
  const db = new Database(file, { readonly: true });
  let committed = false;
  const afterRead = <T>(result: T): T => {
    if (!committed) {
      committed = true;
      commit();
    }
    return result;
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(inner, name) {
              const value = Reflect.get(inner, name, inner);
              if (name === 'get' || name === 'all') return (...args: unknown[]) => afterRead((value as (...a: unknown[]) => unknown).apply(inner, args));
              return typeof value === 'function' ? value.bind(inner) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('register stats', () => {
  let dir: string;
  let writer: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'register-stats-'));
    writer = new Database(join(dir, 'views.db'));
    writer.pragma('journal_mode = WAL');
    caseViews.setup(writer);
    await applyLive(writer, caseViews, projectedHistory());
  });
  afterEach(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads all their counts from one commit of the views, even when the writer commits between two of its statements', async () => {
    const reader = readerWithCommitAfterFirstRead(join(dir, 'views.db'), () => writer.exec('DELETE FROM register_instruments; DELETE FROM cases'));
    const stats = queryDisclosureStats(reader, {});
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(stats.total).toBeGreaterThan(0);
    expect(sum(stats.byOutcome) + stats.sealed).toBe(stats.total);
    expect(sum(stats.byRequesterKind) + stats.sealed).toBe(stats.total);
    expect(sum(stats.byInstrumentType)).toBeGreaterThan(0);
    // The writer did commit: a fresh read sees the empty register.
    const fresh = new Database(join(dir, 'views.db'), { readonly: true });
    expect(queryDisclosureStats(fresh, {}).total).toBe(0);
    fresh.close();
    reader.close();
  });
});

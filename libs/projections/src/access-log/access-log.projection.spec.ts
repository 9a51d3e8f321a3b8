import Database from 'better-sqlite3';
import type { RecordAccessedData } from '@ledger/domain';
import type { ProjectedEvent } from '../runner/projection.js';
import { accessLogProjection, queryAccessLog } from './access-log.projection.js';

const entry = (n: number, overrides: Partial<RecordAccessedData> = {}): ProjectedEvent<RecordAccessedData> => ({
  stream: 'access-20260301',
  revision: BigInt(n),
  position: BigInt(100 + n),
  type: 'RecordAccessed',
  data: {
    userId: n % 2 ? 'auditor-1' : 'director-1',
    role: n % 2 ? 'auditor' : 'director',
    action: n % 3 ? 'case_read' : 'register_query',
    ...(n % 3 ? { caseId: `case-${n % 4}` } : { query: { outcome: 'released' } }),
    outcome: 'allowed',
    status: 200,
    occurredAt: `2026-03-01T10:${String(n).padStart(2, '0')}:00.000Z`,
    ...overrides,
  },
  metadata: {},
  recordedAt: new Date('2026-03-01T10:00:00.000Z'),
});

function project(events: ProjectedEvent[], times = 1): Database.Database {
  const db = new Database(':memory:');
  accessLogProjection.setup(db);
  for (let i = 0; i < times; i++) for (const event of events) accessLogProjection.apply(db, event);
  return db;
}

const dump = (db: Database.Database) => db.prepare('SELECT * FROM access_log ORDER BY position').all();

describe('access log view', () => {
  const events = Array.from({ length: 12 }, (_, n) => entry(n));

  it('replayed twice gives the same view, and applying an event twice changes nothing', () => {
    expect(dump(project(events))).toEqual(dump(project(events)));
    expect(dump(project(events, 2))).toEqual(dump(project(events)));
    expect(dump(project(events))).toHaveLength(12);
  });

  it('filters by user, case and time, newest first, paging with a cursor until the end', () => {
    const db = project(events);
    const byUser = queryAccessLog(db, { userId: 'auditor-1', limit: 50 });
    expect(byUser.items.map((row) => row.position)).toEqual(['111', '109', '107', '105', '103', '101']);
    expect(queryAccessLog(db, { caseId: 'case-1', limit: 50 }).items.every((row) => row.caseId === 'case-1')).toBe(true);
    const window = queryAccessLog(db, { from: '2026-03-01T10:03:00.000Z', to: '2026-03-01T10:05:00.000Z', limit: 50 });
    expect(window.items.map((row) => row.occurredAt)).toEqual(['2026-03-01T10:04:00.000Z', '2026-03-01T10:03:00.000Z']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = queryAccessLog(db, { limit: 5, cursor });
      seen.push(...page.items.map((row) => row.position));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(events.map((e) => e.position.toString()).reverse());
  });

  it('refuses a cursor it did not make', () => {
    expect(() => queryAccessLog(project(events), { limit: 5, cursor: 'bm90LWEtY3Vyc29y' })).toThrow('not one this server made');
  });
});

import { deadlinesProjection, queryDeadlines } from './deadlines.projection.js';
import { instrumentDeadlines } from './instrument-deadlines.js';
import { projectedHistory } from '../testing/case-histories.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';

describe('deadlines view', () => {
  const events = projectedHistory();

  it('replayed twice gives the same view, and applying every event twice changes nothing', () => {
    const once = dumpViews(project(deadlinesProjection, events));
    expect(dumpViews(rebuilt(deadlinesProjection, events))).toEqual(once);
    expect(dumpViews(project(deadlinesProjection, events, 2))).toEqual(once);
  });

  it('a subpoena must be objected to by the earlier of its return date and 14 days after service', () => {
    const base = { instrumentId: 'i', type: 'subpoena' as const, servedAt: '2025-03-01T09:00:00.000Z' };
    expect(instrumentDeadlines({ ...base, returnDate: '2025-03-05T09:00:00.000Z' })).toEqual([
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'return_date', dueAt: '2025-03-05T09:00:00.000Z' },
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-05T09:00:00.000Z' },
    ]);
    expect(instrumentDeadlines({ ...base, returnDate: '2025-04-30T09:00:00.000Z' })[1]!.dueAt).toBe('2025-03-15T09:00:00.000Z');
    expect(instrumentDeadlines({ ...base })).toEqual([{ instrumentId: 'i', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-15T09:00:00.000Z' }]);
    expect(instrumentDeadlines({ ...base, type: 'court_order', returnDate: '2025-03-05T09:00+02:00' })).toEqual([
      { instrumentId: 'i', instrumentType: 'court_order', kind: 'return_date', dueAt: '2025-03-05T07:00:00.000Z' },
    ]);
  });

  it('lists deadlines of open cases only: missed first, then the soonest, within the window', () => {
    const db = project(deadlinesProjection, events);
    // The closed subpoena case has dates too, but it is closed.
    const page = queryDeadlines(db, { now: new Date('2025-03-12T00:00:00.000Z'), withinMs: 30 * 86_400_000, limit: 50 });
    expect(page.items).toEqual([
      { caseId: 'case-le-sealed', instrumentId: 'ins-gag', instrumentType: 'court_order', kind: 'return_date', dueAt: '2025-03-10T12:00:00.000Z', missed: true, status: 'awaiting_counsel', sealed: true },
    ]);
    expect(queryDeadlines(db, { now: new Date('2025-03-01T00:00:00.000Z'), withinMs: 86_400_000, limit: 50 }).items).toEqual([]);
  });
});

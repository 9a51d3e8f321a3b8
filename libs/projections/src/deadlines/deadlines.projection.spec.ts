import { queryDeadlines } from './deadlines.projection.js';
import { instrumentDeadlines } from '@ledger/domain';
import { projectedHistory, renamed } from '../testing/case-histories.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import { caseViews } from '../testing/case-views.js';
import type { CaseEvent } from '@ledger/domain';
import { adviseCounsel, answerStatisticsRequest, given, openLawEnforcementCase, openStatisticsRequest, recordInstrument, referToCounsel, referToDirector } from '../../../domain/src/testing/case-fixtures.js';

describe('deadlines view', () => {
  const events = projectedHistory();

  it('a subpoena must be objected to by the earlier of its return date and 14 days after service', async () => {
    const base = { instrumentId: 'i', type: 'subpoena' as const, servedAt: '2025-03-01T09:00:00.000Z' };
    expect(instrumentDeadlines({ ...base, returnDate: '2025-03-05T09:00:00.000Z' })).toEqual([
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'return_date', dueAt: '2025-03-05T09:00:00.000Z' },
      { instrumentId: 'i', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-05T09:00:00.000Z' },
    ]);
    expect(instrumentDeadlines({ ...base, returnDate: '2025-04-30T09:00:00.000Z' })[1].dueAt).toBe('2025-03-15T09:00:00.000Z');
    expect(instrumentDeadlines({ ...base })).toEqual([{ instrumentId: 'i', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-15T09:00:00.000Z' }]);
    expect(instrumentDeadlines({ ...base, type: 'court_order', returnDate: '2025-03-05T09:00+02:00' })).toEqual([
      { instrumentId: 'i', instrumentType: 'court_order', kind: 'return_date', dueAt: '2025-03-05T07:00:00.000Z' },
    ]);
  });

  it('lists deadlines of open cases only: missed first, then the soonest, within the window', async () => {
    const db = await project(caseViews, events);
    // The closed subpoena case has dates too, but it is closed.
    const page = queryDeadlines(db, { now: new Date('2025-03-12T00:00:00.000Z'), withinMs: 30 * 86_400_000, limit: 50 });
    expect(page.items).toEqual([
      { caseId: 'case-le-sealed', instrumentId: 'ins-gag', instrumentType: 'court_order', kind: 'return_date', dueAt: '2025-03-10T12:00:00.000Z', missed: true, objectionFiledAt: null, status: 'awaiting_counsel', sealed: true },
    ]);
    expect(queryDeadlines(db, { now: new Date('2025-03-01T00:00:00.000Z'), withinMs: 86_400_000, limit: 50 }).items).toEqual([]);
  });

  it('says "objection filed" (with its date) for the dates an objection or motion to quash was filed before, instead of counting down or missing them', async () => {
    const subpoenaObjected = (filedAt: string) =>
      given(
        openLawEnforcementCase(['name']),
        referToDirector(),
        recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: '2025-03-20T12:00:00.000Z' }),
        referToCounsel(),
        { ...adviseCounsel('object'), filedAt: '2025-03-03T11:00:00.000Z' },
      ).history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-q', ...(event.type === 'CounselAdviceRecorded' && { filedAt }) } }) as CaseEvent);
    const view = async (history: CaseEvent[], now: string) => {
      const withObjection = projectedHistory({ 'case-q': history });
      const db = await project(caseViews, withObjection);
      expect(dumpViews(await rebuilt(caseViews, withObjection))).toEqual(dumpViews(db));
      expect(dumpViews(await project(caseViews, withObjection, 2))).toEqual(dumpViews(db));
      return queryDeadlines(db, { now: new Date(now), withinMs: 30 * 86_400_000, limit: 50 }).items.filter((item) => item.caseId === 'case-q');
    };
    // Filed on the 4th: both the objection date (the 17th, 14 days after service) and the return date are met.
    expect(await view(subpoenaObjected('2025-03-04T09:00:00.000Z'), '2025-03-25T00:00:00.000Z')).toEqual([
      expect.objectContaining({ kind: 'objection_date', dueAt: '2025-03-17T11:00:00.000Z', missed: false, objectionFiledAt: '2025-03-04T09:00:00.000Z' }),
      expect.objectContaining({ kind: 'return_date', dueAt: '2025-03-20T12:00:00.000Z', missed: false, objectionFiledAt: '2025-03-04T09:00:00.000Z' }),
    ]);
    // Filed after the objection date but before the return date: the objection date was missed, the return date's clock stopped.
    expect(await view(subpoenaObjected('2025-03-18T09:00:00.000Z'), '2025-03-25T00:00:00.000Z')).toEqual([
      expect.objectContaining({ kind: 'objection_date', missed: true, objectionFiledAt: null }),
      expect.objectContaining({ kind: 'return_date', missed: false, objectionFiledAt: '2025-03-18T09:00:00.000Z' }),
    ]);
  });
  it("runs the reply clock of a public-records request for the library's statistics until the director answers it (CGS § 1-206(a))", async () => {
    const view = async (history: CaseEvent[], now: string) => {
      const withRequest = projectedHistory({ 'case-foi': renamed(history, 'case-foi') });
      const db = await project(caseViews, withRequest);
      expect(dumpViews(await rebuilt(caseViews, withRequest))).toEqual(dumpViews(db));
      expect(dumpViews(await project(caseViews, withRequest, 2))).toEqual(dumpViews(db));
      return queryDeadlines(db, { now: new Date(now), withinMs: 30 * 86_400_000, limit: 50 }).items;
    };
    const unanswered = given(openStatisticsRequest()).history;
    // Received Monday 3 March 2025: the fourth business day after is Friday 7 March, due as Saturday begins.
    const reply = { caseId: 'case-foi', instrumentId: null, instrumentType: null, kind: 'public_records_reply', dueAt: '2025-03-08T00:00:00.000Z', objectionFiledAt: null, sealed: false };
    expect(await view(unanswered, '2025-03-04T00:00:00.000Z')).toEqual([{ ...reply, missed: false, status: 'open' }]);
    expect(await view(unanswered, '2025-03-10T00:00:00.000Z')).toEqual([{ ...reply, missed: true, status: 'open' }]);
    expect(await view(given(openStatisticsRequest(), answerStatisticsRequest()).history, '2025-03-04T00:00:00.000Z')).toEqual([]);
  });
});

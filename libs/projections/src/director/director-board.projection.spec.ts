import type { CaseEvent } from '@ledger/domain';
import { adviseCounsel, answerStatisticsRequest, given, openCase, openLawEnforcementCase, openStatisticsRequest, recordInstrument, referToCounsel, referToDirector } from '../../../domain/src/testing/case-fixtures.js';
import { directorBoardColumnsOf, needsDirectorDecision, queryDirectorBoard } from './director-board.projection.js';
import { foldCaseEvents } from '../cases/case-fold.js';
import { evolveCaseFold, type CaseFold } from '../cases/case-fold.js';
import { caseHistories, projectedHistory, renamed } from '../testing/case-histories.js';
import { dumpViews, project } from '../testing/view-harness.js';
import { caseViews, foldOf } from '../testing/case-views.js';

const fold = (caseId: string) => {
  const folded = foldOf(caseId);
  return { kind: folded.case.kind, status: folded.case.status, sealed: folded.case.sealed, ...directorBoardColumnsOf(folded) };
};

describe('director board view', () => {
  const events = projectedHistory();

  it('says what each case waits for, in words, with its next deadline', async () => {
    expect(fold('case-le-waiting')).toMatchObject({ status: 'open', nextAction: 'Refer to the director', nextDeadline: null });
    expect(fold('case-le-sealed')).toMatchObject({
      status: 'awaiting_counsel',
      nextAction: "Record counsel's advice",
      nextDeadline: '2025-03-10T12:00:00.000Z',
      sealed: true,
    });
    expect(fold('case-le-warrant')).toMatchObject({ status: 'with_director', nextAction: 'Refer to counsel' });
    expect(fold('case-le-subpoena')).toMatchObject({ status: 'closed', nextAction: null, nextDeadline: null });
  });

  it('walks a law-enforcement case through every next action', async () => {
    const events = caseHistories()['case-le-subpoena'];
    const actions: (string | null)[] = [];
    let folded: CaseFold | null = null;
    events.forEach((event, revision) => {
      folded = evolveCaseFold(folded, { event, revision: BigInt(revision) });
      actions.push(directorBoardColumnsOf(folded!).nextAction);
    });
    expect([...new Set(actions)]).toEqual([
      'Refer to the director',
      'Explain the policy or record the instrument',
      'Refer to counsel',
      "Record counsel's advice",
      'Decide whether to release',
      'Record the production',
      null,
    ]);
    const explained = caseHistories()['case-le-explained'];
    expect(directorBoardColumnsOf(evolveCaseFold(evolveCaseFold(null, { event: explained[0], revision: 0n }), { event: explained[1], revision: 1n })!).nextAction).toBe(
      'Explain the policy or record the instrument',
    );
  });

  it("walks a government agency's request the law-enforcement way (GOVERNMENT-REFER); someone else's request is answered as before", () => {
    const nextActions = (requester: { kind: 'government_agency' | 'other'; agency?: string }) => {
      const { history } = given({ ...openCase({ kind: requester.kind, name: 'Pat Jones' }), requester: { kind: requester.kind, name: 'Pat Jones', ...(requester.agency && { agency: requester.agency }) } }, referToDirector());
      // After the opening, and after the referral (with the e-mail notice a law-enforcement one queues).
      return [1, history.length].map((count) => directorBoardColumnsOf(foldCaseEvents(history.slice(0, count))!).nextAction);
    };
    expect(nextActions({ kind: 'government_agency' })).toEqual(['Refer to the director', 'Explain the policy or record the instrument']);
    expect(nextActions({ kind: 'other', agency: 'Town Social Services' })).toEqual(['Refer to the director', 'Explain the policy or record the instrument']);
    expect(nextActions({ kind: 'other' })).toEqual(['Refuse the request', 'Release or refuse the request']);
  });

  it('lists open cases by default, filters by status and kind, and pages to the end', async () => {
    const db = await project(caseViews, events);
    const open = queryDirectorBoard(db, { status: 'open', limit: 50 });
    expect(open.items.map((item) => item.caseId).sort()).toEqual(['case-le-sealed', 'case-le-waiting', 'case-le-warrant']);
    expect(queryDirectorBoard(db, { status: 'closed', kind: 'patron', limit: 50 }).items.map((item) => item.caseId)).toEqual(['case-patron']);
    expect(queryDirectorBoard(db, { status: 'awaiting_counsel', limit: 50 }).items.map((item) => item.caseId)).toEqual(['case-le-sealed']);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = queryDirectorBoard(db, { status: 'all', limit: 2, cursor });
      seen.push(...page.items.map((item) => item.caseId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(Object.keys(caseHistories()).sort());
  });

  it('keeps every wellness check for the director: when, who recorded it, whom staff called and what they told, closed or not', async () => {
    expect(fold('case-wellness')).toMatchObject({
      kind: 'wellness_check',
      status: 'closed',
      wellness: { occurredAt: '2025-03-03T10:00:00.000Z', recordedBy: 'u-staff', agency: 'Town Police', categories: ['name', 'phone'] },
    });
    expect(fold('case-patron')).not.toHaveProperty('wellness');
    const db = await project(caseViews, events);
    expect(queryDirectorBoard(db, { status: 'all', caseKind: 'wellness_check', limit: 50 }).items).toEqual([
      expect.objectContaining({
        caseId: 'case-wellness',
        wellness: { occurredAt: '2025-03-03T10:00:00.000Z', recordedBy: 'u-staff', agency: 'Town Police', categories: ['name', 'phone'] },
      }),
    ]);
    const requests = queryDirectorBoard(db, { status: 'all', caseKind: 'disclosure_request', limit: 50 }).items;
    expect(requests).toHaveLength(Object.keys(caseHistories()).length - 1);
    expect(requests.every((item) => item.wellness === undefined)).toBe(true);
  });

  it("answers a requester kind with a status from the board's own index over the cases table", async () => {
    const db = await project(caseViews, events);
    const spy = db.prepare.bind(db);
    const filters = [
      { status: 'open', kind: 'law_enforcement', index: 'director_board_by_kind' },
      { status: 'closed', kind: 'patron', index: 'director_board_by_kind' },
    ] as const;
    for (const { index, ...filter } of filters) {
      let plan = '';
      db.prepare = ((sql: string) => {
        const parameters = new Array((sql.match(/\?/g) ?? []).length).fill('x');
        plan = (spy(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join('\n');
        return spy(sql);
      });
      queryDirectorBoard(db, { limit: 2, ...filter });
      expect(plan).toContain(`USING INDEX ${index}`);
    }
  });

  it("does not name as the next deadline a date whose clock counsel's objection stopped", () => {
    const subpoena = [openLawEnforcementCase(['name']), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: '2025-03-20T12:00:00.000Z' }), referToCounsel()] as const;
    const nextDeadline = (history: CaseEvent[]) => directorBoardColumnsOf(foldCaseEvents(history)!).nextDeadline;
    const waiting = given(...subpoena).history;
    // Served when recorded: the last day to object is 14 days later, before the return date.
    expect(nextDeadline(waiting)).toMatch(/^2025-03-1\dT/);
    const objectedEarly = given(...subpoena, { ...adviseCounsel('object'), filedAt: '2025-03-03T11:00:00.000Z' }).history;
    expect(nextDeadline(objectedEarly)).toBeNull();
    const advisedToComply = given(...subpoena, adviseCounsel('comply')).history;
    expect(nextDeadline(advisedToComply)).toBe(nextDeadline(waiting));
  });

  it('sorts by the soonest deadline first and cases without one last, page after page, with the referral SLA in the order and the answer', async () => {
    const db = await project(caseViews, events);
    const everyCase = queryDirectorBoard(db, { status: 'all', limit: 100, sort: 'deadline', referralSlaMinutes: 60 }).items;
    const walked: typeof everyCase = [];
    let cursor: string | undefined;
    do {
      const page = queryDirectorBoard(db, { status: 'all', limit: 2, sort: 'deadline', referralSlaMinutes: 60, ...(cursor && { cursor }) });
      walked.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(everyCase);
    expect(new Set(walked.map((item) => item.caseId)).size).toBe(Object.keys(caseHistories()).length);
    const deadlines = walked.map((item) => item.nextDeadline ?? '~');
    expect(deadlines).toEqual([...deadlines].sort());
    const waiting = walked.find((item) => item.caseId === 'case-le-waiting')!;
    expect(waiting.nextDeadline).toBe(new Date(Date.parse(waiting.openedAt) + 60 * 60_000).toISOString());
    expect(walked.indexOf(waiting)).toBeLessThan(walked.findIndex((item) => item.nextDeadline === null));
    // Without the SLA the same case has no deadline of its own, and newest first stays the default order.
    expect(queryDirectorBoard(db, { status: 'all', limit: 100 }).items.find((item) => item.caseId === 'case-le-waiting')!.nextDeadline).toBeNull();
    const newestFirst = queryDirectorBoard(db, { status: 'all', limit: 100 }).items.map((item) => item.openedAt);
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
    expect(() => queryDirectorBoard(db, { status: 'all', limit: 2, sort: 'opened', cursor: queryDirectorBoard(db, { status: 'all', limit: 2, sort: 'deadline' }).nextCursor! })).toThrow();
  });

  it('names the agency that asked and marks the cases that wait for the Director’s own decision', async () => {
    const asked = (history: CaseEvent[]) => directorBoardColumnsOf(foldCaseEvents(history)!).requesterAgency;
    const police = given(openLawEnforcementCase(['name']), referToDirector()).history;
    expect(asked(police)).toEqual(expect.any(String));
    expect(asked(police)).not.toBe('');
    expect(asked(given(openCase({ kind: 'other', name: 'Pat Jones' })).history)).toBeNull();
    const waits = (history: CaseEvent[]) => needsDirectorDecision(foldCaseEvents(history)!.case);
    const subpoena = [openLawEnforcementCase(['name']), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena' }), referToCounsel()] as const;
    expect(waits(given(...subpoena).history)).toBe(false);
    expect(waits(given(...subpoena, adviseCounsel('comply')).history)).toBe(true);
    expect(waits(police)).toBe(false);
    expect(waits(given(openCase({ kind: 'other', name: 'Pat Jones' }), referToDirector()).history)).toBe(true);
    const db = await project(caseViews, events);
    const board = queryDirectorBoard(db, { status: 'all', limit: 100 }).items;
    expect(board.filter((item) => item.needsDecision).map((item) => item.caseId)).toEqual(
      Object.keys(caseHistories()).filter((caseId) => needsDirectorDecision(foldOf(caseId).case)),
    );
  });
  it("names the reply to a public-records request for the library's statistics as what the case waits for, with its four-business-day deadline, until it is answered", async () => {
    const columns = (history: CaseEvent[]) => directorBoardColumnsOf(foldCaseEvents(history)!);
    // Received Monday 3 March 2025: the fourth business day after is Friday 7 March, due as Saturday begins (CGS § 1-206(a)).
    expect(columns(given(openStatisticsRequest()).history)).toMatchObject({ nextAction: 'Reply to the public-records request', nextDeadline: '2025-03-08T00:00:00.000Z' });
    expect(columns(given(openStatisticsRequest(), answerStatisticsRequest()).history)).toMatchObject({ nextAction: null, nextDeadline: null });

    const withRequest = projectedHistory({ ...caseHistories(), 'case-foi': renamed(given(openStatisticsRequest()).history, 'case-foi') });
    const db = await project(caseViews, withRequest);
    expect(dumpViews(await project(caseViews, withRequest, 2))).toEqual(dumpViews(db));
    // Sorted by deadline, its reply date (the 8th) comes before every other open case's (the sealed case's return date is the 10th).
    const dues = queryDirectorBoard(db, { status: 'open', sort: 'deadline', limit: 50 }).items.map((item) => [item.caseId, item.nextDeadline]);
    expect(dues[0]).toEqual(['case-foi', '2025-03-08T00:00:00.000Z']);
  });
});

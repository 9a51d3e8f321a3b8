import { queryCounselQueue, referredCounselOf } from './counsel-queue.projection.js';
import { projectedHistory } from '../testing/case-histories.js';
import { project } from '../testing/view-harness.js';
import { caseViews } from '../testing/case-views.js';

describe('counsel queue view', () => {
  const events = projectedHistory();

  it("lists the cases referred to a counsel, with the advice given, and nobody else's", async () => {
    const db = await project(caseViews, events);
    const queue = queryCounselQueue(db, { counselUserId: 'u-counsel', limit: 50 });
    expect(queue.items.map((item) => [item.caseId, item.status, item.advice, item.sealed])).toEqual([
      ['case-le-subpoena', 'closed', 'comply', false],
      ['case-le-sealed', 'awaiting_counsel', null, true],
    ].sort((a, b) => String(b[0]).localeCompare(String(a[0]))));
    expect(queryCounselQueue(db, { counselUserId: 'u-counsel-2', limit: 50 }).items).toEqual([]);
    expect(referredCounselOf(db, 'case-le-sealed')).toBe('u-counsel');
    expect(referredCounselOf(db, 'case-patron')).toBeNull();
    const first = queryCounselQueue(db, { counselUserId: 'u-counsel', limit: 1 });
    const second = queryCounselQueue(db, { counselUserId: 'u-counsel', limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((item) => item.caseId).sort()).toEqual(['case-le-sealed', 'case-le-subpoena']);
    expect(second.nextCursor).toBeNull();
  });
});

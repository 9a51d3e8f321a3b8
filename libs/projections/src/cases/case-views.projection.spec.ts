import { caseHistories, projectedHistory } from '../testing/case-histories.js';
import { caseViews } from '../testing/case-views.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';

/**
 * The register, the director's board, counsel's queue, the deadlines, the findings and the cases'
 * retention facts are one projection (`case-views`): one replay check covers all their tables.
 */
describe('case views', () => {
  const events = projectedHistory();

  it('replayed twice give the same views, and applying every event twice changes nothing', async () => {
    const once = dumpViews(await project(caseViews, events));
    expect(dumpViews(await rebuilt(caseViews, events))).toEqual(once);
    expect(dumpViews(await project(caseViews, events, 2))).toEqual(once);
    const cases = Object.keys(caseHistories()).length;
    expect(once.disclosure_register).toHaveLength(cases);
    expect(once.director_board).toHaveLength(cases);
    for (const table of ['counsel_queue', 'deadlines', 'findings', 'retention_cases', 'case_categories']) expect(once[table]!.length).toBeGreaterThan(0);
  });
});

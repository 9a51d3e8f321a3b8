import Database from 'better-sqlite3';
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
    expect(once.cases).toHaveLength(cases);
    for (const table of ['counsel_queue', 'deadlines', 'findings', 'case_categories', 'case_search_terms']) expect(once[table].length).toBeGreaterThan(0);
  });

  it("drops, with its own tables, the tables earlier releases' case views made", () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE director_board (case_id TEXT PRIMARY KEY); CREATE TABLE disclosure_register (case_id TEXT PRIMARY KEY);
      CREATE TABLE retention_cases (case_id TEXT PRIMARY KEY); CREATE TABLE deadline_cases (case_id TEXT PRIMARY KEY);
      CREATE TABLE finding_facts (case_id TEXT PRIMARY KEY); CREATE TABLE unrelated (id INTEGER)`);
    caseViews.setup(db);
    caseViews.teardown(db);
    expect((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name)).toEqual(['unrelated']);
  });
});

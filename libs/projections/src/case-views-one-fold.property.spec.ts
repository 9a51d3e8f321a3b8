import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { caseStateFrom } from '@ledger/domain';
import { caseHistory } from '../../domain/src/testing/case-history.arbitrary.js';
import { projectedHistory } from './testing/case-histories.js';
import { project } from './testing/view-harness.js';
import type { Projection } from './runner/projection.js';
import { disclosureRegisterProjection } from './register/disclosure-register.projection.js';
import { directorBoardProjection } from './director/director-board.projection.js';
import { counselQueueProjection } from './counsel/counsel-queue.projection.js';
import { deadlinesProjection } from './deadlines/deadlines.projection.js';

/*
 * Issue 14 point 1: the case lifecycle is written once. For random valid histories — made by the real
 * deciders, so every history is one the ledger could hold — every case view's status (and outcome,
 * where it keeps one) is what the domain's own fold says.
 */

const VIEWS: readonly [Projection, string][] = [
  [disclosureRegisterProjection, 'disclosure_register'],
  [directorBoardProjection, 'director_board'],
  [counselQueueProjection, 'counsel_queue'],
  [deadlinesProjection, 'deadline_cases'],
];

function stateRow(db: Database.Database, table: string, caseId: string): { status?: string; outcome?: string | null } | undefined {
  const row = db.prepare(`SELECT state FROM ${table} WHERE case_id = ?`).get(caseId) as { state: string } | undefined;
  return row && (JSON.parse(row.state) as { status?: string; outcome?: string | null });
}

describe('every case view agrees with the one fold (caseStateFrom)', () => {
  it('on status and outcome, for random valid histories', () => {
    fc.assert(
      fc.property(caseHistory(), (history) => {
        const folded = caseStateFrom(history);
        if (!folded.exists) return;
        const events = projectedHistory({ 'case-1': history });
        for (const [view, table] of VIEWS) {
          const row = stateRow(project(view, events), table, 'case-1');
          if (row === undefined) continue;
          expect({ view: view.name, status: row.status }).toEqual({ view: view.name, status: folded.status });
          if ('outcome' in row) expect({ view: view.name, outcome: row.outcome ?? undefined }).toEqual({ view: view.name, outcome: folded.outcome });
        }
        // The register and the director's board hold every case.
        expect(stateRow(project(disclosureRegisterProjection, events), 'disclosure_register', 'case-1')).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });
});

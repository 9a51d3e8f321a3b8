import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { type CaseCommand, type CaseEvent, type Category, caseStateFrom, decideCase, evolveCase, initialCaseState, type CaseState } from '@ledger/domain';
import {
  adviseCounsel,
  decideRelease,
  defaultContext,
  executeWarrant,
  explainPolicy,
  grantNeedToKnow,
  openCase,
  openLawEnforcementCase,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
  refuse,
  release,
  auditor,
  wellnessCheck,
} from '../../domain/src/testing/case-fixtures.js';
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

const CATEGORY_SETS: Category[][] = [['circulation_history'], ['name'], ['circulation_history', 'name'], ['checkouts'], ['checkouts', 'holds']];
const openings: CaseCommand[] = [
  openCase({ requestedCategories: ['checkouts', 'holds'] }),
  openCase({ kind: 'family_or_friend', name: 'Bo Lee', requestedCategories: ['checkouts'] }),
  openLawEnforcementCase(['circulation_history', 'name']),
  openLawEnforcementCase(['circulation_history']),
  wellnessCheck(['name']),
];
const step = fc.oneof(
  fc.constant(referToDirector()),
  fc.constant(refuse()),
  fc.constant(explainPolicy()),
  fc.constant(referToCounsel()),
  fc.constant(grantNeedToKnow(auditor.userId)),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => release(categories)),
  fc.tuple(fc.constantFrom(...CATEGORY_SETS), fc.constantFrom('court_order', 'subpoena', 'search_warrant', 'national_security_letter') as fc.Arbitrary<'court_order'>, fc.nat(3)).map(
    ([categories, instrumentType, n]) => recordInstrument(categories, { instrumentType, instrumentId: `ins-${n}`, returnDate: '2025-03-20T17:00:00.000Z' }),
  ),
  fc.constantFrom('comply', 'comply_in_part', 'object', 'move_to_quash').map((advice) => adviseCounsel(advice, advice === 'comply_in_part' ? ['name'] : undefined)),
  fc.constantFrom(decideRelease('release'), decideRelease('deny'), decideRelease('release_in_part', ['name'])),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => produce(categories)),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => executeWarrant(categories)),
);

/** The events the deciders accept, in order: a refused command records nothing and the history goes on. */
function historyOf(commands: readonly CaseCommand[]): CaseEvent[] {
  let state: CaseState = initialCaseState;
  const history: CaseEvent[] = [];
  for (const command of commands) {
    try {
      const events = decideCase(command, state, defaultContext);
      history.push(...events);
      state = events.reduce(evolveCase, state);
    } catch {
      // refused: nothing recorded
    }
  }
  return history;
}

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
      fc.property(fc.constantFrom(...openings), fc.array(step, { maxLength: 12 }), (opening, steps) => {
        const history = historyOf([opening, ...steps]);
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

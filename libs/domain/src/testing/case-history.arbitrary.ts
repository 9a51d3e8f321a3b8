/**
 * Random valid case histories for property specs: random commands run through the real deciders, so
 * every history is one the ledger could hold (a refused command records nothing and the history goes on).
 */
import fc from 'fast-check';
import type { CaseCommand } from '../case/case.commands.js';
import type { CaseEvent } from '../case/case.events.js';
import type { CaseDecisionContext } from '../case/case.context.js';
import { decideCase } from '../case/case.decider.js';
import { evolveCase, initialCaseState, type CaseState } from '../case/case.state.js';
import type { Category, InstrumentType } from '../vocabulary.js';
import {
  adviseCounsel,
  auditor,
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
  wellnessCheck,
} from './case-fixtures.js';

const CATEGORY_SETS: Category[][] = [['circulation_history'], ['name'], ['circulation_history', 'name'], ['checkouts'], ['checkouts', 'holds']];
const INSTRUMENT_TYPES: InstrumentType[] = ['court_order', 'subpoena', 'search_warrant', 'national_security_letter'];
/** Return dates before, between and after the filings below, or none. */
const RETURN_DATES = [undefined, '2025-03-03T11:00:00.000Z', '2025-03-20T17:00:00.000Z'];
/** When an objection was filed: before or after the earliest return date (never after the command's recordedAt). */
const FILED_ATS = ['2025-03-03T10:30:00.000Z', '2025-03-03T11:30:00.000Z'];

export const caseOpenings: readonly CaseCommand[] = [
  openCase({ requestedCategories: ['checkouts', 'holds'] }),
  openCase({ kind: 'family_or_friend', name: 'Bo Lee', requestedCategories: ['checkouts'] }),
  openLawEnforcementCase(['circulation_history', 'name']),
  openLawEnforcementCase(['circulation_history']),
  wellnessCheck(['name']),
];

export const caseStep: fc.Arbitrary<CaseCommand> = fc.oneof(
  fc.constant(referToDirector()),
  fc.constant(refuse()),
  fc.constant(explainPolicy()),
  fc.constantFrom(referToCounsel(), { ...referToCounsel(), note: 'Please advise on the return date' }),
  fc.constant(grantNeedToKnow(auditor.userId)),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => release(categories)),
  fc
    .tuple(fc.constantFrom(...CATEGORY_SETS), fc.constantFrom(...INSTRUMENT_TYPES), fc.nat(3), fc.constantFrom(...RETURN_DATES))
    .map(([categories, instrumentType, n, returnDate]) =>
      recordInstrument(categories, { instrumentType, instrumentId: `ins-${n}`, ...(returnDate !== undefined && { returnDate }) }),
    ),
  fc.constantFrom('comply', 'comply_in_part', 'object', 'move_to_quash', 'decline').map((advice) =>
    adviseCounsel(advice, advice === 'comply_in_part' ? ['name'] : undefined),
  ),
  fc.tuple(fc.constantFrom('object', 'move_to_quash'), fc.constantFrom(...FILED_ATS)).map(([advice, filedAt]) => ({ ...adviseCounsel(advice), filedAt })),
  fc.constantFrom(decideRelease('release'), decideRelease('deny'), decideRelease('release_in_part', ['name'])),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => produce(categories)),
  fc.constantFrom(...CATEGORY_SETS).map((categories) => executeWarrant(categories)),
);

/** The events the deciders accept, in order (decided under `context`: the default pack unless it says). */
export function historyOf(commands: readonly CaseCommand[], context: CaseDecisionContext = defaultContext): CaseEvent[] {
  let state: CaseState = initialCaseState;
  const history: CaseEvent[] = [];
  for (const command of commands) {
    try {
      const events = decideCase(command, state, context);
      history.push(...events);
      state = events.reduce(evolveCase, state);
    } catch {
      // refused: nothing recorded
    }
  }
  return history;
}

/** A random valid history of `case-1`: an opening and up to `maxSteps` further commands. */
export function caseHistory(maxSteps = 12): fc.Arbitrary<CaseEvent[]> {
  return fc.tuple(fc.constantFrom(...caseOpenings), fc.array(caseStep, { maxLength: maxSteps })).map(([opening, steps]) => historyOf([opening, ...steps]));
}

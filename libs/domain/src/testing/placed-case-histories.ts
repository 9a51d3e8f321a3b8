/**
 * Random valid case histories with a random place for each event (the reading and the pack it was
 * decided under, how long after its `occurredAt` it was recorded), drawn from a fixed seed: the same
 * histories on every run, so that the findings of each can be held against those recorded for it.
 */
import fc from 'fast-check';
import type { CaseCommand } from '../case/case.commands.js';
import type { CaseEvent } from '../case/case.events.js';
import type { CaseEventAt } from '../case/recorded-case.js';
import { caseOpenings, caseStep, historyOf } from './case-history.arbitrary.js';
import {
  adviseCounsel,
  confirmEarlierTime,
  decideRelease,
  defaultContext,
  director,
  endNondisclosure,
  executeWarrant,
  openCase,
  openLawEnforcementCase,
  openStatisticsRequest,
  produce,
  recordInstrument,
  recordPatronNotice,
  referToCounsel,
  referToDirector,
} from './case-fixtures.js';
import { JURISDICTION_PACKS } from '../policy/jurisdictions.js';
import { BEFORE_THIRD_READING_POLICY_VERSIONS, POLICY_VERSION as US_CT_POLICY_VERSION } from '../policy/us-ct/policy-version.js';
import { POLICY_VERSION as US_NY_POLICY_VERSION } from '../policy/us-ny/policy-version.js';

export type EventPlace = Omit<CaseEventAt, 'event' | 'revision'>;

export interface PlacedHistory {
  readonly name: string;
  readonly events: readonly CaseEvent[];
  /** By revision. */
  readonly places: readonly EventPlace[];
}

const { patron: _nobody, ...aboutComputer } = openLawEnforcementCase(['computer_sessions']);
const openings: readonly CaseCommand[] = [
  ...caseOpenings,
  openCase({ kind: 'family_or_friend', name: 'Bo Lee', purpose: 'renew books', requestedCategories: ['checkouts'] }),
  openStatisticsRequest(),
  { ...aboutComputer, subject: { kind: 'resource', description: 'Public computer 4' } },
];

/** Besides the property specs' steps: confirmed times, orders that seal and end, notices to the patron, and whole courses to a production or a search. */
const steps: fc.Arbitrary<readonly CaseCommand[]> = fc.oneof(
  caseStep.map((command) => [command]),
  fc.constantFrom('director_referral', 'counsel_referral', 'counsel_advice', 'release_decision').map((act) => [confirmEarlierTime(act)]),
  fc.constantFrom('ins-1', 'ins-gag').map((instrumentId) => [recordInstrument(['name'], { instrumentId, nondisclosureOrder: true })]),
  fc.constantFrom('ins-1', 'ins-gag').map((instrumentId) => [endNondisclosure(director, { instrumentId })]),
  fc.constant([recordPatronNotice(director)]),
  fc
    .tuple(fc.constantFrom('court_order', 'subpoena', 'search_warrant', 'national_security_letter'), fc.constantFrom(undefined, '2025-03-03T11:00:00.000Z', '2025-03-20T17:00:00.000Z'))
    .map(([instrumentType, returnDate]) => [
      referToDirector(),
      recordInstrument(['name'], { instrumentType, instrumentId: 'ins-p', ...(returnDate !== undefined && { returnDate }) }),
      referToCounsel(),
      adviseCounsel('comply'),
      decideRelease('release'),
      produce(['name']),
    ]),
  fc.constant([referToDirector(), recordInstrument(['name'], { instrumentType: 'search_warrant', instrumentId: 'ins-w' }), executeWarrant(['name'], undefined, 'ins-w')]),
);

const place: fc.Arbitrary<(occurredAt: string) => EventPlace> = fc
  .tuple(
    fc.constantFrom(undefined, ...BEFORE_THIRD_READING_POLICY_VERSIONS, US_CT_POLICY_VERSION, US_NY_POLICY_VERSION),
    fc.constantFrom(undefined, 'us-ct', 'us-ny'),
    fc.constantFrom(undefined, 0, 45, 3 * 24 * 60),
  )
  .map(([policyVersion, jurisdiction, delayMinutes]) => (occurredAt: string) => ({
    ...(policyVersion !== undefined && { policyVersion }),
    ...(jurisdiction !== undefined && { jurisdiction }),
    ...(delayMinutes !== undefined && { recordedAt: new Date(Date.parse(occurredAt) + delayMinutes * 60_000).toISOString() }),
  }));

const placedHistory: fc.Arbitrary<Omit<PlacedHistory, 'name'>> = fc
  .tuple(fc.constantFrom(...openings), fc.array(steps, { minLength: 4, maxLength: 12 }), fc.oneof(
      { arbitrary: fc.constant(defaultContext), weight: 2 },
      { arbitrary: fc.constant({ ...defaultContext, jurisdiction: JURISDICTION_PACKS['us-ny'] }), weight: 2 },
      { arbitrary: fc.constant({ ...defaultContext, timeZone: 'America/New_York' }), weight: 1 },
    ), fc.array(place, { minLength: 40, maxLength: 40 }))
  .map(([opening, courses, context, placeOf]) => {
    const events = historyOf([opening, ...courses.flat()], context);
    return { events, places: events.map((event, revision) => placeOf[revision % placeOf.length](event.data.occurredAt)) };
  });

/** `count` histories, the same on every run (seed 2: its 300 reach ten of the case rules, the production no pack's door opened among them). */
export function placedCaseHistories(count: number, seed = 2): PlacedHistory[] {
  return fc.sample(placedHistory, { seed, numRuns: count }).map((history, index) => ({ name: `h${index}`, ...history }));
}

/**
 * Random valid case histories with a random place for each event (the reading and the pack it was
 * decided under, how long after its `occurredAt` it was recorded), and written-out courses a random
 * walk seldom takes: what the findings of the one fold are held to the former fold's over.
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
  release,
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

/** A random valid history of `case-1`, each event with a random place. */
export const placedCaseHistory: fc.Arbitrary<Omit<PlacedHistory, 'name'>> = fc
  .tuple(fc.constantFrom(...openings), fc.array(steps, { minLength: 4, maxLength: 12 }), fc.oneof(
      { arbitrary: fc.constant(defaultContext), weight: 2 },
      { arbitrary: fc.constant({ ...defaultContext, jurisdiction: JURISDICTION_PACKS['us-ny'] }), weight: 2 },
      { arbitrary: fc.constant({ ...defaultContext, timeZone: 'America/New_York' }), weight: 1 },
    ), fc.array(place, { minLength: 40, maxLength: 40 }))
  .map(([opening, courses, context, placeOf]) => {
    const events = historyOf([opening, ...courses.flat()], context);
    return { events, places: events.map((event, revision) => placeOf[revision % placeOf.length](event.data.occurredAt)) };
  });

const newYork = { ...defaultContext, jurisdiction: JURISDICTION_PACKS['us-ny'] };
const RETURN_DATE = '2025-03-20T17:00:00.000Z';

/** Courses a random walk seldom takes, written out: a production New York's door opened, a release to a friend, a subpoena left unanswered. */
const COURSES: readonly { readonly commands: readonly CaseCommand[]; readonly context: typeof defaultContext }[] = [
  {
    commands: [openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: RETURN_DATE }), referToCounsel(), adviseCounsel('comply'), decideRelease('release'), produce(['name'])],
    context: newYork,
  },
  { commands: [openCase({ kind: 'family_or_friend', name: 'Bo Lee', purpose: 'renew books', requestedCategories: ['checkouts'] }), release(['checkouts'])], context: defaultContext },
  {
    commands: [openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: RETURN_DATE }), referToCounsel(), adviseCounsel('decline'), decideRelease('deny')],
    context: defaultContext,
  },
];

/** Each course under no metadata (before versions were stamped), Connecticut's third reading recorded late, and New York's pack. */
const COURSE_PLACES: readonly ((occurredAt: string) => EventPlace)[] = [
  () => ({}),
  (occurredAt) => ({ policyVersion: US_CT_POLICY_VERSION, jurisdiction: 'us-ct', recordedAt: new Date(Date.parse(occurredAt) + 45 * 60_000).toISOString() }),
  (occurredAt) => ({ policyVersion: US_NY_POLICY_VERSION, jurisdiction: 'us-ny', recordedAt: occurredAt }),
];

/** The written-out courses, each under each place. */
export function placedCourses(): PlacedHistory[] {
  return COURSES.flatMap(({ commands, context }, course) => {
    const events = historyOf(commands, context);
    return COURSE_PLACES.map((placeOf, variant) => ({ name: `c${course}v${variant}`, events, places: events.map((event) => placeOf(event.data.occurredAt)) }));
  });
}

/** `count` random histories, the same on every run (a fixed seed), then the written-out courses. */
export function placedCaseHistories(count: number, seed = 28): PlacedHistory[] {
  return [...fc.sample(placedCaseHistory, { seed, numRuns: count }).map((history, index) => ({ name: `h${index}`, ...history })), ...placedCourses()];
}

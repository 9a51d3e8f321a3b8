/**
 * Property: whatever sequence of commands arrives, from whichever actors, no production ever exceeds
 * instrument scope ∩ counsel's advice ∩ the director's decision, and nothing is ever released across
 * the desk on a law-enforcement case. The oracle below recomputes the bounds from the emitted events
 * alone, independently of the decider's state.
 */
import fc from 'fast-check';
import { DomainError } from '../shared/errors.js';
import { hasDirectorPowers, type Actor } from '../policy/actor.js';
import { initialVendorList } from '../vendor/vendor.state.js';
import { ADVICE_AGAINST_RELEASE, CATEGORIES, COUNSEL_ADVICE, INSTRUMENT_TYPES, REQUESTER_KINDS, ROLES, type Category } from '../vocabulary.js';
import type { CaseCommand } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import { decideCase } from './case.decider.js';
import { evolveCase, initialCaseState, type CaseState } from './case.state.js';

const RECEIVED_AT = '2025-03-03T10:00:00.000Z';
const LATER = '2025-03-03T11:00:00.000Z';
const NOW = '2025-03-03T12:00:00.000Z';
const COUNSEL_IDS = ['u-counsel-a', 'u-counsel-b'];
const USER_IDS = ['u-staff', 'u-director', ...COUNSEL_IDS, 'u-auditor'];

// Weighted towards the people who can move a case along, so that sequences reach productions often.
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Actor>({ userId: 'u-director', role: 'director', isActiveDesignee: false }) },
  { weight: 3, arbitrary: fc.constantFrom(...COUNSEL_IDS).map<Actor>((userId) => ({ userId, role: 'counsel', isActiveDesignee: false })) },
  {
    weight: 2,
    arbitrary: fc.record({
      userId: fc.constantFrom(...USER_IDS),
      role: fc.constantFrom(...ROLES),
      isActiveDesignee: fc.boolean(),
    }),
  },
);
// A small pool makes overlaps (and so successful productions) frequent; one category from the rest
// of the vocabulary keeps "outside every scope" in play.
const CATEGORY_POOL: Category[] = ['name', 'address', 'checkouts', 'circulation_history', CATEGORIES[CATEGORIES.length - 1]];
const categoriesArb = fc.subarray(CATEGORY_POOL, { minLength: 1 });
const optionalCategoriesArb = fc.option(categoriesArb, { nil: undefined });

type Draft = { [K in CaseCommand['type']]: Omit<Extract<CaseCommand, { type: K }>, 'caseId' | 'actor' | 'occurredAt' | 'recordedAt'> }[CaseCommand['type']];

const draftArb: fc.Arbitrary<Draft> = fc.oneof(
  fc.constant<Draft>({ type: 'ReferToDirector' }),
  fc.record({
    type: fc.constant('RecordLegalInstrument' as const),
    instrumentId: fc.constantFrom('ins-1', 'ins-2', 'ins-3'),
    instrumentType: fc.constantFrom(...INSTRUMENT_TYPES),
    issuedBy: fc.constant('Court'),
    servedAt: fc.constant(LATER),
    scope: categoriesArb.map((categories) => ({ categories })),
    nondisclosureOrder: fc.boolean(),
  }),
  fc.record({ type: fc.constant('ExplainPolicy' as const) }),
  fc.record({ type: fc.constant('ReferToCounsel' as const), counselUserId: fc.constantFrom(...COUNSEL_IDS) }),
  fc.record({
    type: fc.constant('RecordCounselAdvice' as const),
    advice: fc.constantFrom(...COUNSEL_ADVICE),
    scope: optionalCategoriesArb.map((categories) => (categories === undefined ? undefined : { categories })),
  }),
  fc.record({
    type: fc.constant('DecideRelease' as const),
    decision: fc.constantFrom('release' as const, 'release_in_part' as const, 'release' as const, 'deny' as const),
    categories: optionalCategoriesArb,
    rationale: fc.constant('because'),
  }),
  fc.record({
    type: fc.constant('RecordProduction' as const),
    categories: categoriesArb,
    recipient: fc.constant('Agency'),
    method: fc.constant('electronic_transfer' as const),
  }),
  fc.record({ type: fc.constant('RecordRelease' as const), categories: categoriesArb, method: fc.constant('in_person' as const) }),
  fc.record({
    type: fc.constant('RecordWarrantExecution' as const),
    categories: categoriesArb,
    inventory: fc.constant('list'),
    counselPresent: fc.boolean(),
  }),
  fc.record({ type: fc.constant('RefuseRequest' as const), reason: fc.constant('no') }),
);

const stepArb = fc.record({ draft: draftArb, actor: actorArb });

const director: Actor = { userId: 'u-director', role: 'director', isActiveDesignee: false };
const designee: Actor = { userId: 'u-staff', role: 'staff', isActiveDesignee: true };
const referredCounsel: Actor = { userId: COUNSEL_IDS[0], role: 'counsel', isActiveDesignee: false };
const directorOrDesignee = fc.constantFrom(director, designee);

/** A step of the policy's path: usually by the right person with sensible parameters, sometimes not. */
const pathStep = (draft: fc.Arbitrary<Draft>, rightActor: fc.Arbitrary<Actor>) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ draft, actor: rightActor }) },
    { weight: 1, arbitrary: fc.record({ draft, actor: actorArb }) },
    { weight: 1, arbitrary: stepArb },
  );

const adviceOnPathArb: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Draft>({ type: 'RecordCounselAdvice', advice: 'comply' }) },
  { weight: 3, arbitrary: categoriesArb.map<Draft>((categories) => ({ type: 'RecordCounselAdvice', advice: 'comply_in_part', scope: { categories } })) },
  { weight: 1, arbitrary: fc.constantFrom(...ADVICE_AGAINST_RELEASE).map<Draft>((advice) => ({ type: 'RecordCounselAdvice', advice })) },
);
const decisionOnPathArb: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Draft>({ type: 'DecideRelease', decision: 'release', rationale: 'advice' }) },
  { weight: 2, arbitrary: categoriesArb.map<Draft>((categories) => ({ type: 'DecideRelease', decision: 'release_in_part', categories, rationale: 'advice' })) },
  { weight: 1, arbitrary: draftArb.filter((draft) => draft.type === 'DecideRelease') },
);

/**
 * The policy's path (refer, instrument, counsel, advice, decision, production), each step preceded by
 * up to two random commands from random actors: most runs get far along the path, and every run is
 * disturbed by commands out of order and by the wrong people.
 */
// Commands that close the case end a run early, so they are rarer in the noise than the rest.
const CLOSERS: readonly Draft['type'][] = ['RefuseRequest', 'ExplainPolicy', 'RecordRelease'];
const noiseArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ draft: draftArb.filter((draft) => !CLOSERS.includes(draft.type)), actor: actorArb }) },
  { weight: 1, arbitrary: stepArb },
);
const productionOnPathArb: fc.Arbitrary<Draft> = fc.record({
  type: fc.constant('RecordProduction' as const),
  categories: fc.subarray(CATEGORY_POOL, { minLength: 1, maxLength: 2 }),
  recipient: fc.constant('Agency'),
  method: fc.constant('electronic_transfer' as const),
});

// Mostly the statute's first door (court order, search warrant), so that runs reach productions; the
// other types exercise the second door (the requester's consent) and the refusals.
const instrumentOnPathArb: fc.Arbitrary<Draft> = fc.record({
  type: fc.constant('RecordLegalInstrument' as const),
  instrumentId: fc.constantFrom('ins-1', 'ins-2', 'ins-3'),
  instrumentType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('court_order' as const, 'search_warrant' as const) }, { weight: 2, arbitrary: fc.constantFrom(...INSTRUMENT_TYPES) }),
  issuedBy: fc.constant('Court'),
  servedAt: fc.constant(LATER),
  scope: categoriesArb.map((categories) => ({ categories })),
  nondisclosureOrder: fc.boolean(),
});

const scriptArb = fc
  .tuple(
    pathStep(fc.constant<Draft>({ type: 'ReferToDirector' }), fc.constant(director)),
    pathStep(instrumentOnPathArb, directorOrDesignee),
    pathStep(fc.constant<Draft>({ type: 'ReferToCounsel', counselUserId: referredCounsel.userId }), directorOrDesignee),
    pathStep(adviceOnPathArb, fc.constant(referredCounsel)),
    pathStep(decisionOnPathArb, directorOrDesignee),
    pathStep(productionOnPathArb, directorOrDesignee),
  )
  .chain((path) =>
    fc.tuple(...path.map(() => fc.array(noiseArb, { maxLength: 2 }))).map((noise) => path.flatMap((step, index) => [...noise[index], step])),
  );

const openArb = fc.record({
  kind: fc.oneof({ weight: 3, arbitrary: fc.constant('law_enforcement' as const) }, fc.constantFrom(...REQUESTER_KINDS)),
  requestedCategories: categoriesArb,
  opener: fc.constantFrom<Actor>(
    { userId: 'u-staff', role: 'staff', isActiveDesignee: false },
    { userId: 'u-director', role: 'director', isActiveDesignee: false },
  ),
});

/** The patron gave the requester written permission for two categories: the statute's second door, sometimes open. */
const CONSENTED: Category[] = ['name', 'checkouts'];
const context: CaseDecisionContext = {
  patron: { cardReportedLost: false, consents: [{ consentId: 'c-p', grantee: 'Requester', categories: CONSENTED, givenAt: RECEIVED_AT }] },
  vendors: initialVendorList,
  counsel: null,
  grantee: null,
};
const counselContext = (userId: string): CaseDecisionContext => ({ ...context, counsel: { userId, role: 'counsel' } });

const within = (inner: readonly Category[], outer: readonly Category[]) => inner.every((category) => outer.includes(category));
const intersect = (a: readonly Category[], b: readonly Category[]) => a.filter((category) => b.includes(category));

/** Bounds recomputed from the event history only. */
class Oracle {
  instrumentScope: Category[] = [];
  instrumentTypes: string[] = [];
  advicePermits: Category[] | undefined;
  decided: Category[] | undefined;

  observe(event: CaseEvent): void {
    switch (event.type) {
      case 'LegalInstrumentRecorded':
        this.instrumentScope = [...new Set([...this.instrumentScope, ...event.data.scope.categories])];
        this.instrumentTypes = [...this.instrumentTypes, event.data.type];
        break;
      case 'ReferredToCounsel':
        this.advicePermits = undefined;
        this.decided = undefined;
        break;
      case 'CounselAdviceRecorded': {
        const { advice, scope } = event.data;
        const favourable = advice === 'comply' || advice === 'comply_in_part';
        this.advicePermits = favourable ? intersect(this.instrumentScope, scope?.categories ?? this.instrumentScope) : [];
        this.decided = undefined;
        break;
      }
      case 'ReleaseDecided':
        this.decided = event.data.decision === 'deny' ? [] : [...event.data.categories];
        break;
      default:
        break;
    }
  }
}

describe('case decider properties', () => {
  let productions = 0;
  let lawEnforcementReleasesRefused = 0;

  afterAll(() => {
    // The property is only worth something if random sequences actually reach these events.
    expect(productions).toBeGreaterThan(10);
    expect(lawEnforcementReleasesRefused).toBeGreaterThan(10);
  });

  it('never produces beyond instrument ∩ advice ∩ decision, and never releases on a law-enforcement case', () => {
    fc.assert(
      fc.property(openArb, scriptArb, (open, steps) => {
        let state: CaseState = initialCaseState;
        const apply = (command: CaseCommand, ctx: CaseDecisionContext): CaseEvent[] => {
          try {
            const events = decideCase(command, state, ctx);
            state = events.reduce(evolveCase, state);
            return events;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            return [];
          }
        };
        const opened = apply(
          {
            type: 'OpenCase',
            caseId: 'case-p',
            actor: open.opener,
            occurredAt: RECEIVED_AT,
            recordedAt: NOW,
            requester: { kind: open.kind, name: 'Requester' },
            channel: 'in_person',
            patron: { blindIndex: 'bi', pseudonym: 'P', encryptedRef: 'enc' },
            requestedCategories: open.requestedCategories,
            identification: [{ kind: 'photo_id' }],
          },
          context,
        );
        expect(opened).toHaveLength(1);
        // A government agency's request goes the law-enforcement way (GOVERNMENT-REFER).
        const lawEnforcement = open.kind === 'law_enforcement' || open.kind === 'government_agency';
        const permitted = opened[0].type === 'DisclosureRequested' ? opened[0].data.evaluation.permittedCategories : [];
        const oracle = new Oracle();

        for (const { draft, actor } of steps) {
          const command = { ...draft, caseId: 'case-p', actor, occurredAt: LATER, recordedAt: NOW } as CaseCommand;
          const ctx = command.type === 'ReferToCounsel' ? counselContext(command.counselUserId) : context;
          const events = apply(command, ctx);
          if (lawEnforcement && command.type === 'RecordRelease' && events.length === 0) lawEnforcementReleasesRefused += 1;
          // A referral the policy says someone must hear of queues its e-mail notice in the same decision, right after it; nothing else does.
          const callingForMail = events.flatMap((event, at) => (event.type === 'ReferredToCounsel' || (event.type === 'ReferredToDirector' && lawEnforcement) ? [at + 1] : []));
          expect(events.flatMap((event, at) => (event.type === 'NotificationQueued' ? [at] : []))).toEqual(callingForMail);
          for (const event of events) {
            switch (event.type) {
              case 'RecordsReleased':
                expect(lawEnforcement).toBe(false);
                expect(within(event.data.categories, permitted)).toBe(true);
                break;
              case 'ReleaseDecided':
                expect(hasDirectorPowers(actor)).toBe(true);
                if (event.data.decision !== 'deny') {
                  expect(oracle.advicePermits).toBeDefined();
                  expect(within(event.data.categories, intersect(oracle.instrumentScope, oracle.advicePermits ?? []))).toBe(true);
                }
                break;
              case 'RecordsProduced': {
                productions += 1;
                expect(hasDirectorPowers(actor)).toBe(true);
                const bound = intersect(intersect(oracle.instrumentScope, oracle.advicePermits ?? []), oracle.decided ?? []);
                expect(event.data.categories.length).toBeGreaterThan(0);
                expect(within(event.data.categories, bound)).toBe(true);
                // CGS § 11-25(b)(2): a court order (or search warrant), or the patron's written permission; never an NSL alone.
                expect(oracle.instrumentTypes.every((type) => type === 'national_security_letter')).toBe(false);
                const courtIssued = oracle.instrumentTypes.some((type) => type === 'court_order' || type === 'search_warrant');
                if (!courtIssued) {
                  expect(event.data.consentIds).toEqual(['c-p']);
                  expect(within(event.data.categories, CONSENTED)).toBe(true);
                }
                break;
              }
              case 'CounselAdviceRecorded':
                expect(actor.role).toBe('counsel');
                break;
              case 'LegalInstrumentRecorded':
                // Staff may record a search warrant served on them; every other instrument is the Director's.
                if (event.data.staffRecorded) expect([actor.role, event.data.type]).toEqual(['staff', 'search_warrant']);
                else expect(hasDirectorPowers(actor)).toBe(true);
                break;
              case 'PolicyExplained':
              case 'ReferredToCounsel':
                expect(hasDirectorPowers(actor)).toBe(true);
                break;
              default:
                break;
            }
            oracle.observe(event);
          }
        }
      }),
      { numRuns: 600 },
    );
  });
});

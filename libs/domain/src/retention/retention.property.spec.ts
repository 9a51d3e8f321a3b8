/**
 * Property: whatever sequence of commands arrives — holds placed and released, schedules changed,
 * counsel's releases, scheduled purges, purges by hand, erasure requests — from whichever actors and
 * at whatever times, no identity is ever shredded while a legal hold covers its case. The oracle
 * tracks holds from the emitted events alone, independently of the decider's state.
 */
import fc from 'fast-check';
import { DomainError } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import { ROLES } from '../vocabulary.js';
import { closedCase, daysAfter, CLOSED_AT } from '../testing/retention-fixtures.js';
import { DEFAULT_RETENTION_SCHEDULE, type RetentionCaseFacts } from './retention-schedule.js';
import type { RetentionCommand } from './retention.commands.js';
import type { LegalHoldTarget, RetentionEvent } from './retention.events.js';
import { decideRetention } from './retention.decider.js';
import { evolveRetention, initialRetentionState } from './retention.state.js';

const ALICE = 'a'.repeat(64);
const BOB = 'b'.repeat(64);
const CASES: readonly RetentionCaseFacts[] = [
  closedCase({ caseId: 'alice-1', blindIndex: ALICE }),
  closedCase({ caseId: 'alice-2', blindIndex: ALICE, requesterKind: 'family_or_friend' }),
  closedCase({ caseId: 'alice-le', blindIndex: ALICE, requesterKind: 'law_enforcement' }),
  // Two cases of the first reading under Bob's one per-patron key.
  closedCase({ caseId: 'bob-old-1', blindIndex: BOB, keyId: `p-${BOB}` }),
  closedCase({ caseId: 'bob-old-2', blindIndex: BOB, keyId: `p-${BOB}`, closedAt: daysAfter(CLOSED_AT, 10) }),
  closedCase({ caseId: 'bob-open', blindIndex: BOB, closedAt: null }),
];
const HOLD_IDS = ['h1', 'h2', 'h3'];

const actorArb: fc.Arbitrary<Actor> = fc.record({
  userId: fc.constantFrom('u-1', 'u-2'),
  role: fc.constantFrom(...ROLES),
  isActiveDesignee: fc.boolean(),
});
const caseArb = fc.constantFrom(...CASES);
const targetArb: fc.Arbitrary<LegalHoldTarget> = fc.oneof(
  caseArb.map((facts) => ({ caseId: facts.caseId })),
  fc.constantFrom(ALICE, BOB).map((blindIndex) => ({ patron: { blindIndex, pseudonym: `P-${blindIndex.slice(0, 12)}` } })),
);
const sharing = (facts: RetentionCaseFacts) => CASES.filter((other) => other.keyId === facts.keyId);
const fingerprints = Object.fromEntries(CASES.map((facts) => [facts.keyId, 'f'.repeat(32)]));

type Draft = Omit<RetentionCommand, 'occurredAt' | 'recordedAt'>;
const commandArb: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ actor: actorArb, holdId: fc.constantFrom(...HOLD_IDS), target: targetArb }).map((c) => ({ type: 'PlaceLegalHold', ...c, reason: 'r' }) as Draft) },
  { weight: 2, arbitrary: fc.record({ actor: actorArb, holdId: fc.constantFrom(...HOLD_IDS) }).map((c): Draft => ({ type: 'ReleaseLegalHold', ...c })) },
  { weight: 4, arbitrary: caseArb.map((facts) => ({ type: 'ShredCaseIdentity', basis: 'schedule', by: 'retention-scheduler', case: facts, sharingKey: sharing(facts), fingerprints }) as Draft) },
  {
    weight: 3,
    arbitrary: fc.record({ actor: actorArb, facts: caseArb }).map(
      ({ actor, facts }) => ({ type: 'ShredCaseIdentity', basis: 'by_hand', actor, reason: 'r', case: facts, sharingKey: sharing(facts), fingerprints }) as Draft,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ actor: actorArb, patron: fc.constantFrom(ALICE, BOB), requestId: fc.constantFrom('e1', 'e2', 'e3') }).map(
      ({ actor, patron, requestId }) =>
        ({
          type: 'RecordErasureRequest',
          actor,
          requestId,
          patron: { blindIndex: patron, pseudonym: `P-${patron.slice(0, 12)}` },
          requesterKind: 'patron',
          channel: 'in_person',
          identification: ['photo_id'],
          cardReportedLost: false,
        }) as Draft,
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({ actor: actorArb, patron: fc.constantFrom(ALICE, BOB), requestId: fc.constantFrom('e1', 'e2', 'e3') }).map(
      ({ actor, patron, requestId }) =>
        ({ type: 'AnswerErasureRequest', actor, requestId, cases: CASES.filter((facts) => facts.blindIndex === patron), fingerprints }) as Draft,
    ),
  },
  { weight: 1, arbitrary: fc.record({ actor: actorArb, facts: caseArb }).map(({ actor, facts }) => ({ type: 'ReleaseCaseRetention', actor, case: facts, reason: 'r' }) as Draft) },
  {
    weight: 1,
    arbitrary: fc.record({ actor: actorArb, days: fc.integer({ min: 0, max: 400 }) }).map(
      ({ actor, days }) =>
        ({ type: 'SetRetentionSchedule', actor, rules: DEFAULT_RETENTION_SCHEDULE.rules.map((rule) => (typeof rule.keepDays === 'number' ? { ...rule, keepDays: days } : rule)) }) as Draft,
    ),
  },
);

describe('retention property: a legal hold always wins', () => {
  it('no sequence of commands shreds an identity while a hold covers its case', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 200 })), { minLength: 1, maxLength: 30 }), (steps) => {
        let state = initialRetentionState;
        let now = Date.parse(CLOSED_AT);
        const inForce = new Map<string, LegalHoldTarget>();
        for (const [draft, days] of steps) {
          now += days * 86_400_000;
          const iso = new Date(now).toISOString();
          let events: RetentionEvent[];
          try {
            events = decideRetention({ ...draft, occurredAt: iso, recordedAt: iso } as RetentionCommand, state);
          } catch (error) {
            if (error instanceof DomainError) continue;
            throw error;
          }
          for (const event of events) {
            if (event.type === 'LegalHoldPlaced') inForce.set(event.data.holdId, event.data.target);
            if (event.type === 'LegalHoldReleased') inForce.delete(event.data.holdId);
            if (event.type === 'PatronIdentityShredded') {
              for (const caseId of event.data.caseIds) {
                const facts = CASES.find((candidate) => candidate.caseId === caseId)!;
                for (const target of inForce.values()) {
                  const covers = 'caseId' in target ? target.caseId === caseId : target.patron.blindIndex === facts.blindIndex;
                  expect({ shredded: caseId, underHold: covers }).toEqual({ shredded: caseId, underHold: false });
                }
                expect(facts.closedAt).not.toBeNull();
              }
            }
            state = evolveRetention(state, event);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the generator reaches shreds and holds often enough to mean something', () => {
    let shredRuns = 0;
    let refusedForHold = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 200 })), { minLength: 5, maxLength: 30 }), (steps) => {
        let state = initialRetentionState;
        let now = Date.parse(CLOSED_AT);
        let shredded = false;
        for (const [draft, days] of steps) {
          now += days * 86_400_000;
          const iso = new Date(now).toISOString();
          try {
            const events = decideRetention({ ...draft, occurredAt: iso, recordedAt: iso } as RetentionCommand, state);
            shredded ||= events.some((event) => event.type === 'PatronIdentityShredded');
            state = events.reduce(evolveRetention, state);
          } catch (error) {
            if (error instanceof DomainError && error.rule === 'LEGAL-HOLD') refusedForHold += 1;
          }
        }
        if (shredded) shredRuns += 1;
      }),
      { numRuns: 200 },
    );
    expect(shredRuns).toBeGreaterThan(50);
    expect(refusedForHold).toBeGreaterThan(10);
  });
});

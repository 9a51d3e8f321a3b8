import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import {
  at,
  CLOSED_AT,
  closedCase,
  daysAfter,
  placeHoldOnCase,
  placeHoldOnPatron,
  releaseHold,
  retentionCounsel,
  retentionDirector,
  retentionGiven,
  retentionStaff,
  scheduledShred,
  approveProposal,
  proposeSchedule,
  scheduleWith,
  setSchedule,
  shredByHand,
  withdrawProposal,
  recordErasure,
  approveErasure,
} from '../testing/retention-fixtures.js';
import { DEFAULT_RETENTION_SCHEDULE, retentionDueOf } from './retention-schedule.js';
import { decideRetention, erasureStatement } from './retention.decider.js';
import { retentionPlan } from './retention-plan.js';

const T0 = '2025-01-11T00:00:00.000Z';
const LATER_T = '2025-01-12T00:00:00.000Z';

describe('the retention schedule', () => {
  it('given the default, a patron self-service case is due 90 days after it closed; a wellness check 3 years', () => {
    expect(retentionDueOf(closedCase(), DEFAULT_RETENTION_SCHEDULE)).toMatchObject({ ruleId: 'RET-PATRON-SELF', keepDays: 90, dueAt: daysAfter(CLOSED_AT, 90) });
    expect(retentionDueOf(closedCase({ wellnessCheck: true, requesterKind: 'law_enforcement' }), DEFAULT_RETENTION_SCHEDULE)).toMatchObject({
      ruleId: 'RET-WELLNESS',
      dueAt: daysAfter(CLOSED_AT, 1095),
    });
    expect(retentionDueOf(closedCase({ requesterKind: 'debt_payer' }), DEFAULT_RETENTION_SCHEDULE).dueAt).toBe(daysAfter(CLOSED_AT, 365));
  });

  it('keeps law enforcement, instruments and violations until counsel releases the case, whatever else fits', () => {
    for (const facts of [closedCase({ requesterKind: 'law_enforcement' }), closedCase({ hasInstrument: true }), closedCase({ hasViolation: true })]) {
      expect(retentionDueOf(facts, DEFAULT_RETENTION_SCHEDULE)).toMatchObject({ keepDays: 'until_released', dueAt: null });
    }
    const released = retentionDueOf(closedCase({ requesterKind: 'family_or_friend', hasViolation: true }), DEFAULT_RETENTION_SCHEDULE, '2025-02-01T00:00:00.000Z');
    // Released, the one-year family rule still governs: the longest rule that fits wins.
    expect(released).toMatchObject({ ruleId: 'RET-FAMILY', dueAt: daysAfter(CLOSED_AT, 365) });
  });

  it('an open case has no due date', () => {
    expect(retentionDueOf(closedCase({ closedAt: null }), DEFAULT_RETENTION_SCHEDULE)).toMatchObject({ dueAt: null, reason: 'the case is still open' });
  });

  it('only the director sets it; it must name every kind of case once, with whole days or until_released', () => {
    const rules = DEFAULT_RETENTION_SCHEDULE.rules.map((rule) => (rule.caseKind === 'patron_self_service' ? { ...rule, keepDays: 30 } : rule));
    const { state, events } = retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules }));
    expect(events).toEqual([{ type: 'RetentionScheduleSet', data: { version: 1, rules, occurredAt: T0, by: retentionDirector.userId } }]);
    expect(retentionDueOf(closedCase(), state.schedule).dueAt).toBe(daysAfter(CLOSED_AT, 30));

    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionCounsel, rules }))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules: rules.slice(1) }))).toThrow(InvalidCommand);
    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules: [...rules, rules[0]] }))).toThrow(InvalidCommand);
    const negative = rules.map((rule, i) => (i === 0 ? { ...rule, keepDays: -1 } : rule));
    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules: negative }))).toThrow(InvalidCommand);
    const fractional = rules.map((rule, i) => (i === 0 ? { ...rule, keepDays: 1.5 } : rule));
    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules: fractional }))).toThrow(InvalidCommand);
    const badFloor = rules.map((rule, i) => (i === 0 ? { ...rule, minimumDays: -5 } : rule));
    expect(() => retentionGiven(at(T0, { type: 'SetRetentionSchedule', actor: retentionDirector, rules: badFloor }))).toThrow(InvalidCommand);
  });
});

describe('two hands for what the law keeps', () => {
  const subpoenaAtZero = scheduleWith({ law_enforcement: { keepDays: 0 } });

  it('given the default, the director alone cannot shorten law enforcement, instruments or violations, nor any rule below its floor (422 RETENTION-COUNSEL-APPROVAL)', () => {
    for (const change of [
      { law_enforcement: { keepDays: 0 } },
      { with_instrument: { keepDays: 36_500 } },
      { with_violation: { keepDays: 365 } },
      { wellness_check: { keepDays: 30 } },
      { patron_self_service: { minimumDays: 0 } },
      { family_or_friend: { minimumDays: 100 } },
    ] as const) {
      expect(() => retentionGiven(at(T0, setSchedule(scheduleWith(change))))).toThrow(expect.objectContaining({ kind: 'policy', rule: 'RETENTION-COUNSEL-APPROVAL' }));
    }
  });

  it('a floor not restated is carried over; lengthening, or shortening down to the floor, takes effect at once', () => {
    const rules = scheduleWith({ patron_self_service: { keepDays: 30, minimumDays: undefined }, wellness_check: { keepDays: 2000, minimumDays: 1500 } });
    const { state, events } = retentionGiven(at(T0, proposeSchedule(rules)));
    expect(events).toEqual([{ type: 'RetentionScheduleSet', data: expect.objectContaining({ version: 1, proposalId: 'proposal-1' }) }]);
    expect(state.schedule.rules).toContainEqual({ id: 'RET-PATRON-SELF', caseKind: 'patron_self_service', keepDays: 30, minimumDays: 30 });
    expect(state.schedule.rules).toContainEqual({ id: 'RET-WELLNESS', caseKind: 'wellness_check', keepDays: 2000, minimumDays: 1500 });
    // Once raised, the raised floor holds: back to 1095 days is below it.
    expect(() => retentionGiven(at(T0, proposeSchedule(rules)), at(T0, setSchedule(scheduleWith({ wellness_check: { keepDays: 1095, minimumDays: 1500 } }))))).toThrow(
      expect.objectContaining({ rule: 'RETENTION-COUNSEL-APPROVAL' }),
    );
  });

  it('a proposal that lowers a floor waits for counsel: proposed, then approved and set (two events, two people)', () => {
    const proposed = retentionGiven(at(T0, proposeSchedule(subpoenaAtZero)));
    expect(proposed.events).toEqual([
      {
        type: 'RetentionScheduleProposed',
        data: { proposalId: 'proposal-1', rules: subpoenaAtZero, basedOnVersion: 0, lowers: ['law enforcement: 0 days instead of until counsel releases the case'], occurredAt: T0, by: retentionDirector.userId },
      },
    ]);
    expect(proposed.state.schedule.version).toBe(0);
    const approved = retentionGiven(at(T0, proposeSchedule(subpoenaAtZero)), at(LATER_T, approveProposal()));
    expect(approved.events.slice(1)).toEqual([
      { type: 'RetentionScheduleProposalApproved', data: { proposalId: 'proposal-1', occurredAt: LATER_T, by: retentionCounsel.userId } },
      { type: 'RetentionScheduleSet', data: { version: 1, rules: subpoenaAtZero, proposalId: 'proposal-1', approvedBy: retentionCounsel.userId, occurredAt: LATER_T, by: retentionDirector.userId } },
    ]);
    expect(retentionDueOf(closedCase({ requesterKind: 'law_enforcement' }), approved.state.schedule).dueAt).toBe(CLOSED_AT);
  });

  it('only counsel approves; either withdraws; a withdrawn, approved, unknown or outdated proposal cannot be approved', () => {
    const propose = at(T0, proposeSchedule(subpoenaAtZero));
    for (const actor of [retentionDirector, retentionStaff]) {
      expect(() => retentionGiven(propose, at(T0, approveProposal('proposal-1', actor)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    }
    for (const actor of [retentionDirector, retentionCounsel]) {
      const { events, state } = retentionGiven(propose, at(T0, withdrawProposal('proposal-1', actor)));
      expect(events[1]).toEqual({ type: 'RetentionScheduleProposalWithdrawn', data: { proposalId: 'proposal-1', reason: 'Not now', occurredAt: T0, by: actor.userId } });
      expect(state.proposals['proposal-1']).toMatchObject({ status: 'withdrawn' });
      expect(() => retentionGiven(propose, at(T0, withdrawProposal('proposal-1', actor)), at(T0, approveProposal()))).toThrow(CaseStateConflict);
    }
    expect(() => retentionGiven(propose, at(T0, withdrawProposal('proposal-1', retentionStaff)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => retentionGiven(propose, at(T0, approveProposal()), at(T0, approveProposal()))).toThrow(CaseStateConflict);
    expect(() => retentionGiven(at(T0, approveProposal('nope')))).toThrow(NotFound);
    expect(() => retentionGiven(propose, at(T0, proposeSchedule(subpoenaAtZero)))).toThrow(CaseStateConflict);
    // The schedule changed since the proposal: counsel approves what is in force now, or nothing.
    const meanwhile = at(T0, setSchedule(scheduleWith({ patron_self_service: { keepDays: 120 } })));
    expect(() => retentionGiven(propose, meanwhile, at(T0, approveProposal()))).toThrow(CaseStateConflict);
  });
});

describe('shredding on schedule', () => {
  const due = daysAfter(CLOSED_AT, 90);

  it('given a closed case past its due date, the scheduler records the shred with key, fingerprint, rule and due date', () => {
    const { events } = retentionGiven(at(due, scheduledShred(closedCase())));
    expect(events).toEqual([
      {
        type: 'PatronIdentityShredded',
        data: {
          caseId: 'case-1',
          caseIds: ['case-1'],
          pseudonym: closedCase().pseudonym,
          keyId: 'c-case-1',
          keyFingerprint: 'f'.repeat(32),
          scheduleRule: 'RET-PATRON-SELF',
          scheduleVersion: 0,
          dueDate: due,
          basis: 'schedule',
          occurredAt: due,
          by: 'retention-scheduler',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(closedCase().blindIndex);
  });

  it('refuses before the due date, on an open case, and a second time', () => {
    expect(() => retentionGiven(at(daysAfter(CLOSED_AT, 89), scheduledShred(closedCase())))).toThrow(expect.objectContaining({ rule: 'RETENTION-NOT-DUE' }));
    expect(() => retentionGiven(at(due, scheduledShred(closedCase({ closedAt: null }))))).toThrow(CaseStateConflict);
    expect(() => retentionGiven(at(due, scheduledShred(closedCase())), at(due, scheduledShred(closedCase())))).toThrow(/already shredded/);
  });

  it('a first-reading key shared by two cases goes only when both may go', () => {
    const older = closedCase({ caseId: 'case-old', keyId: 'p-shared' });
    const newer = closedCase({ caseId: 'case-new', keyId: 'p-shared', closedAt: daysAfter(CLOSED_AT, 30) });
    expect(() => retentionGiven(at(due, scheduledShred(older, [newer])))).toThrow(/shares this case's first-reading key/);
    const { events } = retentionGiven(at(daysAfter(CLOSED_AT, 120), scheduledShred(older, [newer])));
    expect(events[0].data).toMatchObject({ caseIds: ['case-old', 'case-new'], keyId: 'p-shared' });
  });
});

describe('legal holds', () => {
  const due = daysAfter(CLOSED_AT, 90);

  it('given a hold on the case, neither the scheduler nor the director can shred it: 422 LEGAL-HOLD', () => {
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(due, scheduledShred(closedCase())))).toThrow(expect.objectContaining({ rule: 'LEGAL-HOLD', kind: 'policy' }));
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(due, shredByHand(closedCase())))).toThrow(expect.objectContaining({ rule: 'LEGAL-HOLD' }));
  });

  it('a hold on the patron covers every case of theirs, and no other patron\'s', () => {
    expect(() => retentionGiven(at(T0, placeHoldOnPatron()), at(due, scheduledShred(closedCase({ caseId: 'case-9' }))))).toThrow(expect.objectContaining({ rule: 'LEGAL-HOLD' }));
    const other = closedCase({ caseId: 'case-x', blindIndex: 'c'.repeat(64) });
    expect(retentionGiven(at(T0, placeHoldOnPatron()), at(due, scheduledShred(other))).events).toHaveLength(2);
  });

  it('has no expiry: years later it still holds; once counsel releases it the shred goes ahead', () => {
    const decades = daysAfter(CLOSED_AT, 365 * 30);
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(decades, scheduledShred(closedCase())))).toThrow(expect.objectContaining({ rule: 'LEGAL-HOLD' }));
    const { events } = retentionGiven(at(T0, placeHoldOnCase('case-1')), at(due, releaseHold()), at(due, scheduledShred(closedCase())));
    expect(events.map((event) => event.type)).toEqual(['LegalHoldPlaced', 'LegalHoldReleased', 'PatronIdentityShredded']);
  });

  it('counsel or the director places one; only counsel releases it; unknown 404, released twice 409', () => {
    expect(retentionGiven(at(T0, placeHoldOnCase('case-1', 'h-d', retentionDirector))).events[0]).toMatchObject({
      type: 'LegalHoldPlaced',
      data: { holdId: 'h-d', target: { caseId: 'case-1' }, reason: 'Litigation: Doe v. Library', matter: 'CV-25-001', by: retentionDirector.userId },
    });
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1', 'h-s', retentionStaff)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(T0, releaseHold('hold-1', retentionDirector)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => retentionGiven(at(T0, releaseHold('nope')))).toThrow(NotFound);
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(T0, releaseHold()), at(T0, releaseHold()))).toThrow(CaseStateConflict);
    expect(() => retentionGiven(at(T0, placeHoldOnCase('case-1')), at(T0, placeHoldOnCase('case-2')))).toThrow(CaseStateConflict);
  });
});

describe('purges by hand and counsel\'s release', () => {
  it('the director may purge a closed routine case once it is due, not before (422 RETENTION-NOT-DUE, with the due date); not a case kept until released: 422 RETENTION-UNTIL-RELEASED', () => {
    const due = daysAfter(CLOSED_AT, 90);
    const { events } = retentionGiven(at(due, shredByHand(closedCase())));
    expect(events[0]).toMatchObject({ type: 'PatronIdentityShredded', data: { basis: 'by_hand', dueDate: due, by: retentionDirector.userId } });
    expect(events[0].data).not.toHaveProperty('dispositionAuthority');
    expect(() => retentionGiven(at(T0, shredByHand(closedCase())))).toThrow(
      expect.objectContaining({ kind: 'policy', rule: 'RETENTION-NOT-DUE', message: expect.stringContaining(`due on ${due}`) }),
    );
    const le = closedCase({ requesterKind: 'law_enforcement' });
    expect(() => retentionGiven(at(T0, shredByHand(le)))).toThrow(expect.objectContaining({ rule: 'RETENTION-UNTIL-RELEASED', kind: 'policy' }));
    expect(() => retentionGiven(at(T0, shredByHand(closedCase(), retentionCounsel)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
  });

  it('a purge carries the disposition authority it runs under, recorded in the shred; too long an authority is refused', () => {
    const withAuthority = { ...shredByHand(closedCase()), dispositionAuthority: ' RC-075 2026-014 ' };
    const { events } = retentionGiven(at(daysAfter(CLOSED_AT, 91), withAuthority));
    expect(events[0]).toMatchObject({ type: 'PatronIdentityShredded', data: { dispositionAuthority: 'RC-075 2026-014' } });
    const scheduled = { ...scheduledShred(closedCase()), dispositionAuthority: 'RC-075 2026-015' };
    expect(retentionGiven(at(daysAfter(CLOSED_AT, 91), scheduled)).events[0]).toMatchObject({ data: { basis: 'schedule', dispositionAuthority: 'RC-075 2026-015' } });
    expect(() => retentionGiven(at(daysAfter(CLOSED_AT, 91), { ...withAuthority, dispositionAuthority: 'x'.repeat(1000) }))).toThrow(InvalidCommand);
  });

  it('counsel releases a case kept until released: it is due from the release on; a routine case has nothing to release', () => {
    const le = closedCase({ requesterKind: 'law_enforcement' });
    const release = { type: 'ReleaseCaseRetention', actor: retentionCounsel, case: le, reason: 'Matter closed' } as const;
    const released = '2025-03-01T00:00:00.000Z';
    const { state, events } = retentionGiven(at(released, release), at(released, scheduledShred(le)));
    expect(events.map((event) => event.type)).toEqual(['CaseRetentionReleased', 'PatronIdentityShredded']);
    expect(events[1].data).toMatchObject({ scheduleRule: 'RET-LAW-ENFORCEMENT', dueDate: released });
    expect(state.releasedCases[le.caseId]).toBe(released);
    expect(() => retentionGiven(at(released, { ...release, case: closedCase() }))).toThrow(CaseStateConflict);
    expect(() => retentionGiven(at(released, { ...release, actor: retentionDirector }))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
  });
});

describe('a patron\'s erasure request', () => {
  const patron = { blindIndex: closedCase().blindIndex, pseudonym: closedCase().pseudonym };
  const request = (cases: ReturnType<typeof closedCase>[], identification: ('photo_id' | 'card_barcode')[] = ['photo_id']) =>
    [at(T0, recordErasure({ patron, identification })), at(T0, approveErasure(cases))] as const;

  it('shreds every case no hold or rule must keep, and records what was kept and why', () => {
    const routine = closedCase({ caseId: 'routine' });
    const held = closedCase({ caseId: 'held' });
    // A case with a violation is kept until released; a law-enforcement case would keep them all (LEGAL-PROCESS-HOLD).
    const violation = closedCase({ caseId: 'violation', hasViolation: true });
    const open = closedCase({ caseId: 'open', closedAt: null });
    const { events } = retentionGiven(at(T0, placeHoldOnCase('held')), ...request([routine, held, violation, open]));
    expect(events.map((event) => event.type)).toEqual(['LegalHoldPlaced', 'ErasureRequestRecorded', 'PatronIdentityShredded', 'ErasureRequestAnswered']);
    expect(events[2].data).toMatchObject({ caseId: 'routine', basis: 'erasure_request' });
    const answer = events[3];
    if (answer.type !== 'ErasureRequestAnswered') throw new Error('expected the answer');
    expect(answer.data.outcomes).toEqual([
      { caseId: 'routine', result: 'shredded' },
      { caseId: 'held', result: 'kept', rule: 'LEGAL-HOLD', reason: expect.stringContaining('hold-1') },
      { caseId: 'violation', result: 'kept', rule: 'RETENTION-UNTIL-RELEASED', reason: expect.any(String) },
      { caseId: 'open', result: 'kept', rule: 'CASE-OPEN', reason: 'the case is still open' },
    ]);
    const statement = erasureStatement(answer.data);
    expect(statement).toContain('Your card number or patron id in 1 record can no longer be read');
    // Truthful about what remains: the pseudonym, the dates, the counts; never that no one can tell.
    expect(statement).toMatch(/What remains in that record: a pseudonym .* the dates .* the counts/);
    expect(statement).toContain('index key and your card number could still tell');
    expect(statement).not.toMatch(/no one, the Library included/);
    expect(statement).toContain('keep your identity in 3 records');
    expect(statement).not.toMatch(/LEGAL-HOLD|P-b/);
  });

  it('needs identification that proves the patron: a card number alone is not enough (422 ID-REQUIRED)', () => {
    expect(() => retentionGiven(...request([closedCase()], ['card_barcode']))).toThrow(expect.objectContaining({ rule: 'ERASURE-ID' }));
    // A lost card proves nothing; a photo id still does.
    expect(() => retentionGiven(at(T0, recordErasure({ cardReportedLost: true })))).toThrow(expect.objectContaining({ rule: 'CARD-LOST' }));
    expect(retentionGiven(at(T0, recordErasure({ cardReportedLost: true, identification: ['library_card', 'photo_id'] }))).events).toHaveLength(1);
  });

  it('refuses cases that are not the patron\'s, and answers the same request once', () => {
    expect(() => retentionGiven(...request([closedCase({ blindIndex: 'c'.repeat(64) })]))).toThrow(InvalidCommand);
    expect(() => retentionGiven(...request([]), at(T0, approveErasure([])))).toThrow(CaseStateConflict);
    expect(() => retentionGiven(...request([]), ...request([]))).toThrow(CaseStateConflict);
  });

  it('records the request first and shreds nothing; only the Director approves it, and only a recorded request', () => {
    const recorded = retentionGiven(at(T0, recordErasure()));
    expect(recorded.events).toEqual([
      { type: 'ErasureRequestRecorded', data: { requestId: 'er-1', pseudonym: patron.pseudonym, blindIndex: patron.blindIndex, channel: 'in_person', identification: ['library_card'], occurredAt: T0, by: retentionStaff.userId } },
    ]);
    for (const actor of [retentionStaff, retentionCounsel]) {
      expect(() => retentionGiven(at(T0, recordErasure()), at(T0, approveErasure([closedCase()], 'er-1', actor)))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    }
    expect(() => retentionGiven(at(T0, approveErasure([closedCase()], 'never-recorded')))).toThrow(NotFound);
    const answered = retentionGiven(at(T0, recordErasure()), at(T0, approveErasure([closedCase()])));
    expect(answered.events[2]).toMatchObject({ type: 'ErasureRequestAnswered', data: { recordedBy: retentionStaff.userId, by: retentionDirector.userId, identification: ['library_card'] } });
  });

  it('a first-reading key shared with a kept case is kept too, and says so', () => {
    const routine = closedCase({ caseId: 'old-routine', keyId: 'p-shared' });
    const le = closedCase({ caseId: 'old-le', keyId: 'p-shared', hasViolation: true });
    const { events } = retentionGiven(...request([routine, le]));
    expect(events.map((event) => event.type)).toEqual(['ErasureRequestRecorded', 'ErasureRequestAnswered']);
    expect(events[1].data).toMatchObject({ outcomes: [{ caseId: 'old-routine', result: 'kept', rule: 'SHARED-KEY' }, { caseId: 'old-le', result: 'kept' }] });
  });
});

describe('decideRetention', () => {
  it('refuses an occurredAt in the future', () => {
    expect(() => decideRetention({ ...at(T0, placeHoldOnCase('case-1')), recordedAt: '2025-01-01T00:00:00.000Z' }, retentionGiven().state)).toThrow(InvalidCommand);
  });
});

describe('the purge plan', () => {
  const routine = closedCase({ caseId: 'routine' });
  const held = closedCase({ caseId: 'held' });
  const notYet = closedCase({ caseId: 'not-yet', closedAt: daysAfter(CLOSED_AT, 60) });
  const le = closedCase({ caseId: 'le', requesterKind: 'law_enforcement' });

  it('given cases past and before their due date, then the due ones are listed, each shredded or kept with the hold that keeps it', () => {
    const { state } = retentionGiven(at(T0, placeHoldOnCase('held')));
    const plan = retentionPlan([routine, held, notYet, le], () => [], () => [], state, daysAfter(CLOSED_AT, 100));
    expect(plan.map((entry) => [entry.facts.caseId, entry.kept?.rule ?? 'shred', entry.holds])).toEqual([
      ['routine', 'shred', []],
      ['held', 'LEGAL-HOLD', ['hold-1']],
    ]);
    expect(plan[0].due).toMatchObject({ ruleId: 'RET-PATRON-SELF', dueAt: daysAfter(CLOSED_AT, 90) });
  });

  it('a first-reading key shared with a case not yet due keeps both', () => {
    const a = closedCase({ caseId: 'a', keyId: 'p-x' });
    const b = closedCase({ caseId: 'b', keyId: 'p-x', closedAt: daysAfter(CLOSED_AT, 60) });
    const plan = retentionPlan([a, b], () => [a, b], () => [], retentionGiven().state, daysAfter(CLOSED_AT, 100));
    expect(plan.map((entry) => [entry.facts.caseId, entry.kept?.rule])).toEqual([['a', 'SHARED-KEY']]);
  });
});

/**
 * The life of a non-disclosure order (third reading, issue #25 item 7): it ends, counsel may challenge
 * it, the case is unsealed once no order remains, and only then may the patron be told.
 */
import {
  adviseCounsel,
  challengeNondisclosure,
  counsel,
  decideRelease,
  designee,
  director,
  endNondisclosure,
  given,
  LATER,
  NOW,
  openLawEnforcementCase,
  otherCounsel,
  recordInstrument,
  recordPatronNotice,
  referToCounsel,
  referToDirector,
  release,
  refuse,
  staff,
} from '../testing/case-fixtures.js';
import { caseDecider } from './case.decider.js';
import { whatMayBeShown } from './what-may-be-shown.js';

const gagged = (...more: Parameters<typeof recordInstrument>[]) =>
  given(
    openLawEnforcementCase(),
    referToDirector(),
    recordInstrument(['name'], { nondisclosureOrder: true }),
    ...more.map((args) => recordInstrument(...args)),
    referToCounsel(),
  );

const otherStaff = { userId: 'u-other', role: 'staff', isActiveDesignee: false } as const;

describe('the end of a non-disclosure order', () => {
  it.each([
    ['the director', director],
    ['an active designee', designee],
    ['the referred counsel', counsel],
  ] as const)('given a sealed case, when %s records that its only order was lifted, then the case is unsealed from endedAt', (_who, actor) => {
    const outcome = gagged().when(endNondisclosure(actor));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([
      { type: 'NondisclosureEnded', data: { caseId: 'case-1', occurredAt: NOW, by: actor.userId, instrumentId: 'ins-1', endedAt: LATER, how: 'lifted_by_court' } },
    ]);
    expect(outcome.state).toMatchObject({ sealed: false, unsealedAt: LATER, instruments: [{ nondisclosureEnded: { endedAt: LATER, how: 'lifted_by_court' } }] });
  });

  it('given two orders, when one ends, then the case stays sealed until the other ends too; whatMayBeShown follows', () => {
    const twoOrders = gagged([['address'], { instrumentId: 'ins-2', nondisclosureOrder: true }]);
    const oneEnded = twoOrders.when(endNondisclosure(director));
    expect(oneEnded.state).toMatchObject({ sealed: true });
    expect(oneEnded.state).not.toHaveProperty('unsealedAt');
    if (!oneEnded.state.exists) throw new Error('no case');
    expect(whatMayBeShown(otherStaff, oneEnded.state)).toBe('sealed');

    const both = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), recordInstrument(['address'], { instrumentId: 'ins-2', nondisclosureOrder: true }), endNondisclosure(director));
    const unsealed = both.when(endNondisclosure(director, { instrumentId: 'ins-2', how: 'expired', endedAt: NOW }));
    expect(unsealed.state).toMatchObject({ sealed: false, unsealedAt: NOW });
    if (!unsealed.state.exists) throw new Error('no case');
    expect(whatMayBeShown(otherStaff, { ...unsealed.state, openedBy: unsealed.state.openedBy })).toBe('forbidden');
    expect(whatMayBeShown({ userId: 'u-auditor', role: 'auditor', isActiveDesignee: false }, unsealed.state)).toBe('pseudonymised');
    expect(whatMayBeShown({ patronFacing: true }, unsealed.state)).toBe('full');
  });

  it('given a case unsealed, when a new instrument with an order is recorded, then it is sealed again', () => {
    const resealed = gagged().when(endNondisclosure(director));
    const again = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), endNondisclosure(director)).when(
      recordInstrument(['address'], { instrumentId: 'ins-2', nondisclosureOrder: true }),
    );
    expect(resealed.state).toMatchObject({ sealed: false });
    expect(again.state).toMatchObject({ sealed: true });
    expect(again.state).not.toHaveProperty('unsealedAt');
  });

  it('refuses staff without designee powers and counsel not referred (SEALED: the case does not name them), and changes nothing', () => {
    for (const actor of [staff, otherCounsel]) {
      const outcome = gagged().when(endNondisclosure(actor));
      expect(outcome.error).toMatchObject({ kind: 'forbidden', rule: 'SEALED' });
      expect(outcome.events).toEqual([]);
    }
  });

  it('refuses an instrument not on the case (404), one without an order, and an order already ended (409)', () => {
    expect(gagged().when(endNondisclosure(director, { instrumentId: 'ins-9' })).error).toMatchObject({ kind: 'not_found' });
    const withPlain = gagged([['address'], { instrumentId: 'ins-2' }]);
    expect(withPlain.when(endNondisclosure(director, { instrumentId: 'ins-2' })).error).toMatchObject({ kind: 'state' });
    const ended = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), endNondisclosure(director));
    expect(ended.when(endNondisclosure(director)).error).toMatchObject({ kind: 'state' });
  });

  it('bounds endedAt like every supplied time: not in the future, not before the instrument was served, not beyond maxBackdateDays', () => {
    const future = gagged().when(endNondisclosure(director, { endedAt: '2025-03-03T12:00:01.000Z' }));
    expect(future.error).toMatchObject({ kind: 'invalid', field: 'endedAt' });
    const beforeServed = gagged().when(endNondisclosure(director, { endedAt: '2025-03-03T10:59:00.000Z' }));
    expect(beforeServed.error).toMatchObject({ kind: 'invalid', field: 'endedAt' });
    const longAgo = given(
      openLawEnforcementCase(),
      referToDirector(),
      recordInstrument(['name'], { nondisclosureOrder: true, servedAt: '2024-01-01T00:00:00.000Z' }),
    ).when(endNondisclosure(director, { endedAt: '2025-01-01T00:00:00.000Z' }));
    expect(longAgo.error).toMatchObject({ kind: 'invalid', field: 'endedAt', message: expect.stringContaining('30 days') });
    expect(gagged().when(endNondisclosure(director, { how: 'forgotten' as never })).error).toMatchObject({ kind: 'invalid', field: 'how' });
  });

  it('is recorded on a closed case too: an order outlives the case', () => {
    const closed = given(
      openLawEnforcementCase(),
      referToDirector(),
      recordInstrument(['name'], { nondisclosureOrder: true }),
      referToCounsel(),
      adviseCounsel('object'),
      decideRelease('deny'),
    );
    expect(closed.state).toMatchObject({ status: 'closed', sealed: true });
    expect(closed.when(endNondisclosure(director)).state).toMatchObject({ status: 'closed', sealed: false });
  });
});

describe("counsel's challenge to a non-disclosure order", () => {
  it('given a sealed case referred to counsel, when counsel records a challenge, then the instrument carries it and the case stays sealed', () => {
    const outcome = gagged().when(challengeNondisclosure(counsel));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([
      { type: 'NondisclosureChallenged', data: expect.objectContaining({ instrumentId: 'ins-1', filedAt: LATER, court: 'U.S. District Court, D. Conn.' }) },
    ]);
    expect(outcome.state).toMatchObject({ sealed: true, instruments: [{ nondisclosureChallenges: [{ filedAt: LATER }] }] });
  });

  it('refuses anyone but the referred counsel, and an order already ended', () => {
    expect(gagged().when(challengeNondisclosure(director)).error).toMatchObject({ kind: 'forbidden', rule: 'LE-DIRECTOR-ONLY' });
    // Counsel the sealed case is not referred to is not named in it: refused as on reading.
    expect(gagged().when(challengeNondisclosure(otherCounsel)).error).toMatchObject({ kind: 'forbidden', rule: 'SEALED' });
    const ended = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), referToCounsel(), endNondisclosure(director));
    expect(ended.when(challengeNondisclosure(counsel)).error).toMatchObject({ kind: 'state' });
    expect(gagged().when(challengeNondisclosure(counsel, { filedAt: '2025-03-04T00:00:00.000Z' })).error).toMatchObject({ kind: 'invalid', field: 'filedAt' });
  });
});

describe('the notice to the patron', () => {
  const unsealed = () => given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), endNondisclosure(director));

  it('given the last order ended, when the Director records that the patron was told, then the notice is on the case', () => {
    const outcome = unsealed().when(recordPatronNotice(director));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([{ type: 'PatronNotified', data: { caseId: 'case-1', occurredAt: NOW, by: director.userId, method: 'mail', notifiedAt: NOW } }]);
    expect(outcome.state).toMatchObject({ patronNotices: [{ method: 'mail', notifiedAt: NOW }] });
  });

  it('refuses while an order is in force (409), a notice dated before the order ended (400), and staff without powers (403)', () => {
    expect(gagged().when(recordPatronNotice(director)).error).toMatchObject({ kind: 'state' });
    expect(unsealed().when(recordPatronNotice(director, { notifiedAt: '2025-03-03T10:30:00.000Z' })).error).toMatchObject({ kind: 'invalid', field: 'notifiedAt' });
    expect(unsealed().when(recordPatronNotice(staff)).error).toMatchObject({ kind: 'forbidden', rule: 'LE-DIRECTOR-ONLY' });
    expect(unsealed().when(recordPatronNotice(director, { method: 'carrier_pigeon' as never })).error).toMatchObject({ kind: 'invalid', field: 'method' });
  });
});

describe('a sealed case and the actors it does not name', () => {
  // The staff member who opened it, another member of staff, counsel it is not referred to.
  const outsiders = [staff, otherStaff, otherCounsel];

  it.each([
    ['record a release', (actor: typeof staff) => release(['name'], actor)],
    ['refuse the request', (actor: typeof staff) => refuse(actor)],
    ['refer it to the director', (actor: typeof staff) => referToDirector(actor)],
    ['record a search warrant on it', (actor: typeof staff) => recordInstrument(['name'], { instrumentType: 'search_warrant', instrumentId: 'ins-9', actor })],
  ])('when one tries to %s, then it is refused SEALED, before any rule of the command could say something about the case', (_what, command) => {
    for (const actor of outsiders) {
      const outcome = gagged().when(command(actor));
      expect(outcome.error).toMatchObject({ kind: 'forbidden', rule: 'SEALED' });
      expect(outcome.events).toEqual([]);
    }
  });

  it('admits them to nothing, whatever the command; the director and the referred counsel go on to the command\'s own rules', () => {
    const sealed = gagged().state;
    for (const actor of outsiders) expect(() => caseDecider.admits!(refuse(actor), sealed)).toThrow(expect.objectContaining({ rule: 'SEALED' }));
    expect(() => caseDecider.admits!(refuse(director), sealed)).not.toThrow();
    expect(() => caseDecider.admits!(challengeNondisclosure(counsel), sealed)).not.toThrow();
    // Not sealed: each command's own rule decides.
    expect(() => caseDecider.admits!(refuse(otherStaff), given(openLawEnforcementCase()).state)).not.toThrow();
  });
});

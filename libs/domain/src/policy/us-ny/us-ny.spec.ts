/**
 * New York's pack, against Connecticut's on the same cases: CPLR § 4509 opens the statute's door on a
 * subpoena, where CGS § 11-25(b)(2) opens it on a court's order only; the library's own procedure
 * (the Director only, counsel before any action) is the same in both.
 */
import { JURISDICTION_PACKS } from '../jurisdictions.js';
import { RULE_IDS } from '../rule-text.js';
import { evaluateRequest } from '../evaluate-request.js';
import { initialPatronState } from '../../patron/patron.state.js';
import {
  adviseCounsel,
  approvedVendors,
  decideRelease,
  defaultContext,
  given,
  openLawEnforcementCase,
  produce,
  RECEIVED_AT,
  recordInstrument,
  referToCounsel,
  referToDirector,
  staff,
  release,
} from '../../testing/case-fixtures.js';
import type { CaseDecisionContext } from '../../case/case.context.js';

const newYork = JURISDICTION_PACKS['us-ny'];
const connecticut = JURISDICTION_PACKS['us-ct'];
const under = (jurisdiction: typeof newYork): CaseDecisionContext => ({ ...defaultContext, jurisdiction });

/** A law-enforcement case under one instrument for `name`, referred to counsel, who advised compliance. */
const advisedUnder = (instrumentType: 'subpoena' | 'administrative_request' | 'court_order', jurisdiction: typeof newYork) => {
  const context = under(jurisdiction);
  return given(
    { command: openLawEnforcementCase(), context },
    { command: referToDirector(), context },
    { command: recordInstrument(['name'], { instrumentType }), context },
    { command: referToCounsel(), context },
    { command: adviseCounsel('comply'), context },
  );
};

describe('the New York pack (us-ny)', () => {
  it('given a subpoena advised on by counsel, when the Director releases, New York allows what Connecticut refuses', () => {
    const inNewYork = advisedUnder('subpoena', newYork).when(decideRelease('release'), under(newYork));
    expect(inNewYork.error).toBeUndefined();
    expect(inNewYork.events[0]).toMatchObject({ type: 'ReleaseDecided', data: { decision: 'release' } });

    const inConnecticut = advisedUnder('subpoena', connecticut).when(decideRelease('release'), under(connecticut));
    expect(inConnecticut.error).toMatchObject({ kind: 'policy', rule: 'LE-STATUTE-COURT-ORDER', citation: connecticut.rules['LE-STATUTE-COURT-ORDER'].citation });
    expect(connecticut.rules['LE-STATUTE-COURT-ORDER'].citation).toMatch(/^CGS § 11-25\(b\)\(2\)\(A\)/);
  });

  it('given a subpoena, when the records are produced, New York relies on no consent: the subpoena opened the door', () => {
    const context = under(newYork);
    const decided = given(
      { command: openLawEnforcementCase(), context },
      { command: referToDirector(), context },
      { command: recordInstrument(['name'], { instrumentType: 'subpoena' }), context },
      { command: referToCounsel(), context },
      { command: adviseCounsel('comply'), context },
      { command: decideRelease('release'), context },
    );
    const produced = decided.when(produce(['name']), context);
    expect(produced.error).toBeUndefined();
    expect(produced.events[0]).toMatchObject({ type: 'RecordsProduced', data: { categories: ['name'] } });
    expect(produced.events[0]?.data).not.toHaveProperty('consentIds', expect.arrayContaining([expect.anything()]));
  });

  it('refuses an administrative request alone with LE-STATUTE-COURT-ORDER, citing CPLR § 4509 and naming the subpoena as a door', () => {
    const outcome = advisedUnder('administrative_request', newYork).when(decideRelease('release'), under(newYork));
    expect(outcome.error).toMatchObject({ kind: 'policy', rule: 'LE-STATUTE-COURT-ORDER', citation: newYork.rules['LE-STATUTE-COURT-ORDER'].citation });
    expect((outcome.error as Error).message).toContain('no subpoena, court order or search warrant on the case covers name');
    expect(newYork.rules['LE-STATUTE-COURT-ORDER'].citation).toMatch(/^CPLR § 4509 \("pursuant to subpoena, court order"\)/);
  });

  it('keeps the library\u2019s procedure: staff release nothing to law enforcement, and counsel comes first', () => {
    const context = under(newYork);
    const referred = given({ command: openLawEnforcementCase(), context });
    expect(referred.when(release(['name'], staff), context).error).toMatchObject({ rule: 'LE-STAFF-NO-RELEASE', citation: 'Disclosure to Law Enforcement, step 1; CPLR § 4509' });
    const unadvised = given(
      { command: openLawEnforcementCase(), context },
      { command: referToDirector(), context },
      { command: recordInstrument(['name'], { instrumentType: 'subpoena' }), context },
    );
    expect(unadvised.when(decideRelease('release'), context).error).toMatchObject({ rule: 'LE-COUNSEL-FIRST' });
  });

  it('cites New York law in the evaluation of a request', () => {
    const evaluation = evaluateRequest(
      { requester: { kind: 'public_records', name: 'A reporter' }, channel: 'email', requestedCategories: ['checkouts'], identification: [], occurredAt: RECEIVED_AT },
      initialPatronState,
      approvedVendors,
      newYork,
    );
    expect(evaluation.rules).toEqual([expect.objectContaining({ id: 'FOIA-EXEMPT', citation: 'CPLR § 4509; Public Officers Law § 87(2)(a); Confidentiality of Library Records' })]);
  });

  it('names no Connecticut statute in any rule, finding or period it gives', () => {
    const words = [
      ...RULE_IDS.flatMap((id) => [newYork.rules[id].citation, newYork.rules[id].message]),
      ...Object.values(newYork.findingCitations),
      newYork.breachNotice.citation,
      newYork.breachNotice.words,
    ];
    for (const text of words) expect(text).not.toMatch(/CGS|C\.G\.S\.|Connecticut|11-25|36a-701b|1-210|11-8a/);
  });

  it('bounds the breach notice at thirty days (General Business Law § 899-aa(2), as amended in December 2024), Connecticut at sixty', () => {
    expect(newYork.breachNotice).toMatchObject({ days: 30, citation: 'General Business Law § 899-aa(2)' });
    expect(newYork.breachNotice.words).toContain('within thirty days after the breach has been discovered');
    expect(connecticut.breachNotice.days).toBe(60);
  });

  it('stamps its own policy version, apart from Connecticut\u2019s', () => {
    expect(newYork.policyVersion).toBe('us-ny/2024-07-10.1');
    expect(newYork.policyVersion).not.toBe(connecticut.policyVersion);
  });
});

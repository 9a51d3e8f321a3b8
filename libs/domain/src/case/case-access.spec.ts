import { canReadCase, type CaseViewer } from './case-access.js';
import type { ExistingCase } from './case.state.js';
import {
  admin,
  auditor,
  counsel,
  designee,
  director,
  given,
  grantNeedToKnow,
  openCase,
  openLawEnforcementCase,
  otherCounsel,
  recordInstrument,
  referToCounsel,
  staff,
} from '../testing/case-fixtures.js';

function existing(state: ReturnType<typeof given>['state']): ExistingCase {
  if (!state.exists) throw new Error('fixture: the case should exist');
  return state;
}

const opener = staff; // the fixtures open every case as `staff`
const otherStaff: CaseViewer = { userId: 'u-staff-2', role: 'staff', isActiveDesignee: false };
const grantee: CaseViewer = { userId: 'u-granted', role: 'staff', isActiveDesignee: false };
const grantedAuditor: CaseViewer = { userId: 'u-auditor-granted', role: 'auditor', isActiveDesignee: false };
const grantedCounsel: CaseViewer = { userId: 'u-counsel-granted', role: 'counsel', isActiveDesignee: false };

describe('canReadCase: who may read a case', () => {
  const plain = existing(given(openCase()).state);
  const referred = existing(given(openLawEnforcementCase(), recordInstrument(['name']), referToCounsel()).state);

  it.each([
    ['the opener', 'full', opener],
    ['the director', 'full', director],
    ['an active designee', 'full', designee],
    ['an auditor (pseudonymised)', 'pseudonymised', auditor],
    ['another staff member', 'forbidden', otherStaff],
    ['counsel the case was never referred to', 'forbidden', counsel],
    ['an admin', 'forbidden', admin],
  ] as const)('an unsealed case: %s → %s', (_who, access, viewer) => {
    expect(canReadCase(plain, viewer)).toBe(access);
  });

  it('the referred counsel reads in full; other counsel do not', () => {
    expect(canReadCase(referred, counsel)).toBe('full');
    expect(canReadCase(referred, otherCounsel)).toBe('forbidden');
  });

  it('a designee whose appointment is not active is just staff', () => {
    expect(canReadCase(plain, { ...designee, isActiveDesignee: false })).toBe('forbidden');
  });

  it('an admin never reads case data, even if an active-designee flag were set', () => {
    expect(canReadCase(plain, { ...admin, isActiveDesignee: true })).toBe('forbidden');
  });
});

describe('canReadCase: a sealed case (non-disclosure order)', () => {
  const sealed = existing(
    given(
      openLawEnforcementCase(),
      recordInstrument(['name'], { nondisclosureOrder: true }),
      referToCounsel(),
      { command: grantNeedToKnow(grantee.userId), context: { grantee: { userId: grantee.userId, role: 'staff' } } },
      { command: grantNeedToKnow(grantedAuditor.userId), context: { grantee: { userId: grantedAuditor.userId, role: 'auditor' } } },
      { command: grantNeedToKnow(grantedCounsel.userId), context: { grantee: { userId: grantedCounsel.userId, role: 'counsel' } } },
    ).state,
  );

  it('is sealed', () => {
    expect(sealed.sealed).toBe(true);
  });

  it.each([
    ['the director', 'full', director],
    ['an active designee', 'full', designee],
    ['the referred counsel', 'full', counsel],
    ['a staff member granted need-to-know', 'full', grantee],
    ['a counsel user granted need-to-know', 'full', grantedCounsel],
    ['an auditor granted need-to-know (still pseudonymised)', 'pseudonymised', grantedAuditor],
    ['the opener', 'sealed', opener],
    ['an auditor', 'sealed', auditor],
    ['another staff member', 'sealed', otherStaff],
    ['counsel not referred', 'sealed', otherCounsel],
    ['an admin', 'forbidden', admin],
  ] as const)('%s → %s', (_who, access, viewer) => {
    expect(canReadCase(sealed, viewer)).toBe(access);
  });
});

import { type CaseReader, type CaseViewer, sealedCaseOpenTo, sealedCasesOpenTo, sealedCaseShown, showsContent, THE_PATRON, whatMayBeShown } from './what-may-be-shown.js';
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

describe('whatMayBeShown: who may read a case', () => {
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
    expect(whatMayBeShown(viewer, plain)).toBe(access);
  });

  it('the referred counsel reads in full; other counsel do not', () => {
    expect(whatMayBeShown(counsel, referred)).toBe('full');
    expect(whatMayBeShown(otherCounsel, referred)).toBe('forbidden');
  });

  it('a designee whose appointment is not active is just staff', () => {
    expect(whatMayBeShown({ ...designee, isActiveDesignee: false }, plain)).toBe('forbidden');
  });

  it('an admin never reads case data, even if an active-designee flag were set', () => {
    expect(whatMayBeShown({ ...admin, isActiveDesignee: true }, plain)).toBe('forbidden');
  });
});

describe('whatMayBeShown: a sealed case (non-disclosure order)', () => {
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
    expect(whatMayBeShown(viewer, sealed)).toBe(access);
  });
});

describe('whatMayBeShown: what is written for the patron', () => {
  const plain = existing(given(openCase()).state);
  const sealed = existing(given(openLawEnforcementCase(), recordInstrument(['name'], { nondisclosureOrder: true })).state);

  it('given a sealed case, when an erasure answer or statement is written, then it does not exist for it', () => {
    expect(whatMayBeShown(THE_PATRON, sealed)).toBe('nothing');
  });

  it('given a case without an order, when the same is written, then the case is named', () => {
    expect(whatMayBeShown(THE_PATRON, plain)).toBe('full');
  });
});

describe('whatMayBeShown: lists', () => {
  const plain = existing(given(openCase()).state);
  const sealed = existing(given(openLawEnforcementCase(), recordInstrument(['name'], { nondisclosureOrder: true }), referToCounsel()).state);

  it('given a list its route admits the reader to, when an unsealed case is on it, then it shows as their role reads any case', () => {
    expect(whatMayBeShown(otherCounsel, plain, true)).toBe('full');
    expect(whatMayBeShown(otherStaff, plain, true)).toBe('full');
    expect(whatMayBeShown(auditor, plain, true)).toBe('pseudonymised');
  });

  it('given a sealed case on a list, when the reader is not named in it, then it shows as {caseId, openedAt, sealed} only', () => {
    for (const reader of [otherCounsel, otherStaff, auditor, { ...designee, isActiveDesignee: false }]) expect(whatMayBeShown(reader, sealed, true)).toBe('sealed');
    expect(whatMayBeShown(counsel, sealed, true)).toBe('full');
    expect(sealedCaseShown('c-1', '2024-01-01T00:00:00.000Z')).toEqual({ caseId: 'c-1', openedAt: '2024-01-01T00:00:00.000Z', sealed: true });
  });
});

describe('sealedCasesOpenTo: the same rule as data, for queries that filter in the database', () => {
  const readers: CaseReader[] = [director, designee, { ...designee, isActiveDesignee: false }, staff, otherStaff, grantee, auditor, grantedAuditor, counsel, otherCounsel, grantedCounsel, admin, THE_PATRON];
  const facts = (sealed: boolean, needToKnow: string[], counselUserId: string | null) => ({ sealed, needToKnow, counselUserId, openedBy: staff.userId });
  const cases = [false, true].flatMap((isSealed) =>
    [[], [grantee.userId, grantedAuditor.userId, grantedCounsel.userId]].flatMap((granted) => [null, counsel.userId].map((referred) => facts(isSealed, granted, referred))),
  );

  it('given every reader and every seal, when the scope is evaluated, then it agrees with whatMayBeShown on whether content is shown', () => {
    for (const reader of readers) {
      for (const seal of cases) {
        const open = sealedCaseOpenTo(sealedCasesOpenTo(reader), seal);
        const shown = whatMayBeShown(reader, seal, true);
        if (shown === 'forbidden') continue; // admins: no case data, sealed or not
        expect([reader, seal, open]).toEqual([reader, seal, showsContent(shown)]);
      }
    }
  });
});

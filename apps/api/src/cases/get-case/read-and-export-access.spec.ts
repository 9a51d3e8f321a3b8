import { whatMayBeShown, type CaseViewer, type ExistingCase, type Role } from '@ledger/domain';
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
  referToDirector,
  staff,
} from '../../../../../libs/domain/src/testing/case-fixtures.js';
import { caseFileAccess } from '../../views/export/export-case-file/case-file-access.js';

/**
 * Reading a case (`GET /v1/cases/:caseId`, `canReadCase`) and exporting its file (`caseFileAccess`,
 * another use case) are decided by two functions; they must not contradict each other:
 * - whoever may export may read, with the same pseudonymisation;
 * - a sealed refusal on export is a sealed refusal on read;
 * - whoever may not read (forbidden or sealed) may not export.
 * The deliberate differences (API.md): the opener and need-to-know grantees who are not auditors may
 * read but not export.
 */
function existing(state: ReturnType<typeof given>['state']): ExistingCase {
  if (!state.exists) throw new Error('fixture: the case should exist');
  return state;
}

const viewer = (userId: string, role: Role, isActiveDesignee = false): CaseViewer => ({ userId, role, isActiveDesignee });
const grantedStaff = viewer('u-granted-staff', 'staff');
const grantedAuditor = viewer('u-granted-auditor', 'auditor');
const otherStaff = viewer('u-staff-2', 'staff');
const formerDesignee = { ...designee, isActiveDesignee: false };

const grant = (who: CaseViewer) => ({ command: grantNeedToKnow(who.userId), context: { grantee: { userId: who.userId, role: who.role } } });

const cases: Record<string, ExistingCase> = {
  'a front-desk case': existing(given(openCase()).state),
  'a law-enforcement case with the director': existing(given(openLawEnforcementCase(), referToDirector()).state),
  'a law-enforcement case referred to counsel': existing(given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel()).state),
  'a sealed case with need-to-know grants': existing(
    given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), referToCounsel(), grant(grantedStaff), grant(grantedAuditor))
      .state,
  ),
};

const viewers: Record<string, CaseViewer> = {
  'the opener': staff,
  'another staff member': otherStaff,
  'an active designee': designee,
  'a former designee': formerDesignee,
  'the director': director,
  'the referred counsel': counsel,
  'other counsel': otherCounsel,
  'an auditor': auditor,
  'a staff member granted need-to-know': grantedStaff,
  'an auditor granted need-to-know': grantedAuditor,
  'an admin': admin,
};

const pairs = Object.entries(cases).flatMap(([caseName, state]) => Object.entries(viewers).map(([who, v]) => [caseName, who, state, v] as const));

describe('reading a case and exporting its file agree', () => {
  it('the fixture really seals the last case and names the counsel', () => {
    const sealed = cases['a sealed case with need-to-know grants'];
    expect(sealed.sealed).toBe(true);
    expect(sealed.counselUserId).toBe(counsel.userId);
    expect(sealed.needToKnow).toEqual([grantedStaff.userId, grantedAuditor.userId]);
  });

  it.each(pairs)('%s, %s', (_caseName, _who, state, v) => {
    const read = whatMayBeShown(v, state);
    const exported = caseFileAccess(v, state);
    if (exported.allowed) {
      expect(read).toBe(exported.pseudonymised ? 'pseudonymised' : 'full');
    } else if (exported.reason === 'sealed') {
      expect(read).toBe('sealed');
    }
    if (read === 'forbidden' || read === 'sealed') expect(exported.allowed).toBe(false);
  });

  it('the deliberate differences: the opener and a non-auditor granted need-to-know read, but do not export', () => {
    const sealed = cases['a sealed case with need-to-know grants'];
    const plain = cases['a front-desk case'];
    expect(whatMayBeShown(staff, plain)).toBe('full');
    expect(caseFileAccess(staff, plain)).toEqual({ allowed: false, reason: 'role' });
    expect(whatMayBeShown(grantedStaff, sealed)).toBe('full');
    expect(caseFileAccess(grantedStaff, sealed)).toEqual({ allowed: false, reason: 'role' });
  });
});

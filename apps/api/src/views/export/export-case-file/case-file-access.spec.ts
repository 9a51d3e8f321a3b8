import { caseStateFrom } from '@ledger/domain';
import { given, grantNeedToKnow, openLawEnforcementCase, recordInstrument, referToCounsel, referToDirector } from '../../../../../../libs/domain/src/testing/case-fixtures.js';
import { caseFileAccess } from './case-file-access.js';

const open = caseStateFrom(given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name']), referToCounsel()).history);
const sealed = caseStateFrom(
  given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), referToCounsel(), grantNeedToKnow('u-auditor')).history,
);
const reader = (userId: string, role: 'staff' | 'director' | 'counsel' | 'auditor' | 'admin', isActiveDesignee = false) => ({ userId, role, isActiveDesignee });

describe('who may export a case file', () => {
  if (!open.exists || !sealed.exists) throw new Error('fixtures');

  it('the director, an active designee and the referred counsel get the full file', () => {
    for (const who of [reader('u-director', 'director'), reader('u-designee', 'staff', true), reader('u-counsel', 'counsel')]) {
      expect(caseFileAccess(who, sealed)).toEqual({ allowed: true, pseudonymised: false });
    }
  });

  it('an auditor gets it pseudonymised, and a sealed case only with need-to-know', () => {
    expect(caseFileAccess(reader('u-other-auditor', 'auditor'), open)).toEqual({ allowed: true, pseudonymised: true });
    expect(caseFileAccess(reader('u-other-auditor', 'auditor'), sealed)).toEqual({ allowed: false, reason: 'sealed' });
    expect(caseFileAccess(reader('u-auditor', 'auditor'), sealed)).toEqual({ allowed: true, pseudonymised: true });
  });

  it('staff who are not designees, other counsel and admins may not', () => {
    for (const who of [reader('u-staff', 'staff'), reader('u-counsel-2', 'counsel'), reader('u-admin', 'admin')]) {
      expect(caseFileAccess(who, open)).toEqual({ allowed: false, reason: 'role' });
    }
  });

  it('on a sealed case, everyone it does not name gets SEALED, whatever their role (admins excepted: never case data)', () => {
    for (const who of [reader('u-staff', 'staff'), reader('u-counsel-2', 'counsel'), reader('u-other-auditor', 'auditor')]) {
      expect(caseFileAccess(who, sealed)).toEqual({ allowed: false, reason: 'sealed' });
    }
    expect(caseFileAccess(reader('u-admin', 'admin'), sealed)).toEqual({ allowed: false, reason: 'role' });
  });
});

import { LIBRARY_FINDING_CITATIONS } from '../library-finding-citations.js';
import { POLICY_BASIS_ALONE } from '../rule-text.js';

/** What each finding cites in Connecticut: the policy section it checks, and the statute where one applies. */
export const US_CT_FINDING_CITATIONS = {
  ...LIBRARY_FINDING_CITATIONS,
  'LE-REFERRAL-LATE': 'Disclosure to Law Enforcement, step 2 ("shall immediately refer"); CGS § 11-25',
  'LE-RELEASE-WITHOUT-COURT-ORDER': 'CGS § 11-25(b)(2); Disclosure to Law Enforcement, step 4',
  'FAMILY-CARD-BASIS': `CGS § 11-25(b)(2)(B); Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
  'BREACH-NOTICE-LATE': 'Email Newsletters and Other Updates ("the Library will notify anyone who may be affected"); CGS § 36a-701b(b)',
  'AG-NOTICE-LATE': 'CGS § 36a-701b(b)(1)',
} as const;

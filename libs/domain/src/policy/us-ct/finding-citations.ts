import { LIBRARY_FINDING_CITATIONS } from '../library-finding-citations.js';
import { RULE_PACK } from './rule-pack.js';
import { POLICY_BASIS_ALONE } from '../rule-text.js';

/** What each finding cites in Connecticut: the policy section it checks, and the statute where one applies. */
export const US_CT_FINDING_CITATIONS = {
  ...LIBRARY_FINDING_CITATIONS,
  'LE-REFERRAL-LATE': 'Disclosure to Law Enforcement, step 2 ("shall immediately refer"); CGS § 11-25',
  'LE-RELEASE-WITHOUT-COURT-ORDER': 'CGS § 11-25(b)(2); Disclosure to Law Enforcement, step 4',
  'FAMILY-CARD-BASIS': `CGS § 11-25(b)(2)(B); Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
  'BREACH-NOTICE-LATE': 'Email Newsletters and Other Updates ("the Library will notify anyone who may be affected"); CGS § 36a-701b(b)',
  'AG-NOTICE-LATE': 'CGS § 36a-701b(b)(1)',
  'FOI-REPLY-LATE': 'CGS § 1-206(a); CGS § 11-25(b)(4)',
  // A purge of what the law keeps without counsel's approval: what the refusal of the same rule cites.
  'RETENTION-COUNSEL-APPROVAL': RULE_PACK['RETENTION-COUNSEL-APPROVAL'].citation,
} as const;

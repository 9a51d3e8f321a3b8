import { LIBRARY_FINDING_CITATIONS } from '../library-finding-citations.js';
import { RULE_PACK } from './rule-pack.js';
import { POLICY_BASIS_ALONE } from '../rule-text.js';

/** What each finding cites in New York: the policy section it checks, and the statute where one applies. */
export const US_NY_FINDING_CITATIONS = {
  ...LIBRARY_FINDING_CITATIONS,
  'LE-REFERRAL-LATE': 'Disclosure to Law Enforcement, step 2 ("shall immediately refer"); CPLR § 4509',
  'LE-RELEASE-WITHOUT-COURT-ORDER': 'CPLR § 4509 ("pursuant to subpoena, court order"); Disclosure to Law Enforcement, step 4',
  'FAMILY-CARD-BASIS': `CPLR § 4509 ("upon request or consent of the user"); Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
  'BREACH-NOTICE-LATE': 'Email Newsletters and Other Updates ("the Library will notify anyone who may be affected"); General Business Law § 899-aa(2)',
  'AG-NOTICE-LATE': 'General Business Law § 899-aa(8)(a)',
  // Not among the pack's `findingRules` (no New York period confirmed): the policy alone, should a reader ask.
  'FOI-REPLY-LATE': 'Confidentiality of Library Records',
  // A purge of what the law keeps without counsel's approval: what the refusal of the same rule cites.
  'RETENTION-COUNSEL-APPROVAL': RULE_PACK['RETENTION-COUNSEL-APPROVAL'].citation,
} as const;

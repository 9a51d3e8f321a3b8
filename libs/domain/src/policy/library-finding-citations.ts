import { POLICY_BASIS_ALONE } from './rule-text.js';

/** The findings that check the library's own procedure: they cite the policy alone, the same in every jurisdiction. */
export const LIBRARY_FINDING_CITATIONS = {
  'COUNSEL-REFERRAL-LATE': 'Disclosure to Law Enforcement, second paragraph ("consult with legal counsel … prior to any action being taken")',
  'WARRANT-STAFF-RECORDED': 'Disclosure to Law Enforcement, second paragraph ("Only the Library Director or a designee is authorized to receive or comply")',
  'WARRANT-NO-COUNSEL-REVIEW': 'Disclosure to Law Enforcement, second paragraph ("The Director shall consult with legal counsel")',
  'DEADLINE-MISSED': 'Disclosure to Law Enforcement, step 4',
  'SUBPOENA-UNANSWERED': 'Disclosure to Law Enforcement, step 4',
  'OBJECTION-LATE': 'FRCP 45(d)(2)(B); Disclosure to Law Enforcement, step 4',
  'RETURN-DATE-BEFORE-RECEIPT': 'Disclosure to Law Enforcement, steps 2 and 4',
  'WELLNESS-DISCLOSURE': `Wellness Checks ${POLICY_BASIS_ALONE}`,
  // The library's reading of the ALA guidance its policy adopts (docs/policy-decisions.md T16).
  'PATRON-NOTICE-DUE': 'Confidentiality of Library Records (the library\'s reading of the ALA Policy on Confidentiality of Library Records and Code of Ethics: the user is told once the law allows)',
} as const;

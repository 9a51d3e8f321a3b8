import { RULE_PACK as LIBRARY_RULES } from '../us-ct/rule-pack.js';
import { POLICY_BASIS_ALONE, RULE_IDS, type RuleId, type RuleTable, type RuleText } from '../rule-text.js';

/**
 * The New York rule pack. The library's policy is one text and its rules say the same thing in every
 * state, so each rule keeps the effect and the words the library's first pack gave it; New York cites
 * its own law for each one, and rewords the few rules whose words state Connecticut's.
 *
 * CPLR § 4509: library records "shall be confidential and shall not be disclosed except that such
 * records may be disclosed to the extent necessary for the proper operation of such library and shall
 * be disclosed upon request or consent of the user or pursuant to subpoena, court order or where
 * otherwise required by statute". A subpoena is a door of its own here; the Director-only and
 * counsel-first procedure stays the library's policy (docs/policy-decisions.md, NY1–NY5).
 */

const LE = 'Disclosure to Law Enforcement';
const CPLR = 'CPLR § 4509';
/** The library's own operation: its officers, employees and the vendors it engages. */
const CPLR_OPERATION = `${CPLR} ("to the extent necessary for the proper operation of such library")`;
/** The user's own door: their request or consent (the policy still asks for it in writing). */
const CPLR_USER = `${CPLR} ("upon request or consent of the user")`;
/** The compelled door: a subpoena or a court order (a search warrant is a court's order). */
const CPLR_PROCESS = `${CPLR} ("pursuant to subpoena, court order")`;
/** Records a state statute exempts are not open under the Freedom of Information Law. */
const FOIL_EXEMPTION = 'Public Officers Law § 87(2)(a)';
/** Local government records are kept and disposed of under the Commissioner of Education's schedules. */
const RECORDS_RETENTION = 'Arts and Cultural Affairs Law § 57.25';

const CITATIONS: { readonly [id in RuleId]: string } = {
  'PATRON-SELF-IN-PERSON': `Disclosure to Patrons; ${CPLR_USER}`,
  'PATRON-SELF-ONLINE': `Disclosure to Patrons; ${CPLR_USER}`,
  'PATRON-PERSONAL-INFO-PHOTO-ID': `Disclosure to Patrons; ${CPLR}`,
  'PATRON-SELF-PHONE': 'Disclosure to Patrons',
  'ID-REQUIRED': "Disclosure to Patrons; Children's Personal Information; Disclosure to Other Individuals",
  'CARD-LOST': 'Disclosure to Other Individuals',
  'FAMILY-CARD': `Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
  'FAMILY-NO-CONTACT': 'Disclosure to Other Individuals',
  'FAMILY-PURPOSE-REQUIRED': 'Disclosure to Other Individuals',
  'DEBT-PAYER': `Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
  'MINOR-GUARDIAN': `Children's Personal Information ${POLICY_BASIS_ALONE}`,
  'MINOR-ONLY': `Children's Personal Information; ${CPLR}`,
  'LE-REFER': `${LE}, step 2; ${CPLR}`,
  'GOVERNMENT-REFER': `${LE}, opening paragraph ("any officer, agent, or agency of state, federal, or local government"); ${CPLR}`,
  'VENDOR-AUTH': `${CPLR_OPERATION}; Disclosure to Third-Party Electronic Services; Email Newsletters and Other Updates`,
  'VENDOR-NOT-APPROVED': 'Disclosure to Third-Party Electronic Services; Collection of Information; Computer Records',
  'FOIA-EXEMPT': `${CPLR}; ${FOIL_EXEMPTION}; Confidentiality of Library Records`,
  'WRITTEN-CONSENT': `${CPLR_USER}; Disclosure of Personal Information`,
  'CONSENT-GRANTEE-ID': `${CPLR_USER}; Disclosure of Personal Information`,
  'OTHER-NO-BASIS': `Disclosure to Other Individuals; ${CPLR}`,
  'REQUEST-OUTSIDE-BASIS': `Disclosure of Personal Information; ${CPLR}`,
  'RELEASE-SCOPE': `Disclosure of Personal Information; ${CPLR}`,
  'LE-STAFF-NO-RELEASE': `${LE}, step 1; ${CPLR}`,
  'LE-DIRECTOR-ONLY': `${LE}; ${CPLR}`,
  'LE-INSTRUMENT-REQUIRED': `${LE}, opening paragraph; ${CPLR_PROCESS}`,
  'LE-NSL-NOT-APPLICABLE': `18 U.S.C. § 2709(f); ${LE}; ${CPLR}`,
  'LE-STATUTE-COURT-ORDER': `${CPLR_PROCESS}; ${CPLR_USER}; ${LE}, step 4`,
  'LE-COUNSEL-FIRST': `${LE}, second paragraph ("consult with legal counsel … prior to any action being taken"); ${LE}, step 4`,
  'LE-ADVICE-AGAINST': `${LE}, step 4`,
  'LE-SCOPE': `${LE}, step 4; ${CPLR}`,
  'LE-WARRANT-REQUIRED': `${LE}; ${CPLR}`,
  'CONSENT-INACTIVE': `${CPLR_USER}; Disclosure of Personal Information`,
  'WELLNESS-SCOPE': 'Wellness Checks',
  'WELLNESS-IMMEDIATE-ONLY': 'Wellness Checks',
  'ROLE-NOT-PERMITTED': 'Computer Records',
  'NEED-TO-KNOW-DIRECTOR': `Computer Records; ${LE}`,
  'ADMIN-NO-CASE-DATA': 'Computer Records',
  SEALED: `Non-disclosure order on record; ${LE}; ${CPLR}`,
  'LEGAL-HOLD': 'Computer Records; Retention of Library Records ("or as required by law")',
  'LEGAL-PROCESS-HOLD': 'Computer Records; Retention of Library Records ("or as required by law")',
  'RETENTION-UNTIL-RELEASED': 'Computer Records; Retention of Library Records ("as required by law")',
  'RETENTION-COUNSEL-APPROVAL': `Retention of Library Records ("as required by law"); ${RECORDS_RETENTION}`,
  'RETENTION-NOT-DUE': `Retention of Library Records; ${RECORDS_RETENTION}`,
  'ERASURE-ID': 'Disclosure to Patrons; Computer Records',
  'CONSENT-PROOF': `${CPLR_USER}; Disclosure of Personal Information`,
};

/** The rules whose words state the law: New York's words for them. */
const MESSAGES: { readonly [id in RuleId]?: string } = {
  'VENDOR-AUTH':
    "An authorized vendor, engaged \"to the extent necessary for the proper operation of such library\" (CPLR § 4509), authenticated system to system, may receive only name, card number, account status and patron id to authenticate the patron; the library's newsletter service also the email address patrons who sign up agree to share.",
  'FOIA-EXEMPT':
    'Patron records are not public records: CPLR § 4509 keeps them confidential, and the Freedom of Information Law does not open records "specifically exempted from disclosure by state or federal statute" (Public Officers Law § 87(2)(a)).',
  'LE-STATUTE-COURT-ORDER':
    "The statute opens its doors to law enforcement on a subpoena, a court order (or a search warrant) or the user's consent, and each category released needs one of its own: an instrument on the case whose scope (categories and period) covers it, or the patron's written consent covering it. An administrative request or other demand opens none, and one instrument's scope never rides on another.",
};

export const RULE_PACK: RuleTable = Object.fromEntries(
  RULE_IDS.map((id): [RuleId, RuleText] => [id, { ...LIBRARY_RULES[id], citation: CITATIONS[id], message: MESSAGES[id] ?? LIBRARY_RULES[id].message }]),
) as RuleTable;

/** Parts of a citation that name an authority rather than a section of the policy text. */
export const CITATION_AUTHORITIES = /^(CPLR §|Public Officers Law §|Arts and Cultural Affairs Law §|General Business Law §|18 U\.S\.C\. §|FRCP \d|Non-disclosure order|Return date)/;

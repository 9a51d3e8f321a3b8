import { LIBRARY_READING, POLICY_BASIS_ALONE, type RuleTable } from '../rule-text.js';

/**
 * The Connecticut rule pack as data. Each rule's `citation` is the title of the policy section it
 * enforces (plus the statute where one applies), so every rejection and every finding can say why.
 * API.md's ids are binding; the ids marked "added" are this team's readings of silent or ambiguous
 * passages (see docs/policy-decisions.md).
 */

const LE = 'Disclosure to Law Enforcement';
/** The law-enforcement section's second paragraph: the Director (or a designee) only, and counsel before any action. */
const LE_SECOND_PARAGRAPH = `${LE}, second paragraph`;
/** CGS § 11-25(b)(1): the library's own officers, employees and agents (its vendors among them) may see records. */
const STATUTE_LIBRARY_AGENTS = 'CGS § 11-25(b)(1)';
/** CGS § 11-25(b)(2): records are disclosed only on (A) a court order or (B) the user's written permission. */
const STATUTE_COURT_ORDER = 'CGS § 11-25(b)(2)(A)';
const STATUTE_WRITTEN_PERMISSION = 'CGS § 11-25(b)(2)(B)';

export const RULE_PACK = {
  'PATRON-SELF-IN-PERSON': {
    effect: 'permit',
    citation: 'Disclosure to Patrons; CGS § 11-25',
    message: 'A patron at the desk with their library card or photo identification may see their whole record.',
  },
  'PATRON-SELF-ONLINE': {
    effect: 'permit',
    citation: 'Disclosure to Patrons; CGS § 11-25',
    message: 'A patron signed in to their account, or using their library card online, may see their whole record.',
  },
  'PATRON-PERSONAL-INFO-PHOTO-ID': {
    effect: 'restrict',
    citation: 'Disclosure to Patrons; CGS § 11-25',
    message:
      'At the desk a patron sees their address, phone number, email address or birth date only after showing a valid photo identification.',
  },
  'PATRON-SELF-PHONE': {
    effect: 'permit',
    citation: 'Disclosure to Patrons',
    message:
      'By phone, a patron who gives their card barcode or calls from the number on record may hear only checkouts, holds and fines.',
  },
  'ID-REQUIRED': {
    effect: 'deny',
    citation: "Disclosure to Patrons; Children's Personal Information; Disclosure to Other Individuals",
    message: 'No accepted identification was offered (a letter or an email never proves who is asking), so nothing may be released.',
  },
  'CARD-LOST': {
    effect: 'reject_identification',
    citation: 'Disclosure to Other Individuals',
    message: 'This card has been reported lost or stolen and not replaced, so it does not prove who is asking.',
  },
  'FAMILY-CARD': {
    effect: 'permit',
    citation: `Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
    message:
      "A friend or family member at the desk with the patron's library card may learn only checkouts, holds and the amount owed, for the stated errand.",
  },
  'FAMILY-NO-CONTACT': {
    effect: 'restrict',
    citation: 'Disclosure to Other Individuals',
    message:
      "A friend or family member is never given the patron's address, phone number, email address or birth date.",
  },
  'FAMILY-PURPOSE-REQUIRED': {
    effect: 'deny',
    citation: 'Disclosure to Other Individuals',
    message: `${LIBRARY_READING} a friend or family member must say which errand they are helping with, so staff can give the minimum needed.`,
  },
  'DEBT-PAYER': {
    effect: 'permit',
    citation: `Disclosure to Other Individuals ${POLICY_BASIS_ALONE}`,
    message: "Someone paying a patron's debt may learn only the amount owed.",
  },
  'MINOR-GUARDIAN': {
    effect: 'permit',
    citation: `Children's Personal Information ${POLICY_BASIS_ALONE}`,
    message:
      "A parent or guardian with the child's library card (or, in person, the co-signer's photo identification) may learn the child's account information (name, card, status, checkouts, holds, amount owed; by phone checkouts, holds and amount owed), nothing more.",
  },
  'MINOR-ONLY': {
    effect: 'deny',
    citation: "Children's Personal Information; CGS § 11-25",
    message: "A parent or guardian has no right to the record of a patron who is not a minor (or not known to be one).",
  },
  'LE-REFER': {
    effect: 'refer',
    citation: `${LE}, step 2; CGS § 11-25`,
    message: 'Law enforcement requests go to the Director at once; staff release nothing.',
  },
  'GOVERNMENT-REFER': {
    effect: 'refer',
    citation: `${LE}, opening paragraph ("any officer, agent, or agency of state, federal, or local government"); CGS § 11-25(b)(2)`,
    message:
      'A request from a government agency or agent (social services, town officials, any agency named) goes to the Director as law enforcement does, whatever consent exists; staff release nothing.',
  },
  'VENDOR-AUTH': {
    effect: 'permit',
    citation: `${STATUTE_LIBRARY_AGENTS}; Disclosure to Third-Party Electronic Services; Email Newsletters and Other Updates`,
    message:
      "An authorized vendor, one of the library's \"officers, employees and agents\" (CGS § 11-25(b)(1)), authenticated system to system, may receive only name, card number, account status and patron id to authenticate the patron; the library's newsletter service also the email address patrons who sign up agree to share.",
  },
  'VENDOR-NOT-APPROVED': {
    effect: 'deny',
    citation: 'Disclosure to Third-Party Electronic Services; Collection of Information; Computer Records',
    message:
      "Only the library's authorized vendors (on the Director's approved list), authenticating online with their vendor credentials, receive patron information.",
  },
  'FOIA-EXEMPT': {
    effect: 'deny',
    citation: 'CGS § 11-25(b)(1); CGS § 1-210(a); Confidentiality of Library Records',
    message:
      'Patron records are not public records: CGS § 11-25(b)(1) keeps them confidential "notwithstanding section 1-210", and § 1-210(a) opens records only "except as otherwise provided by any federal law or state statute".',
  },
  'WRITTEN-CONSENT': {
    effect: 'permit',
    citation: `${STATUTE_WRITTEN_PERMISSION}; Disclosure of Personal Information`,
    message: "The patron's active written consent names this requester, who may receive the categories it lists.",
  },
  'CONSENT-GRANTEE-ID': {
    effect: 'reject_identification',
    citation: `${STATUTE_WRITTEN_PERMISSION}; Disclosure of Personal Information`,
    message:
      `${LIBRARY_READING} the requester's name matches a written consent, but only a photo identification of the requester (not by mail or email) proves they are that person.`,
  },
  'OTHER-NO-BASIS': {
    effect: 'deny',
    citation: 'Disclosure to Other Individuals; CGS § 11-25',
    message: 'Nobody else receives patron information without the patron\u2019s written consent.',
  },
  'REQUEST-OUTSIDE-BASIS': {
    effect: 'deny',
    citation: 'Disclosure of Personal Information; CGS § 11-25',
    message: `${LIBRARY_READING} none of the categories asked for may be given to this requester on this basis, and staff never release what nobody asked for.`,
  },
  'RELEASE-SCOPE': {
    effect: 'refuse',
    citation: 'Disclosure of Personal Information; CGS § 11-25',
    message: 'Only the categories the evaluation permitted may be released, and nothing on a denied request.',
  },
  'LE-STAFF-NO-RELEASE': {
    effect: 'refuse',
    citation: `${LE}, step 1; CGS § 11-25`,
    message:
      'Nothing is released across the desk to law enforcement; only the Director, on counsel\u2019s advice, may produce records.',
  },
  'LE-DIRECTOR-ONLY': {
    effect: 'forbid',
    citation: `${LE}; CGS § 11-25`,
    message:
      'Only the Director or an active designee may act on a law enforcement request, and only the counsel it was referred to may advise.',
  },
  'LE-INSTRUMENT-REQUIRED': {
    effect: 'refuse',
    citation: `${LE}, opening paragraph; CGS § 11-25(b)(2)`,
    message: 'Nothing may be released to law enforcement without a subpoena, warrant, court order or other compelling request on record.',
  },
  'LE-NSL-NOT-APPLICABLE': {
    effect: 'refuse',
    citation: `18 U.S.C. § 2709(f); ${LE}; CGS § 11-25(b)(2)`,
    message:
      'A national security letter reaches "wire or electronic communication service providers", and a library is not one "unless the library is providing the services defined in section 2510(15)" of title 18 (§ 2709(f)): records are not produced under a national security letter alone unless counsel has recorded that the library provides such services (recording it, its non-disclosure order and the referral to counsel remain allowed).',
  },
  'LE-STATUTE-COURT-ORDER': {
    effect: 'refuse',
    citation: `${STATUTE_COURT_ORDER}; ${STATUTE_WRITTEN_PERMISSION}; ${LE}, step 4`,
    message:
      "The statute opens two doors only, and each category released needs one of its own: a court order (or a search warrant) on the case whose scope (categories and period) covers it, or the patron's written permission covering it. A subpoena's or other request's scope never rides on another instrument.",
  },
  'LE-COUNSEL-FIRST': {
    effect: 'refuse',
    citation: `${LE_SECOND_PARAGRAPH} ("consult with legal counsel … prior to any action being taken"); ${LE}, step 4`,
    message:
      'Once a legal instrument is on the case, the Director acts on it (release, deny or refuse) only after legal counsel\u2019s advice is on record: "consult with legal counsel prior to any action being taken".',
  },
  'LE-ADVICE-AGAINST': {
    effect: 'refuse',
    citation: `${LE}, step 4`,
    message: `${LIBRARY_READING} counsel advised objecting, moving to quash or declining, so the Director may decide only to deny until counsel advises otherwise.`,
  },
  'LE-SCOPE': {
    effect: 'refuse',
    citation: `${LE}, step 4; CGS § 11-25`,
    message:
      'Only categories inside the legal instrument, counsel\u2019s advice and the Director\u2019s decision may be decided on or produced.',
  },
  'LE-WARRANT-REQUIRED': {
    effect: 'refuse',
    citation: `${LE}; CGS § 11-25`,
    message: `${LIBRARY_READING} a search on the premises may be recorded only under a search warrant on record, within its scope.`,
  },
  'CONSENT-INACTIVE': {
    effect: 'refuse',
    citation: `${STATUTE_WRITTEN_PERMISSION}; Disclosure of Personal Information`,
    message: 'The written consent this request was answered under has been revoked or has expired since the case was opened: nothing more is released under it.',
  },
  'WELLNESS-SCOPE': {
    effect: 'refuse',
    citation: 'Wellness Checks',
    message: 'For a wellness check only the patron\u2019s name, phone number and address may be given; nothing further.',
  },
  'WELLNESS-IMMEDIATE-ONLY': {
    effect: 'refuse',
    citation: 'Wellness Checks',
    message:
      'A wellness check is the library\u2019s own call: only when staff have reason to suspect an immediate threat to the patron (immediateThreat: true) and say what they observed. An agency asking for a patron\u2019s details "for a welfare check" is a law-enforcement inquiry: open a case (LE-REFER).',
  },
  'ROLE-NOT-PERMITTED': {
    effect: 'forbid',
    citation: 'Computer Records',
    message: `${LIBRARY_READING} this role may not take this action on patron records.`,
  },
  'NEED-TO-KNOW-DIRECTOR': {
    effect: 'forbid',
    citation: `Computer Records; ${LE}`,
    message: `${LIBRARY_READING} only the Director grants someone a need to know a case.`,
  },
  'ADMIN-NO-CASE-DATA': {
    effect: 'refuse',
    citation: 'Computer Records',
    message: `${LIBRARY_READING} system administrators never see case data, so they cannot be given a need to know.`,
  },
  SEALED: {
    effect: 'forbid',
    citation: `Non-disclosure order on record; ${LE}; CGS § 11-25`,
    message: 'This case is sealed by a non-disclosure order; only those it names may see it.',
  },
  'LEGAL-HOLD': {
    effect: 'refuse',
    citation: 'Computer Records; Retention of Library Records ("or as required by law")',
    message: 'A legal hold covers this identity: it is kept until counsel releases the hold, whatever the schedule or a request says.',
  },
  'LEGAL-PROCESS-HOLD': {
    effect: 'refuse',
    citation: 'Computer Records; Retention of Library Records ("or as required by law")',
    message: 'Records about this patron must be kept for now: a case under legal process about the patron keeps every case of the patron until it closes and counsel releases it.',
  },
  'RETENTION-UNTIL-RELEASED': {
    effect: 'refuse',
    citation: 'Computer Records; Retention of Library Records ("as required by law")',
    message: 'The retention schedule keeps this identity until counsel releases the case (law enforcement, a legal instrument or a violation).',
  },
  'RETENTION-COUNSEL-APPROVAL': {
    effect: 'refuse',
    citation: 'Retention of Library Records ("as required by law"); CGS § 11-8a',
    message:
      'This schedule keeps some records for less than the law keeps them (legal process, a legal instrument, a violation) or below a declared floor: the Director proposes it and it takes effect only when counsel approves it.',
  },
  'RETENTION-NOT-DUE': {
    effect: 'refuse',
    citation: 'Retention of Library Records; CGS § 11-8a',
    message: 'A purge follows the retention schedule: this identity is not due to be shredded yet.',
  },
  'ERASURE-ID': {
    effect: 'refuse',
    citation: 'Disclosure to Patrons; Computer Records',
    message:
      'Only the patron, in person, with their library card or a photo id, may ask for their personal information to be deleted: a guardian, a friend, a caller or a letter cannot.',
  },
  'CONSENT-PROOF': {
    effect: 'refuse',
    citation: `${STATUTE_WRITTEN_PERMISSION}; Disclosure of Personal Information`,
    message: `${LIBRARY_READING} a written consent is recorded only with its proof: the SHA-256 of the signed form, the patron identified in person by a photo id or by their card with a signature on file, and for a minor a parent or guardian's co-signature.`,
  },
} as const satisfies RuleTable;

/**
 * Parts of a citation that are not sections of the policy: statutes, and the orders an instrument
 * carries. Every other part names a section heading of the policy text (optionally followed by
 * ", step N", ", opening paragraph", ", second paragraph" or a quotation in parentheses).
 */
export const CITATION_AUTHORITIES = /^(CGS §|18 U\.S\.C\. §|FRCP \d|Non-disclosure order|Return date)/;

/**
 * The contract's vocabulary (API.md "Vocabulary"). These strings are binding: clients, views and
 * stored events use them verbatim, so they are never renamed, only added to.
 */

export const REQUESTER_KINDS = [
  'patron',
  'family_or_friend',
  'debt_payer',
  'parent_or_guardian',
  'law_enforcement',
  'vendor',
  'public_records',
  'other',
  'government_agency',
] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

export const CHANNELS = ['in_person', 'phone', 'online', 'mail', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const IDENTIFICATION_KINDS = [
  'library_card',
  'card_barcode',
  'caller_id_match',
  'photo_id',
  'cosigner_photo_id',
  'account_login',
  'officer_credentials',
  'vendor_credentials',
] as const;
export type IdentificationKind = (typeof IDENTIFICATION_KINDS)[number];

export const CATEGORIES = [
  'name',
  'address',
  'phone',
  'email',
  'birth_date',
  'card_number',
  'patron_id',
  'account_status',
  'checkouts',
  'holds',
  'amount_owed',
  'circulation_history',
  'ill_records',
  'search_records',
  'reference_interviews',
  'facility_use',
  'registrations',
  'payment_info',
  // What a request about a resource or a transaction asks for (third reading: "regardless of format").
  'computer_sessions',
  'network_logs',
  'database_searches',
  // What a public-records request for the library's own statistics asks for (API.md third wave): no patron's record.
  'statistics',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const INSTRUMENT_TYPES = [
  'subpoena',
  'search_warrant',
  'court_order',
  'national_security_letter',
  'administrative_request',
  'other',
] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

/** The acts whose time a finding measures, which the Director may confirm happened when they were dated (not when recorded). */
export const MEASURED_ACTS = ['director_referral', 'counsel_referral', 'counsel_advice', 'release_decision'] as const;
export type MeasuredAct = (typeof MEASURED_ACTS)[number];

/** Whose law governs an instrument (API.md third wave): its clocks and the rule a finding cites. */
export const JURISDICTIONS = ['federal', 'state'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** What a request names instead of a patron (API.md third wave): a resource ("public computer 4") or a transaction. */
export const SUBJECT_KINDS = ['resource', 'transaction'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** How a non-disclosure order ended (API.md third wave: `POST /v1/cases/:caseId/nondisclosure-end`). */
export const NONDISCLOSURE_ENDINGS = ['expired', 'lifted_by_court', 'government_notice'] as const;
export type NondisclosureEnding = (typeof NONDISCLOSURE_ENDINGS)[number];

export const CASE_STATUSES = [
  'open',
  'with_director',
  'awaiting_counsel',
  'awaiting_decision',
  'decided',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Every status but `closed`: what "open cases" means to every view and query. */
export const OPEN_CASE_STATUSES = CASE_STATUSES.filter((status): status is Exclude<CaseStatus, 'closed'> => status !== 'closed');

export const OUTCOMES = ['released', 'released_in_part', 'refused', 'refused_no_instrument'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RELEASE_METHODS = ['in_person', 'phone', 'mail', 'email', 'online', 'electronic_transfer'] as const;
export type ReleaseMethod = (typeof RELEASE_METHODS)[number];

/** How the Director told a patron about a request once no non-disclosure order forbade it. */
export const PATRON_NOTICE_METHODS = ['in_person', 'phone', 'mail', 'email'] as const satisfies readonly ReleaseMethod[];
export type PatronNoticeMethod = (typeof PATRON_NOTICE_METHODS)[number];

/** What a scanned document attached to a case is: the instrument served, or the patron's written consent. */
export const ATTACHMENT_KINDS = ['instrument', 'consent'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The media types an attachment may have: a scan is a PDF or an image. */
export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export const ROLES = ['staff', 'director', 'counsel', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const COUNSEL_ADVICE = ['comply', 'comply_in_part', 'object', 'move_to_quash', 'decline'] as const;
export type CounselAdvice = (typeof COUNSEL_ADVICE)[number];

export const RELEASE_DECISIONS = ['release', 'release_in_part', 'deny'] as const;
export type ReleaseDecision = (typeof RELEASE_DECISIONS)[number];

export const ROUTES = ['staff_may_release', 'refer_to_director', 'deny'] as const;
export type Route = (typeof ROUTES)[number];

/** How grave a compliance finding is (API.md "Policy rules"). */
export const FINDING_SEVERITIES = ['violation', 'warning', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Categories a wellness check may disclose ("Wellness Checks"): nothing else, ever. */
export const WELLNESS_CATEGORIES = ['name', 'phone', 'address'] as const satisfies readonly Category[];

/** What a patron may learn by phone ("Disclosure to Patrons": checked-out items, holds, fines). */
export const PHONE_BORROWING_CATEGORIES = ['checkouts', 'holds', 'amount_owed'] as const satisfies readonly Category[];

/** Contact and sensitive details a friend or family member never receives ("Disclosure to Other Individuals"). */
export const FAMILY_NEVER_CATEGORIES = ['address', 'phone', 'email', 'birth_date'] as const satisfies readonly Category[];

/** What a patron at the desk shows a photo identification for ("Disclosure to Patrons": verification of identity). */
export const PERSONAL_INFO_CATEGORIES = ['address', 'phone', 'email', 'birth_date'] as const satisfies readonly Category[];

/** A minor's account information, which a parent or guardian may learn ("Children's Personal Information"). */
export const GUARDIAN_ACCOUNT_CATEGORIES = [
  'name',
  'card_number',
  'patron_id',
  'account_status',
  'checkouts',
  'holds',
  'amount_owed',
] as const satisfies readonly Category[];

/** Instruments issued by a court (which of them open the statute's door is the jurisdiction's `releaseDoors`). */
export const COURT_ISSUED_INSTRUMENTS = ['court_order', 'search_warrant'] as const satisfies readonly InstrumentType[];

/** What third-party electronic services may receive to authenticate a patron. */
export const VENDOR_CATEGORIES = ['name', 'card_number', 'account_status', 'patron_id'] as const satisfies readonly Category[];

/** What the library's newsletter service may also receive: "agree to share personal information, including name and email address" ("Email Newsletters and Other Updates"). */
export const NEWSLETTER_CATEGORIES = ['name', 'email'] as const satisfies readonly Category[];

/** Advice under which counsel tells the director not to hand over anything. */
export const ADVICE_AGAINST_RELEASE = ['object', 'move_to_quash', 'decline'] as const satisfies readonly CounselAdvice[];

function isMember<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const isRequesterKind = isMember(REQUESTER_KINDS);
export const isChannel = isMember(CHANNELS);
export const isIdentificationKind = isMember(IDENTIFICATION_KINDS);
export const isCategory = isMember(CATEGORIES);
export const isInstrumentType = isMember(INSTRUMENT_TYPES);
export const isJurisdiction = isMember(JURISDICTIONS);
export const isNondisclosureEnding = isMember(NONDISCLOSURE_ENDINGS);
export const isCaseStatus = isMember(CASE_STATUSES);
export const isOutcome = isMember(OUTCOMES);
export const isReleaseMethod = isMember(RELEASE_METHODS);
export const isRole = isMember(ROLES);
export const isCounselAdvice = isMember(COUNSEL_ADVICE);
export const isReleaseDecision = isMember(RELEASE_DECISIONS);

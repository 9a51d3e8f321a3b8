import type {
  AttachmentKind,
  CaseStatus,
  Category,
  Channel,
  CounselAdvice,
  FindingSeverity,
  IdentificationKind,
  InstrumentType,
  MeasuredAct,
  NondisclosureEnding,
  SubjectKind,
  Outcome,
  ReleaseDecision,
  ReleaseMethod,
  RequesterKind,
  Role,
  Route,
} from './vocabulary.js';

/**
 * The contract's vocabulary in the words a clerk, the director and counsel use: the one table behind
 * the web pages, the case timeline and the case-file exports (the API and the exports' data keep the
 * codes). Every group names every member of its vocabulary, so a code added to `vocabulary.ts` without
 * its words does not compile. Lower case, so that the words also sit inside a sentence; a label at
 * the start of a line or a sentence is capitalised by `capitalised`.
 */
export const VOCABULARY_LABELS = {
  requesterKind: {
    patron: 'the patron themself',
    family_or_friend: 'family member or friend',
    debt_payer: 'someone paying the patron’s fines or fees',
    parent_or_guardian: 'parent or guardian',
    law_enforcement: 'law enforcement',
    vendor: 'a library vendor',
    public_records: 'public records (FOIA) request',
    other: 'someone else',
    government_agency: 'a government agency (not police)',
  } satisfies Record<RequesterKind, string>,
  channel: { in_person: 'in person', phone: 'by phone', online: 'online', mail: 'by mail', email: 'by email' } satisfies Record<Channel, string>,
  identification: {
    library_card: 'the library card itself',
    card_barcode: 'the card number, told to staff',
    caller_id_match: 'calling from the phone number on record',
    photo_id: 'photo ID',
    cosigner_photo_id: 'photo ID of the adult who co-signed a minor’s card',
    account_login: 'signed in to the patron’s account',
    officer_credentials: 'officer’s credentials',
    vendor_credentials: 'vendor’s system credentials',
  } satisfies Record<IdentificationKind, string>,
  category: {
    name: 'name',
    address: 'address',
    phone: 'phone number',
    email: 'email address',
    birth_date: 'date of birth',
    card_number: 'library card number',
    patron_id: 'patron ID',
    account_status: 'account status',
    checkouts: 'items checked out now',
    holds: 'holds',
    amount_owed: 'fines and fees owed',
    circulation_history: 'borrowing history',
    ill_records: 'interlibrary loan records',
    search_records: 'catalogue and internet searches',
    reference_interviews: 'questions asked at the reference desk',
    facility_use: 'use of rooms, computers and equipment',
    registrations: 'programme registrations',
    payment_info: 'payment details',
    computer_sessions: 'public computer sessions',
    network_logs: 'wireless (Wi-Fi) and network logs',
    database_searches: 'database search records',
    statistics: 'the library’s own statistics',
  } satisfies Record<Category, string>,
  instrumentType: {
    subpoena: 'subpoena',
    search_warrant: 'search warrant',
    court_order: 'court order',
    national_security_letter: 'national security letter',
    administrative_request: 'administrative request',
    other: 'other instrument',
  } satisfies Record<InstrumentType, string>,
  status: {
    open: 'at the desk',
    with_director: 'with the Director',
    awaiting_counsel: 'waiting for counsel',
    awaiting_decision: 'waiting for the Director’s decision',
    decided: 'decided, to be produced',
    closed: 'closed',
  } satisfies Record<CaseStatus, string>,
  outcome: {
    released: 'released',
    released_in_part: 'released in part',
    refused: 'refused',
    refused_no_instrument: 'refused: no legal instrument',
  } satisfies Record<Outcome, string>,
  method: {
    in_person: 'in person',
    phone: 'by phone',
    mail: 'by mail',
    email: 'by email',
    online: 'online',
    electronic_transfer: 'by electronic transfer',
  } satisfies Record<ReleaseMethod, string>,
  role: { staff: 'circulation staff', director: 'director', counsel: 'counsel', auditor: 'auditor', admin: 'administrator' } satisfies Record<Role, string>,
  advice: {
    comply: 'comply',
    comply_in_part: 'comply in part',
    object: 'object',
    move_to_quash: 'move to quash',
    decline: 'decline to comply',
  } satisfies Record<CounselAdvice, string>,
  decision: { release: 'release', release_in_part: 'release in part', deny: 'deny' } satisfies Record<ReleaseDecision, string>,
  route: {
    staff_may_release: 'staff may release',
    refer_to_director: 'refer to the Director',
    deny: 'refuse the request',
  } satisfies Record<Route, string>,
  severity: { violation: 'violation', warning: 'warning', info: 'for information' } satisfies Record<FindingSeverity, string>,
  measuredAct: {
    director_referral: 'the referral to the Director',
    counsel_referral: 'the referral to counsel',
    counsel_advice: 'counsel’s advice',
    release_decision: 'the release decision',
  } satisfies Record<MeasuredAct, string>,
  attachmentKind: { instrument: 'the legal instrument', consent: 'the patron’s written consent' } satisfies Record<AttachmentKind, string>,
  subjectKind: { resource: 'a resource', transaction: 'a transaction' } satisfies Record<SubjectKind, string>,
  nondisclosureEnding: {
    expired: 'the order expired',
    lifted_by_court: 'a court lifted the order',
    government_notice: 'the government said it no longer applies',
  } satisfies Record<NondisclosureEnding, string>,
} as const;

export type VocabularyGroup = keyof typeof VOCABULARY_LABELS;

/** `law enforcement` → `Law enforcement`. */
export const capitalised = (text: string): string => (text ? text[0].toUpperCase() + text.slice(1) : text);

/**
 * The words for a code. A code the table does not know (recorded by a newer version of the ledger, or
 * a value from a query string) is shown with spaces for underscores rather than hidden.
 */
export function vocabularyLabel(group: VocabularyGroup, code: string): string {
  return (VOCABULARY_LABELS[group] as Readonly<Record<string, string>>)[code] ?? code.replace(/_/g, ' ');
}

/** `['circulation_history', 'holds']` → `borrowing history, holds`. */
export function vocabularyList(group: VocabularyGroup, codes: readonly string[]): string {
  return codes.map((code) => vocabularyLabel(group, code)).join(', ');
}

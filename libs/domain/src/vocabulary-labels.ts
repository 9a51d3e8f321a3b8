import type {
  CaseStatus,
  Category,
  Channel,
  CounselAdvice,
  InstrumentType,
  Outcome,
  ReleaseDecision,
  ReleaseMethod,
  RequesterKind,
  Role,
  Route,
} from './vocabulary.js';

/**
 * The contract's vocabulary in the words a librarian, the director and counsel use, for documents
 * and screens (the API itself keeps the codes). Lower case: callers capitalise where a sentence starts.
 */
export const VOCABULARY_LABELS = {
  requesterKind: {
    patron: 'the patron',
    family_or_friend: 'family member or friend',
    debt_payer: 'person paying the patron\u2019s fines or fees',
    parent_or_guardian: 'parent or guardian',
    law_enforcement: 'law enforcement',
    vendor: 'library vendor',
    public_records: 'public-records (FOIA) requester',
    other: 'other requester',
  } satisfies Record<RequesterKind, string>,
  channel: { in_person: 'in person', phone: 'by phone', online: 'online', mail: 'by mail', email: 'by email' } satisfies Record<Channel, string>,
  identification: {
    library_card: 'the library card itself',
    card_barcode: 'the card number, given',
    caller_id_match: 'calling from the phone number on record',
    photo_id: 'photo ID',
    cosigner_photo_id: 'photo ID of the adult who co-signed a minor\u2019s card',
    account_login: 'signed in to the patron\u2019s account',
    officer_credentials: 'officer\u2019s credentials',
    vendor_credentials: 'vendor\u2019s system credentials',
  } as Readonly<Record<string, string>>,
  category: {
    name: 'name',
    address: 'address',
    phone: 'phone number',
    email: 'email address',
    birth_date: 'date of birth',
    card_number: 'library card number',
    patron_id: 'patron ID',
    account_status: 'account status',
    checkouts: 'items checked out',
    holds: 'holds',
    amount_owed: 'fines and fees owed',
    circulation_history: 'borrowing history',
    ill_records: 'interlibrary loan records',
    search_records: 'catalogue and internet searches',
    reference_interviews: 'reference questions',
    facility_use: 'use of rooms, computers and equipment',
    registrations: 'programme registrations',
    payment_info: 'payment details',
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
    open: 'open at the desk',
    with_director: 'with the director',
    awaiting_counsel: 'awaiting counsel\u2019s advice',
    awaiting_decision: 'awaiting the director\u2019s decision',
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
  role: { staff: 'staff', director: 'director', counsel: 'counsel', auditor: 'auditor', admin: 'administrator' } satisfies Record<Role, string>,
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
    refer_to_director: 'refer to the director',
    deny: 'refuse',
  } satisfies Record<Route, string>,
  severity: { violation: 'violation', warning: 'warning', info: 'for information' } as Readonly<Record<string, string>>,
} as const;

export type VocabularyGroup = keyof typeof VOCABULARY_LABELS;

/** The words for a code; a code the vocabulary gained since is shown with spaces for underscores. */
export function vocabularyLabel(group: VocabularyGroup, code: string): string {
  return (VOCABULARY_LABELS[group] as Readonly<Record<string, string>>)[code] ?? code.replace(/_/g, ' ');
}

import type {
  CaseStatus,
  Category,
  Channel,
  CounselAdvice,
  IdentificationKind,
  InstrumentType,
  Outcome,
  ReleaseDecision,
  ReleaseMethod,
  RequesterKind,
  Role,
  Route,
} from '@ledger/domain';

/** Plain words for the API's enum values, as a clerk, the director and counsel say them. */
export const LABELS = {
  requesterKind: {
    patron: 'The patron themself',
    family_or_friend: 'Family member or friend',
    debt_payer: 'Someone paying the patron’s fines or fees',
    parent_or_guardian: 'Parent or guardian',
    law_enforcement: 'Law enforcement',
    vendor: 'A library vendor',
    public_records: 'Public records (FOIA) request',
    other: 'Someone else',
  } satisfies Record<RequesterKind, string>,
  channel: { in_person: 'In person', phone: 'By phone', online: 'Online', mail: 'By mail', email: 'By email' } satisfies Record<Channel, string>,
  identification: {
    library_card: 'The library card itself',
    card_barcode: 'The card number, told to staff',
    caller_id_match: 'Calling from the phone number on record',
    photo_id: 'Photo ID',
    cosigner_photo_id: 'Photo ID of the adult who co-signed a minor’s card',
    account_login: 'Signed in to the patron’s account',
    officer_credentials: 'Officer’s credentials',
    vendor_credentials: 'Vendor’s system credentials',
  } satisfies Record<IdentificationKind, string> & Record<string, string>,
  category: {
    name: 'Name',
    address: 'Address',
    phone: 'Phone number',
    email: 'Email address',
    birth_date: 'Date of birth',
    card_number: 'Library card number',
    patron_id: 'Patron ID',
    account_status: 'Account status',
    checkouts: 'Items checked out now',
    holds: 'Holds',
    amount_owed: 'Fines and fees owed',
    circulation_history: 'Borrowing history',
    ill_records: 'Interlibrary loan records',
    search_records: 'Catalogue and internet searches',
    reference_interviews: 'Questions asked at the reference desk',
    facility_use: 'Use of rooms, computers and equipment',
    registrations: 'Programme registrations',
    payment_info: 'Payment details',
  } satisfies Record<Category, string>,
  instrument: {
    subpoena: 'Subpoena',
    search_warrant: 'Search warrant',
    court_order: 'Court order',
    national_security_letter: 'National security letter',
    administrative_request: 'Administrative request',
    other: 'Other instrument',
  } satisfies Record<InstrumentType, string>,
  status: {
    open: 'At the desk',
    with_director: 'With the Director',
    awaiting_counsel: 'Waiting for counsel',
    awaiting_decision: 'Waiting for the Director’s decision',
    decided: 'Decided, to be produced',
    closed: 'Closed',
  } satisfies Record<CaseStatus, string>,
  outcome: {
    released: 'Released',
    released_in_part: 'Released in part',
    refused: 'Refused',
    refused_no_instrument: 'Refused: no legal instrument',
  } satisfies Record<Outcome, string>,
  method: {
    in_person: 'In person',
    phone: 'By phone',
    mail: 'By mail',
    email: 'By email',
    online: 'Online',
    electronic_transfer: 'Electronic transfer',
  } satisfies Record<ReleaseMethod, string>,
  role: { staff: 'Circulation staff', director: 'Director', counsel: 'Counsel', auditor: 'Auditor', admin: 'Administrator' } satisfies Record<Role, string>,
  advice: {
    comply: 'Comply',
    comply_in_part: 'Comply in part',
    object: 'Object',
    move_to_quash: 'Move to quash',
    decline: 'Decline',
  } satisfies Record<CounselAdvice, string>,
  decision: { release: 'Release', release_in_part: 'Release in part', deny: 'Deny' } satisfies Record<ReleaseDecision, string>,
  route: {
    staff_may_release: 'Staff may release the categories below',
    refer_to_director: 'Refer to the Director',
    deny: 'Refuse the request',
  } satisfies Record<Route, string>,
  severity: { violation: 'Violation', warning: 'Warning', info: 'For information' } as Record<string, string>,
} as const;

/** The label of a value, or the value itself when the vocabulary has grown since. */
export function label(group: keyof typeof LABELS, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return (LABELS[group] as Record<string, string>)[value] ?? value;
}

/** `2026-03-01T14:05:00.000Z` → `1 Mar 2026, 14:05 UTC`: one unambiguous form everywhere. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()];
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`;
}

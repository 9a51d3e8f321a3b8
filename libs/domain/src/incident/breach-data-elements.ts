/**
 * The data elements an incident records: `name` is "first name or first initial and last name"; the
 * next nine are the identifiers breach statutes list with a name; `online_credentials` a user name or
 * e-mail address with a password or security question and answer; `other` anything else (a borrowing
 * history, an address, a card number of the library's own).
 */
export const BREACH_DATA_ELEMENTS = [
  'name',
  'social_security_number',
  'taxpayer_id',
  'irs_identity_pin',
  'government_id',
  'payment_card_number',
  'financial_account_with_access_code',
  'medical_information',
  'health_insurance_id',
  'biometric_data',
  'online_credentials',
  'other',
] as const;
export type BreachDataElement = (typeof BREACH_DATA_ELEMENTS)[number];

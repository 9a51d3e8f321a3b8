import type { BreachDataElement } from '../../incident/breach-notice-law.js';

/**
 * CGS § 36a-701b(a)(2): "personal information" is a person's first name or first initial and last name
 * with any of (i) a Social Security number, (ii) a taxpayer identification number, (iii) an IRS identity
 * protection PIN, (iv) a driver's licence, state identity card, passport, military or other government
 * identification number, (v) a credit or debit card number, (vi) a financial account number with its
 * access code, (vii) medical information, (viii) a health insurance identifier, (ix) biometric data;
 * or (B) a user name or e-mail address with the password or security answer to an online account.
 */
const WITH_A_NAME: readonly BreachDataElement[] = [
  'social_security_number',
  'taxpayer_id',
  'irs_identity_pin',
  'government_id',
  'payment_card_number',
  'financial_account_with_access_code',
  'medical_information',
  'health_insurance_id',
  'biometric_data',
];

/** The statute reaches a breach of personal information: a name with one of (i)–(ix), or online credentials. */
export function reachesPersonalInformation(elements: readonly BreachDataElement[]): boolean {
  return (elements.includes('name') && elements.some((element) => WITH_A_NAME.includes(element))) || elements.includes('online_credentials');
}

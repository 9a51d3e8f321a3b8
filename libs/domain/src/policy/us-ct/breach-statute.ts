import { BREACH_DATA_ELEMENTS, type BreachDataElement } from '../../incident/breach-data-elements.js';

/**
 * CGS § 36a-701b(a)(2): "personal information" is a person's first name or first initial and last name
 * with any of (i) a Social Security number, (ii) a taxpayer identification number, (iii) an IRS identity
 * protection PIN, (iv) a driver's licence, state identity card, passport, military or other government
 * identification number, (v) a credit or debit card number, (vi) a financial account number with its
 * access code, (vii) medical information, (viii) a health insurance identifier, (ix) biometric data;
 * or (B) a user name or e-mail address with the password or security answer to an online account.
 */
const WITH_A_NAME: readonly BreachDataElement[] = BREACH_DATA_ELEMENTS.filter((element) => !['name', 'online_credentials', 'other'].includes(element));

/** The statute reaches a breach of personal information: a name with one of (i)–(ix), or online credentials. */
export function reachesPersonalInformation(elements: readonly BreachDataElement[]): boolean {
  return (elements.includes('name') && elements.some((element) => WITH_A_NAME.includes(element))) || elements.includes('online_credentials');
}

import type { DomainEvent } from '../shared/decider.js';
import type { Category } from '../vocabulary.js';

/**
 * Events of the `patron-<blindIndex>` stream. They name the patron only by blind index and
 * pseudonym: the clear reference never enters an event.
 */
interface PatronEventBase {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly occurredAt: string;
  readonly by: string;
}

export type LibraryCardReportedLost = DomainEvent<'LibraryCardReportedLost', PatronEventBase>;
export type LibraryCardReplaced = DomainEvent<'LibraryCardReplaced', PatronEventBase>;

/** How the person who signed was identified: a photo id shown in person, or their card with a signature on file to compare. */
export const CONSENT_IDENTIFICATIONS = ['photo_id', 'card_with_signature_on_file'] as const;
export type ConsentIdentification = (typeof CONSENT_IDENTIFICATIONS)[number];

export type WrittenConsentGiven = DomainEvent<
  'WrittenConsentGiven',
  PatronEventBase & {
    readonly consentId: string;
    /** The person the patron names, as written on the consent form. */
    readonly grantee: string;
    readonly categories: readonly Category[];
    readonly expiresAt?: string;
    /** SHA-256 of the signed form: required since CONSENT-PROOF, absent on consents recorded before. */
    readonly documentSha256?: string;
    /** How the patron giving consent was identified (since CONSENT-PROOF). */
    readonly identification?: ConsentIdentification;
    /** The patron is a minor: a parent or guardian co-signed, identified so. */
    readonly minor?: true;
    readonly guardianIdentification?: ConsentIdentification;
  }
>;

export type WrittenConsentRevoked = DomainEvent<
  'WrittenConsentRevoked',
  PatronEventBase & { readonly consentId: string }
>;

/** On the identifier's own stream: it now names the patron whose stream is `patron-<ownerBlindIndex>`. */
export type PatronIdentifierClaimed = DomainEvent<
  'PatronIdentifierClaimed',
  PatronEventBase & { readonly ownerBlindIndex: string; readonly ownerPseudonym: string }
>;

/**
 * On the patron's stream: another identifier names this patron. `by` is the staff member who checked
 * the patron's identification and linked it; the identifier is kept only encrypted and blind-indexed.
 */
export type PatronIdentifierLinked = DomainEvent<
  'PatronIdentifierLinked',
  PatronEventBase & { readonly identifierBlindIndex: string; readonly identifierPseudonym: string; readonly encryptedIdentifier: string }
>;

export type PatronEvent =
  | LibraryCardReportedLost
  | LibraryCardReplaced
  | WrittenConsentGiven
  | WrittenConsentRevoked
  | PatronIdentifierClaimed
  | PatronIdentifierLinked;
export type PatronEventType = PatronEvent['type'];
export const PATRON_EVENT_TYPES = [
  'LibraryCardReportedLost',
  'LibraryCardReplaced',
  'WrittenConsentGiven',
  'WrittenConsentRevoked',
  'PatronIdentifierClaimed',
  'PatronIdentifierLinked',
] as const satisfies readonly PatronEventType[];

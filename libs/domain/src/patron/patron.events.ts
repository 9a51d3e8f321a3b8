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

export type WrittenConsentGiven = DomainEvent<
  'WrittenConsentGiven',
  PatronEventBase & {
    readonly consentId: string;
    /** The person the patron names, as written on the consent form. */
    readonly grantee: string;
    readonly categories: readonly Category[];
    readonly expiresAt?: string;
    readonly documentSha256?: string;
  }
>;

export type WrittenConsentRevoked = DomainEvent<
  'WrittenConsentRevoked',
  PatronEventBase & { readonly consentId: string }
>;

export type PatronEvent = LibraryCardReportedLost | LibraryCardReplaced | WrittenConsentGiven | WrittenConsentRevoked;
export type PatronEventType = PatronEvent['type'];
export const PATRON_EVENT_TYPES = [
  'LibraryCardReportedLost',
  'LibraryCardReplaced',
  'WrittenConsentGiven',
  'WrittenConsentRevoked',
] as const satisfies readonly PatronEventType[];

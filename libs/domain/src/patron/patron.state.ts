import { assertNever } from '../shared/decider.js';
import type { Category } from '../vocabulary.js';
import type { PatronEvent } from './patron.events.js';

export interface WrittenConsentRecord {
  readonly consentId: string;
  readonly grantee: string;
  readonly categories: readonly Category[];
  readonly givenAt: string;
  readonly expiresAt?: string;
  readonly documentSha256?: string;
  readonly revokedAt?: string;
}

/** Another identifier of the patron (card number, ILS patron id), as linked on the patron's stream. */
export interface LinkedIdentifier {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly encryptedIdentifier: string;
  readonly linkedAt: string;
  readonly by: string;
}

/**
 * One stream per identifier (`patron-<blindIndex>`). An identifier nobody linked is its own patron;
 * one linked to another patron says so (`ownedBy`), and that patron's stream lists its identifiers.
 * Lost and replaced cards are per identifier: they stay on the identifier's own stream.
 */
export interface PatronState {
  /**
   * This identifier is not accepted as a card: reported lost or stolen, and stays so once replaced
   * (the replacement is a new card number, linked as another identifier).
   */
  readonly cardReportedLost: boolean;
  readonly cardReportedLostAt?: string;
  readonly cardReplacedAt?: string;
  readonly consents: readonly WrittenConsentRecord[];
  /** The patron this identifier names, when it was linked to another patron's identity. */
  readonly ownedBy?: { readonly blindIndex: string; readonly pseudonym: string };
  /** The other identifiers linked to this patron. */
  readonly identifiers: readonly LinkedIdentifier[];
}

/** What a disclosure evaluation needs to know about the patron: the card presented, and consents under any identifier. */
export type PatronStanding = Pick<PatronState, 'cardReportedLost' | 'consents'>;

export const initialPatronState: PatronState = { cardReportedLost: false, consents: [], identifiers: [] };

export function evolvePatron(state: PatronState, event: PatronEvent): PatronState {
  switch (event.type) {
    case 'LibraryCardReportedLost':
      return { ...state, cardReportedLost: true, cardReportedLostAt: event.data.occurredAt };
    case 'LibraryCardReplaced':
      // Events of the first readings made the card good again here; a replaced card stays dead now (the new card is another identifier).
      return { ...state, cardReportedLost: true, cardReplacedAt: event.data.occurredAt };
    case 'PatronIdentifierClaimed':
      return { ...state, ownedBy: { blindIndex: event.data.ownerBlindIndex, pseudonym: event.data.ownerPseudonym } };
    case 'PatronIdentifierLinked': {
      const { identifierBlindIndex, identifierPseudonym, encryptedIdentifier, occurredAt, by } = event.data;
      if (state.identifiers.some((linked) => linked.blindIndex === identifierBlindIndex)) return state;
      return { ...state, identifiers: [...state.identifiers, { blindIndex: identifierBlindIndex, pseudonym: identifierPseudonym, encryptedIdentifier, linkedAt: occurredAt, by }] };
    }
    case 'WrittenConsentGiven': {
      const { consentId, grantee, categories, expiresAt, documentSha256, occurredAt } = event.data;
      const consent: WrittenConsentRecord = {
        consentId,
        grantee,
        categories,
        givenAt: occurredAt,
        ...(expiresAt !== undefined && { expiresAt }),
        ...(documentSha256 !== undefined && { documentSha256 }),
      };
      return { ...state, consents: [...state.consents, consent] };
    }
    case 'WrittenConsentRevoked':
      return {
        ...state,
        consents: state.consents.map((consent) =>
          consent.consentId === event.data.consentId ? { ...consent, revokedAt: event.data.occurredAt } : consent,
        ),
      };
    default:
      return assertNever(event, 'patron event');
  }
}

/**
 * A consent speaks for the patron from when it was given until it expires (exclusive). A recorded
 * revocation ends it for every later decision, even one about a request back-dated to before the
 * revocation: the patron has withdrawn permission, and records are released now, not then.
 */
export function isConsentActive(consent: WrittenConsentRecord, atIso: string): boolean {
  if (consent.revokedAt !== undefined) return false;
  const at = Date.parse(atIso);
  if (at < Date.parse(consent.givenAt)) return false;
  return consent.expiresAt === undefined || at < Date.parse(consent.expiresAt);
}

export function activeConsents(patron: PatronStanding, atIso: string): WrittenConsentRecord[] {
  return patron.consents.filter((consent) => isConsentActive(consent, atIso));
}

/**
 * Grantee names are compared after Unicode normalisation (NFKC), trimming, collapsing inner
 * whitespace and case-folding: staff type names by hand, and "Ann  Lee" is the person the form names
 * "ann lee". Anything looser (initials, nicknames) would let the wrong person in.
 */
export function normalizePersonName(name: string): string {
  // The default case mapping, which is en-US's (only Lithuanian, Turkish and Azeri have rules of their own):
  // toLocaleLowerCase('en-US') gives the same text but looks the locale up on every call, 5× slower on a case's opening.
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function consentsNaming(patron: PatronStanding, requesterName: string, atIso: string): WrittenConsentRecord[] {
  const wanted = normalizePersonName(requesterName);
  if (wanted === '') return [];
  return activeConsents(patron, atIso).filter((consent) => normalizePersonName(consent.grantee) === wanted);
}

/**
 * The standing of a patron named by one of its identifiers: whether that identifier's card is accepted
 * (lost and replaced cards are per identifier), and the written consents given under any identifier
 * of the patron (`streams`: the patron's own stream and each linked identifier's, in any order).
 */
export function standingThrough(presented: PatronState, streams: readonly PatronState[]): PatronStanding {
  const consents = new Map<string, WrittenConsentRecord>();
  for (const stream of streams) for (const consent of stream.consents) if (!consents.has(consent.consentId)) consents.set(consent.consentId, consent);
  return { cardReportedLost: presented.cardReportedLost, consents: [...consents.values()] };
}

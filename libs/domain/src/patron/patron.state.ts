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

export interface PatronState {
  /** Lost or stolen and not replaced since. */
  readonly cardReportedLost: boolean;
  readonly cardReportedLostAt?: string;
  readonly consents: readonly WrittenConsentRecord[];
}

/** What a disclosure evaluation needs to know about the patron, loaded from the patron's stream. */
export type PatronStanding = Pick<PatronState, 'cardReportedLost' | 'consents'>;

export const initialPatronState: PatronState = { cardReportedLost: false, consents: [] };

export function evolvePatron(state: PatronState, event: PatronEvent): PatronState {
  switch (event.type) {
    case 'LibraryCardReportedLost':
      return { ...state, cardReportedLost: true, cardReportedLostAt: event.data.occurredAt };
    case 'LibraryCardReplaced': {
      const { cardReportedLostAt: _dropped, ...rest } = state;
      return { ...rest, cardReportedLost: false };
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
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en-US');
}

export function consentsNaming(patron: PatronStanding, requesterName: string, atIso: string): WrittenConsentRecord[] {
  const wanted = normalizePersonName(requesterName);
  if (wanted === '') return [];
  return activeConsents(patron, atIso).filter((consent) => normalizePersonName(consent.grantee) === wanted);
}

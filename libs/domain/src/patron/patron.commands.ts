import type { Actor } from '../policy/actor.js';
import type { Category } from '../vocabulary.js';
import type { ConsentIdentification } from './patron.events.js';

/** The patron as the domain sees it: already protected by the ledger (never the clear reference). */
export interface PatronKey {
  readonly blindIndex: string;
  readonly pseudonym: string;
}

interface PatronCommandBase {
  readonly patron: PatronKey;
  readonly actor: Actor;
  /** When it happened (ISO). */
  readonly occurredAt: string;
  /** The server's now when the command arrived (ISO). */
  readonly recordedAt: string;
}

export interface ReportCardLost extends PatronCommandBase {
  readonly type: 'ReportCardLost';
}

export interface ReportCardReplaced extends PatronCommandBase {
  readonly type: 'ReportCardReplaced';
}

export interface GiveWrittenConsent extends PatronCommandBase {
  readonly type: 'GiveWrittenConsent';
  readonly consentId: string;
  readonly grantee: string;
  readonly categories: readonly Category[];
  readonly expiresAt?: string;
  readonly documentSha256?: string;
  readonly identification?: ConsentIdentification;
  /** The patron giving consent is a minor … */
  readonly minor?: boolean;
  /** … and a parent or guardian co-signed the form, identified so. */
  readonly guardianIdentification?: ConsentIdentification;
}

export interface RevokeWrittenConsent extends PatronCommandBase {
  readonly type: 'RevokeWrittenConsent';
  readonly consentId: string;
}

/**
 * On the stream of the identifier being linked (`patron` names that identifier): from now on it names
 * the patron `owner`. The owner's own stream records the link too (`LinkPatronIdentifier`).
 */
export interface ClaimPatronIdentifier extends PatronCommandBase {
  readonly type: 'ClaimPatronIdentifier';
  readonly owner: PatronKey;
}

/** On the patron's stream: another identifier (a card number, the ILS patron id) names this patron. */
export interface LinkPatronIdentifier extends PatronCommandBase {
  readonly type: 'LinkPatronIdentifier';
  /** The identifier, blind-indexed and encrypted by the ledger (never the clear reference). */
  readonly identifier: PatronKey & { readonly encryptedRef: string };
}

export type PatronCommand = ReportCardLost | ReportCardReplaced | GiveWrittenConsent | RevokeWrittenConsent | ClaimPatronIdentifier | LinkPatronIdentifier;

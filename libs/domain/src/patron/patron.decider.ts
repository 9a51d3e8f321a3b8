import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import { assertCategoryList, inVocabularyOrder } from '../support/category-sets.js';
import { assertText, definedOnly } from '../support/command-checks.js';
import { NAME_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import { forbiddenBy, violationOf } from '../policy/rules.js';
import type { PatronCommand } from './patron.commands.js';
import { CONSENT_IDENTIFICATIONS, type PatronEvent } from './patron.events.js';
import { evolvePatron, initialPatronState, type PatronState } from './patron.state.js';

const PATRON_DESK_ROLES: readonly Role[] = ['staff', 'director'];

export function decidePatron(command: PatronCommand, state: PatronState): PatronEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  assertText(command.patron?.blindIndex, 'patron.blindIndex', 512);
  assertText(command.patron.pseudonym, 'patron.pseudonym', 512);
  if (!PATRON_DESK_ROLES.includes(command.actor.role)) throw forbiddenBy('ROLE-NOT-PERMITTED', `role ${command.actor.role}`);
  const base = {
    blindIndex: command.patron.blindIndex,
    pseudonym: command.patron.pseudonym,
    occurredAt: command.occurredAt,
    by: command.actor.userId,
  };
  switch (command.type) {
    case 'ReportCardLost':
      // A second report is still worth recording: it says when the patron alerted the library again.
      return [{ type: 'LibraryCardReportedLost', data: base }];
    case 'ReportCardReplaced':
      if (!state.cardReportedLost) throw new CaseStateConflict('No lost card is on record for this patron');
      if (state.cardReplacedAt !== undefined) throw new CaseStateConflict('This card was already replaced');
      return [{ type: 'LibraryCardReplaced', data: base }];
    case 'ClaimPatronIdentifier': {
      assertText(command.owner?.blindIndex, 'owner.blindIndex', 512);
      assertText(command.owner.pseudonym, 'owner.pseudonym', 512);
      // Linking a patron's identifier to that same patron, again or to itself, changes nothing.
      if (command.owner.blindIndex === command.patron.blindIndex || state.ownedBy?.blindIndex === command.owner.blindIndex) return [];
      if (state.ownedBy !== undefined || state.identifiers.length > 0) throw new CaseStateConflict('This identifier already belongs to another patron; nothing was linked');
      return [{ type: 'PatronIdentifierClaimed', data: { ...base, ownerBlindIndex: command.owner.blindIndex, ownerPseudonym: command.owner.pseudonym } }];
    }
    case 'LinkPatronIdentifier': {
      const { identifier } = command;
      assertText(identifier?.blindIndex, 'identifier.blindIndex', 512);
      assertText(identifier.pseudonym, 'identifier.pseudonym', 512);
      assertText(identifier.encryptedRef, 'identifier.encryptedRef', 1024);
      if (identifier.blindIndex === command.patron.blindIndex || state.identifiers.some((linked) => linked.blindIndex === identifier.blindIndex)) return [];
      // The ledger links to a patron's own identity, never to one of its identifiers (that would chain patrons).
      if (state.ownedBy !== undefined) throw new CaseStateConflict('This identifier names another patron: link to that patron');
      return [
        {
          type: 'PatronIdentifierLinked',
          data: { ...base, identifierBlindIndex: identifier.blindIndex, identifierPseudonym: identifier.pseudonym, encryptedIdentifier: identifier.encryptedRef },
        },
      ];
    }
    case 'GiveWrittenConsent': {
      assertText(command.consentId, 'consentId');
      assertText(command.grantee, 'grantee', NAME_MAX);
      assertCategoryList(command.categories, 'categories');
      assertConsentProof(command, state);
      if (command.expiresAt !== undefined && instantOf(command.expiresAt, 'expiresAt') <= Date.parse(command.occurredAt)) {
        throw new InvalidCommand('expiresAt must be after the consent was given', 'expiresAt');
      }
      if (state.consents.some((consent) => consent.consentId === command.consentId)) {
        throw new CaseStateConflict(`Consent ${command.consentId} already exists`);
      }
      return [
        {
          type: 'WrittenConsentGiven',
          data: definedOnly({
            ...base,
            consentId: command.consentId,
            grantee: command.grantee.trim(),
            categories: inVocabularyOrder(command.categories),
            expiresAt: command.expiresAt,
            documentSha256: command.documentSha256,
            identification: command.identification,
            minor: command.minor === true ? true : undefined,
            guardianIdentification: command.minor === true ? command.guardianIdentification : undefined,
          }),
        },
      ];
    }
    case 'RevokeWrittenConsent': {
      assertText(command.consentId, 'consentId');
      const consent = state.consents.find((candidate) => candidate.consentId === command.consentId);
      if (consent === undefined) throw new NotFound('No such consent');
      if (consent.revokedAt !== undefined) throw new CaseStateConflict(`Consent ${command.consentId} is already revoked`);
      return [{ type: 'WrittenConsentRevoked', data: { ...base, consentId: command.consentId } }];
    }
    default:
      return assertNever(command, 'patron command');
  }
}

/**
 * CONSENT-PROOF: the consent opens the statute's written-permission door, so it carries its proof —
 * the signed form's hash, the patron identified (a photo id in person, or the card with a signature on
 * file, which proves nothing once reported lost), and for a minor a parent or guardian's co-signature.
 */
function assertConsentProof(command: Extract<PatronCommand, { type: 'GiveWrittenConsent' }>, state: PatronState): void {
  if (command.documentSha256 === undefined) throw violationOf('CONSENT-PROOF', 'no documentSha256 of the signed form');
  if (!/^[0-9a-f]{64}$/.test(command.documentSha256)) throw new InvalidCommand('documentSha256 must be 64 lower-case hex digits', 'documentSha256');
  if (command.identification === undefined) throw violationOf('CONSENT-PROOF', 'the patron giving consent was not identified');
  if (!CONSENT_IDENTIFICATIONS.includes(command.identification)) throw new InvalidCommand(`identification must be one of ${CONSENT_IDENTIFICATIONS.join(', ')}`, 'identification');
  if (command.identification === 'card_with_signature_on_file' && state.cardReportedLost) {
    throw violationOf('CONSENT-PROOF', 'the card is reported lost: identify the patron by a photo id');
  }
  if (command.minor === true && command.guardianIdentification === undefined) throw violationOf('CONSENT-PROOF', 'a minor\u2019s consent needs a parent or guardian\u2019s co-signature');
  if (command.guardianIdentification !== undefined && !CONSENT_IDENTIFICATIONS.includes(command.guardianIdentification)) {
    throw new InvalidCommand(`guardianIdentification must be one of ${CONSENT_IDENTIFICATIONS.join(', ')}`, 'guardianIdentification');
  }
}

export const patronDecider: Decider<PatronCommand, PatronState, PatronEvent> = {
  initialState: initialPatronState,
  evolve: evolvePatron,
  decide: (command, state) => decidePatron(command, state),
};

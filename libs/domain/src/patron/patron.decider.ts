import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import { assertCategoryList, inVocabularyOrder } from '../support/category-sets.js';
import { assertOptionalText, assertText, definedOnly } from '../support/command-checks.js';
import { NAME_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import { forbiddenBy } from '../policy/rules.js';
import type { PatronCommand } from './patron.commands.js';
import type { PatronEvent } from './patron.events.js';
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
      return [{ type: 'LibraryCardReplaced', data: base }];
    case 'GiveWrittenConsent': {
      assertText(command.consentId, 'consentId');
      assertText(command.grantee, 'grantee', NAME_MAX);
      assertCategoryList(command.categories, 'categories');
      assertOptionalText(command.documentSha256, 'documentSha256', 128);
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

export const patronDecider: Decider<PatronCommand, PatronState, PatronEvent> = {
  initialState: initialPatronState,
  evolve: evolvePatron,
  decide: (command, state) => decidePatron(command, state),
};

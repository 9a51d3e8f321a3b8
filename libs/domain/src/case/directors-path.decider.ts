import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import { ADVICE_AGAINST_RELEASE, COURT_ISSUED_INSTRUMENTS, type Category, type InstrumentType } from '../vocabulary.js';
import { intersect, inVocabularyOrder, isSubset, union, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { consentsNaming } from '../patron/patron.state.js';
import { forbiddenBy, violationOf } from '../policy/rule-pack.js';
import type { DecideRelease, ExplainPolicy, GrantNeedToKnow, RecordCounselAdvice, RecordProduction, ReferToCounsel } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import { instrumentScopeOf, producibleCategoriesOf, releasableCategoriesOf, type ExistingCase } from './case.state.js';
import { base, closing, requireCounselOnInstrument, requireDirectorPowers, requireNotClosed, requireStatus } from './case-checks.js';
import {
  parseDecideRelease,
  parseExplainPolicy,
  parseGrantNeedToKnow,
  parseRecordCounselAdvice,
  parseRecordProduction,
  parseReferToCounsel,
} from './case-command.parsers.js';

// The director's path (Disclosure to Law Enforcement, steps 3 and 4): explain the policy, refer to
// counsel, counsel's advice, the release decision and the production; and need-to-know on a case.

export function explainPolicy(command: ExplainPolicy, state: ExistingCase): CaseEvent[] {
  parseExplainPolicy(command);
  requireDirectorPowers(command.actor);
  requireNotClosed(state, 'explain the policy');
  if (state.instruments.length > 0) {
    throw new CaseStateConflict('A legal instrument is on record: it goes to counsel, not back to the requester');
  }
  return [
    { type: 'PolicyExplained', data: definedOnly({ ...base(command), note: command.note }) },
    closing(command, state, [], 'refused_no_instrument'),
  ];
}

export function referToCounsel(command: ReferToCounsel, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseReferToCounsel(command);
  requireDirectorPowers(command.actor);
  requireNotClosed(state, 'refer the case to counsel');
  if (context.counsel === undefined) throw new Error('ReferToCounsel needs the counsel user in its context');
  if (context.counsel === null || context.counsel.userId !== command.counselUserId) {
    throw new NotFound('No such user');
  }
  if (context.counsel.role !== 'counsel') {
    throw new InvalidCommand('counselUserId must name a user with the counsel role', 'counselUserId');
  }
  return [
    {
      type: 'ReferredToCounsel',
      data: definedOnly({ ...base(command), counselUserId: command.counselUserId, note: command.note }),
    },
  ];
}

export function recordCounselAdvice(command: RecordCounselAdvice, state: ExistingCase): CaseEvent[] {
  const { adviseAgainst } = parseRecordCounselAdvice(command);
  const { actor } = command;
  if (actor.role !== 'counsel' || state.counselUserId === undefined || actor.userId !== state.counselUserId) {
    throw forbiddenBy('LE-DIRECTOR-ONLY', 'only the counsel this case was referred to may advise');
  }
  requireStatus(state, ['awaiting_counsel', 'awaiting_decision'], 'record counsel advice');

  const instrumentScope = instrumentScopeOf(state);
  const permitsCategories = adviseAgainst
    ? []
    : intersect(instrumentScope, command.scope?.categories ?? instrumentScope);
  return [
    {
      type: 'CounselAdviceRecorded',
      data: definedOnly({
        ...base(command),
        counselUserId: actor.userId,
        advice: command.advice,
        scope: command.scope && { categories: inVocabularyOrder(command.scope.categories) },
        notes: command.notes,
        filedAt: command.filedAt,
        permitsCategories,
      }),
    },
  ];
}

export function decideRelease(command: DecideRelease, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseDecideRelease(command);
  requireDirectorPowers(command.actor);
  requireNotClosed(state, 'decide on a release');
  const decided = (categories: readonly Category[]): CaseEvent => ({
    type: 'ReleaseDecided',
    data: {
      ...base(command),
      decision: command.decision,
      categories,
      rationale: command.rationale,
      decidedBy: command.actor.userId,
    },
  });
  if (command.decision === 'deny') {
    requireCounselOnInstrument(state);
    return [decided([]), closing(command, state, [], 'refused')];
  }

  const releasable = releasableCategoriesOf(state);
  const categories = inVocabularyOrder(command.categories ?? releasable);
  requireLegalBasis(state, command.categories ?? (state.advice === undefined ? instrumentScopeOf(state) : releasable), command.occurredAt, context);
  if (state.advice === undefined) throw violationOf('LE-COUNSEL-FIRST');
  if ((ADVICE_AGAINST_RELEASE as readonly string[]).includes(state.advice.advice)) {
    throw violationOf('LE-ADVICE-AGAINST', `counsel advised ${state.advice.advice}`);
  }
  const outside = without(categories, releasable);
  if (categories.length === 0) throw violationOf('LE-SCOPE', 'nothing lies inside the instrument and the advice');
  if (outside.length > 0) throw violationOf('LE-SCOPE', `outside instrument ∩ advice: ${outside.join(', ')}`);
  return [decided(categories)];
}

export function recordProduction(command: RecordProduction, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  const { recordsFrom, recordsTo } = parseRecordProduction(command);
  requireDirectorPowers(command.actor);
  requireStatus(state, ['decided'], 'record a production (decide on the release first)');
  const consentIds = requireLegalBasis(state, command.categories, command.occurredAt, context);
  const outside = without(command.categories, producibleCategoriesOf(state));
  if (outside.length > 0) {
    throw violationOf('LE-SCOPE', `outside instrument ∩ advice ∩ decision: ${outside.join(', ')}`);
  }
  requirePeriodInsideInstruments(state, recordsFrom, recordsTo);
  const categories = inVocabularyOrder(command.categories);
  return [
    {
      type: 'RecordsProduced',
      data: definedOnly({
        ...base(command),
        categories,
        recipient: command.recipient,
        method: command.method,
        inventory: command.inventory,
        instrumentIds: state.instruments.map((instrument) => instrument.instrumentId),
        instrumentTypes: state.instruments.map((instrument) => instrument.type),
        recordsFrom: command.recordsFrom,
        recordsTo: command.recordsTo,
        ...(consentIds.length > 0 && { consentIds }),
      }),
    },
    closing(command, state, categories, 'refused'),
  ];
}

export function grantNeedToKnow(command: GrantNeedToKnow, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseGrantNeedToKnow(command);
  if (command.actor.role !== 'director') throw forbiddenBy('NEED-TO-KNOW-DIRECTOR');
  if (context.grantee === undefined) throw new Error('GrantNeedToKnow needs the grantee user in its context');
  if (context.grantee === null || context.grantee.userId !== command.userId) {
    throw new NotFound('No such user');
  }
  if (context.grantee.role === 'admin') throw violationOf('ADMIN-NO-CASE-DATA');
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt, state.receivedAt);
  return [{ type: 'NeedToKnowGranted', data: { ...base(command), userId: command.userId } }];
}

/**
 * The legal basis of a release decision or a production, most specific refusal first: an instrument
 * on record (LE-INSTRUMENT-REQUIRED); not a national security letter alone (LE-NSL-NOT-APPLICABLE);
 * then the statute's two doors, CGS § 11-25(b)(2): a court order or search warrant on the case, or the
 * patron's active written consent naming the requester and covering `categories`
 * (LE-STATUTE-COURT-ORDER). Returns the consents relied on (none when a court opened the door).
 */
function requireLegalBasis(state: ExistingCase, categories: readonly Category[], at: string, context: CaseDecisionContext): string[] {
  if (state.instruments.length === 0) throw violationOf('LE-INSTRUMENT-REQUIRED');
  const types = state.instruments.map((instrument) => instrument.type);
  if (types.every((type) => type === 'national_security_letter')) throw violationOf('LE-NSL-NOT-APPLICABLE');
  if (types.some((type) => (COURT_ISSUED_INSTRUMENTS as readonly InstrumentType[]).includes(type))) return [];
  if (context.patron === undefined) throw new Error(`${state.caseId}: the statute's written-permission door needs the patron standing in the context`);
  const patron = context.patron;
  const consents = state.requesterNames.flatMap((name) => consentsNaming(patron, name, at));
  const covering = consents.filter((consent) => isSubset(categories, consent.categories));
  if (covering.length === 0) {
    const named = [...new Set(types.map((type) => type.replace(/_/g, ' ')))].join(', ');
    throw violationOf(
      'LE-STATUTE-COURT-ORDER',
      consents.length === 0
        ? `only ${named} on record, and no written consent of the patron names the requester`
        : `only ${named} on record, and the patron's written consent does not cover ${without(categories, union(...consents.map((consent) => consent.categories))).join(', ')}`,
    );
  }
  return [...new Set(covering.map((consent) => consent.consentId))];
}

/** An instrument bounded by dates covers records of that period only (LE-SCOPE): the production says which period it hands over. */
function requirePeriodInsideInstruments(state: ExistingCase, recordsFrom: number | undefined, recordsTo: number | undefined): void {
  const dated = state.instruments.filter((instrument) => instrument.scopeFrom !== undefined || instrument.scopeTo !== undefined);
  if (dated.length === 0) return;
  if (recordsFrom === undefined || recordsTo === undefined) {
    throw violationOf('LE-SCOPE', 'an instrument on record limits its scope to a period: state recordsFrom and recordsTo');
  }
  const inside = state.instruments.some(
    (instrument) =>
      (instrument.scopeFrom === undefined || recordsFrom >= Date.parse(instrument.scopeFrom)) &&
      (instrument.scopeTo === undefined || recordsTo <= Date.parse(instrument.scopeTo)),
  );
  if (!inside) {
    const periods = dated.map((instrument) => `${instrument.scopeFrom ?? '…'} to ${instrument.scopeTo ?? '…'}`).join('; ');
    throw violationOf('LE-SCOPE', `the records' period lies outside the instrument's period (${periods})`);
  }
}

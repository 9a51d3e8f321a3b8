import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import {
  ADVICE_AGAINST_RELEASE,
  CHANNELS,
  COUNSEL_ADVICE,
  COURT_ISSUED_INSTRUMENTS,
  FAMILY_NEVER_CATEGORIES,
  IDENTIFICATION_KINDS,
  INSTRUMENT_TYPES,
  RELEASE_DECISIONS,
  RELEASE_METHODS,
  REQUESTER_KINDS,
  WELLNESS_CATEGORIES,
  type CaseStatus,
  type Category,
  type InstrumentType,
  type Role,
} from '../vocabulary.js';
import { assertCategoryList, inVocabularyOrder, intersect, isSubset, union, without } from '../support/category-sets.js';
import {
  assertBoolean,
  assertOneOf,
  assertOptionalText,
  assertText,
  definedOnly,
  NAME_MAX,
  TEXT_MAX,
} from '../support/command-checks.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import { hasDirectorPowers, type Actor } from '../policy/actor.js';
import { consentsNaming } from '../patron/patron.state.js';
import { evaluateRequest } from '../policy/evaluate-request.js';
import { forbiddenBy, violationOf } from '../policy/rule-pack.js';
import type {
  CaseCommand,
  DecideRelease,
  ExplainPolicy,
  GrantNeedToKnow,
  OpenCase,
  ProtectedPatronInput,
  RecordCounselAdvice,
  RecordLegalInstrument,
  RecordProduction,
  RecordRelease,
  RecordWarrantExecution,
  RecordWellnessCheck,
  ReferToCounsel,
  ReferToDirector,
  RefuseRequest,
} from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseClosed, CaseEvent, CaseEventBase, ProtectedPatron } from './case.events.js';
import {
  closingOutcome,
  evolveCase,
  initialCaseState,
  instrumentScopeOf,
  isLawEnforcementCase,
  producibleCategoriesOf,
  releasableCategoriesOf,
  type CaseState,
  type ExistingCase,
} from './case.state.js';

const FRONT_DESK_ROLES: readonly Role[] = ['staff', 'director'];
const MAX_IDENTIFICATIONS = 5;

export function decideCase(command: CaseCommand, state: CaseState, context: CaseDecisionContext = {}): CaseEvent[] {
  assertText(command.caseId, 'caseId', NAME_MAX);
  switch (command.type) {
    case 'OpenCase':
      return openCase(command, state, context);
    case 'RecordWellnessCheck':
      return recordWellnessCheck(command, state);
    case 'RecordRelease':
      return recordRelease(command, existingCase(state, command));
    case 'RefuseRequest':
      return refuseRequest(command, existingCase(state, command));
    case 'ReferToDirector':
      return referToDirector(command, existingCase(state, command));
    case 'RecordLegalInstrument':
      return recordLegalInstrument(command, existingCase(state, command));
    case 'ExplainPolicy':
      return explainPolicy(command, existingCase(state, command));
    case 'ReferToCounsel':
      return referToCounsel(command, existingCase(state, command), context);
    case 'RecordCounselAdvice':
      return recordCounselAdvice(command, existingCase(state, command));
    case 'DecideRelease':
      return decideRelease(command, existingCase(state, command), context);
    case 'RecordProduction':
      return recordProduction(command, existingCase(state, command), context);
    case 'RecordWarrantExecution':
      return recordWarrantExecution(command, existingCase(state, command));
    case 'GrantNeedToKnow':
      return grantNeedToKnow(command, existingCase(state, command), context);
    default:
      return assertNever(command, 'case command');
  }
}

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent, CaseDecisionContext> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};

// ---------------------------------------------------------------------------------------------
// Opening

function openCase(command: OpenCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  assertOpening(command, state);
  const { requester } = command;
  assertOneOf(requester?.kind, REQUESTER_KINDS, 'requester.kind');
  assertText(requester.name, 'requester.name');
  assertOptionalText(requester.agency, 'requester.agency', NAME_MAX);
  assertOptionalText(requester.badgeNumber, 'requester.badgeNumber', NAME_MAX);
  assertOneOf(command.channel, CHANNELS, 'channel');
  assertCategoryList(command.requestedCategories, 'requestedCategories');
  if (!Array.isArray(command.identification) || command.identification.length > MAX_IDENTIFICATIONS) {
    throw new InvalidCommand(`identification must be a list of at most ${MAX_IDENTIFICATIONS}`, 'identification');
  }
  for (const identification of command.identification) {
    assertOneOf(identification?.kind, IDENTIFICATION_KINDS, 'identification.kind');
    assertOptionalText(identification.detail, 'identification.detail', NAME_MAX);
  }
  assertOptionalText(command.purpose, 'purpose');
  const patron = protectedPatron(command.patron);
  if (context.patron === undefined) throw new Error('OpenCase needs the patron standing in its context');

  const evaluation = evaluateRequest(
    {
      requester,
      channel: command.channel,
      requestedCategories: command.requestedCategories,
      identification: command.identification,
      ...(command.purpose !== undefined && { purpose: command.purpose }),
      patronIsMinor: patron.isMinor,
      occurredAt: command.occurredAt,
    },
    context.patron,
    context.vendors,
  );
  return [
    {
      type: 'DisclosureRequested',
      data: definedOnly({
        ...base(command),
        requester: definedOnly({ ...requester }),
        channel: command.channel,
        patron,
        requestedCategories: inVocabularyOrder(command.requestedCategories),
        identification: command.identification.map((identification) => definedOnly({ ...identification })),
        purpose: command.purpose,
        evaluation,
        receivedAt: command.occurredAt,
        openedBy: command.actor.userId,
      }),
    },
  ];
}

function recordWellnessCheck(command: RecordWellnessCheck, state: CaseState): CaseEvent[] {
  assertOpening(command, state);
  if (command.immediateThreat !== undefined) assertBoolean(command.immediateThreat, 'immediateThreat');
  assertOptionalText(command.observed, 'observed', TEXT_MAX);
  // A 422, not a 400: a wellness check without an immediate threat is not malformed, it is not the library's call.
  if (command.immediateThreat !== true) throw violationOf('WELLNESS-IMMEDIATE-ONLY', 'immediateThreat must be true');
  if (command.observed === undefined || command.observed.trim() === '') {
    throw violationOf('WELLNESS-IMMEDIATE-ONLY', 'say what staff observed');
  }
  assertText(command.concern, 'concern', TEXT_MAX);
  assertText(command.agency, 'agency');
  assertOptionalText(command.officer, 'officer', NAME_MAX);
  assertCategoryList(command.categories, 'categories');
  const patron = protectedPatron(command.patron);
  const beyondWellness = without(command.categories, WELLNESS_CATEGORIES);
  if (beyondWellness.length > 0) throw violationOf('WELLNESS-SCOPE', `not ${beyondWellness.join(', ')}`);

  const categories = inVocabularyOrder(command.categories);
  return [
    {
      type: 'WellnessCheckRequested',
      data: definedOnly({
        ...base(command),
        patron,
        immediateThreat: true,
        observed: command.observed,
        concern: command.concern,
        agency: command.agency,
        officer: command.officer,
        requestedCategories: categories,
        receivedAt: command.occurredAt,
        openedBy: command.actor.userId,
      }),
    },
    {
      type: 'WellnessDisclosureMade',
      data: definedOnly({ ...base(command), categories, agency: command.agency, officer: command.officer }),
    },
    closed(command, 'released', categories),
  ];
}

function assertOpening(command: OpenCase | RecordWellnessCheck, state: CaseState): void {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  requireRole(command.actor, FRONT_DESK_ROLES);
  if (state.exists) throw new CaseStateConflict(`Case ${command.caseId} already exists`);
}

function protectedPatron(patron: ProtectedPatronInput | undefined): ProtectedPatron {
  if (patron === undefined || patron === null) throw new InvalidCommand('patron is required', 'patron');
  assertText(patron.blindIndex, 'patron.blindIndex', 512);
  assertText(patron.pseudonym, 'patron.pseudonym', 512);
  assertText(patron.encryptedRef, 'patron.encryptedRef', TEXT_MAX);
  if (patron.isMinor !== undefined) assertBoolean(patron.isMinor, 'patron.isMinor');
  return {
    blindIndex: patron.blindIndex,
    pseudonym: patron.pseudonym,
    encryptedRef: patron.encryptedRef,
    // Unknown counts as "not a minor": a guardian then gets nothing (MINOR-ONLY), which protects adults.
    isMinor: patron.isMinor === true,
  };
}

// ---------------------------------------------------------------------------------------------
// The front desk

function recordRelease(command: RecordRelease, state: ExistingCase): CaseEvent[] {
  assertCategoryList(command.categories, 'categories');
  assertOneOf(command.method, RELEASE_METHODS, 'method');
  assertOptionalText(command.recipient, 'recipient', NAME_MAX);
  requireRole(command.actor, FRONT_DESK_ROLES);
  if (isLawEnforcementCase(state)) throw violationOf('LE-STAFF-NO-RELEASE');
  requireStatus(state, ['open', 'with_director'], 'record a release');

  if (state.requesterKind === 'family_or_friend') {
    const contact = intersect(command.categories, FAMILY_NEVER_CATEGORIES);
    if (contact.length > 0) throw violationOf('FAMILY-NO-CONTACT', `not ${contact.join(', ')}`);
  }
  if (state.route === 'deny') throw violationOf('RELEASE-SCOPE', 'this request was denied on evaluation');
  const outside = without(command.categories, state.permittedCategories);
  if (outside.length > 0) throw violationOf('RELEASE-SCOPE', `not permitted: ${outside.join(', ')}`);

  const categories = inVocabularyOrder(command.categories);
  return [
    {
      type: 'RecordsReleased',
      data: definedOnly({ ...base(command), categories, recipient: command.recipient, method: command.method }),
    },
    closing(command, state, categories, 'refused'),
  ];
}

function refuseRequest(command: RefuseRequest, state: ExistingCase): CaseEvent[] {
  assertText(command.reason, 'reason', TEXT_MAX);
  requireRole(command.actor, FRONT_DESK_ROLES);
  // Staff refer law-enforcement requests (step 2) rather than answer them; the director answers.
  if (isLawEnforcementCase(state) || state.instruments.length > 0) requireDirectorPowers(command.actor);
  requireNotClosed(state, 'refuse the request');
  requireCounselOnInstrument(state);
  return [
    { type: 'RequestRefused', data: { ...base(command), reason: command.reason } },
    closing(command, state, [], 'refused'),
  ];
}

function referToDirector(command: ReferToDirector, state: ExistingCase): CaseEvent[] {
  assertOptionalText(command.note, 'note');
  requireRole(command.actor, FRONT_DESK_ROLES);
  requireStatus(state, ['open'], 'refer the case to the director');
  return [{ type: 'ReferredToDirector', data: definedOnly({ ...base(command), note: command.note }) }];
}

// ---------------------------------------------------------------------------------------------
// The director's path (Disclosure to Law Enforcement, steps 3 and 4)

function recordLegalInstrument(command: RecordLegalInstrument, state: ExistingCase): CaseEvent[] {
  assertText(command.instrumentId, 'instrumentId');
  assertOneOf(command.instrumentType, INSTRUMENT_TYPES, 'instrumentType');
  assertText(command.issuedBy, 'issuedBy');
  assertOptionalText(command.court, 'court', NAME_MAX);
  assertOptionalText(command.docketNumber, 'docketNumber', NAME_MAX);
  instantOf(command.servedAt, 'servedAt');
  assertOptionalText(command.servedOn, 'servedOn', NAME_MAX);
  if (command.returnDate !== undefined) instantOf(command.returnDate, 'returnDate');
  if (command.scope === undefined || command.scope === null) throw new InvalidCommand('scope is required', 'scope');
  assertCategoryList(command.scope.categories, 'scope.categories');
  const { from, to } = command.scope;
  if (from !== undefined) instantOf(from, 'scope.from');
  if (to !== undefined) instantOf(to, 'scope.to');
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
    throw new InvalidCommand('scope.from must not be after scope.to', 'scope.from');
  }
  assertBoolean(command.nondisclosureOrder, 'nondisclosureOrder');
  assertOptionalText(command.documentSha256, 'documentSha256', 128);
  // The law does not wait for the Director: staff may record a search warrant served on them (the case
  // then goes to the Director, and a finding asks for the Director's review). Every other instrument is
  // the Director's to receive.
  const staffRecorded = !hasDirectorPowers(command.actor) && command.actor.role === 'staff' && command.instrumentType === 'search_warrant';
  if (!staffRecorded) requireDirectorPowers(command.actor);
  requireNotClosed(state, 'record a legal instrument');
  if (state.instruments.some((instrument) => instrument.instrumentId === command.instrumentId)) {
    throw new CaseStateConflict(`Instrument ${command.instrumentId} is already on record`);
  }
  return [
    {
      type: 'LegalInstrumentRecorded',
      data: definedOnly({
        ...base(command),
        instrumentId: command.instrumentId,
        type: command.instrumentType,
        issuedBy: command.issuedBy,
        court: command.court,
        docketNumber: command.docketNumber,
        servedAt: command.servedAt,
        servedOn: command.servedOn,
        returnDate: command.returnDate,
        scope: definedOnly({ categories: inVocabularyOrder(command.scope.categories), from, to }),
        nondisclosureOrder: command.nondisclosureOrder,
        documentSha256: command.documentSha256,
        ...(staffRecorded && { staffRecorded: true as const }),
      }),
    },
  ];
}

function explainPolicy(command: ExplainPolicy, state: ExistingCase): CaseEvent[] {
  assertOptionalText(command.note, 'note');
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

function referToCounsel(command: ReferToCounsel, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  assertText(command.counselUserId, 'counselUserId');
  assertOptionalText(command.note, 'note');
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

function recordCounselAdvice(command: RecordCounselAdvice, state: ExistingCase): CaseEvent[] {
  assertOneOf(command.advice, COUNSEL_ADVICE, 'advice');
  assertOptionalText(command.notes, 'notes');
  if (command.scope !== undefined) assertCategoryList(command.scope?.categories, 'scope.categories');
  const adviseAgainst = (ADVICE_AGAINST_RELEASE as readonly string[]).includes(command.advice);
  if (command.advice === 'comply_in_part' && command.scope === undefined) {
    throw new InvalidCommand('comply_in_part needs the scope counsel advises complying with', 'scope');
  }
  if (adviseAgainst && command.scope !== undefined) {
    throw new InvalidCommand(`${command.advice} advice permits nothing, so it takes no scope`, 'scope');
  }
  if (command.filedAt !== undefined) {
    if (command.advice !== 'object' && command.advice !== 'move_to_quash') {
      throw new InvalidCommand('filedAt is when an objection or a motion to quash was filed: only with object or move_to_quash', 'filedAt');
    }
    if (instantOf(command.filedAt, 'filedAt') > Date.parse(command.recordedAt)) {
      throw new InvalidCommand('filedAt may not be in the future', 'filedAt');
    }
  }
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

function decideRelease(command: DecideRelease, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  assertOneOf(command.decision, RELEASE_DECISIONS, 'decision');
  assertText(command.rationale, 'rationale', TEXT_MAX);
  if (command.categories !== undefined) assertCategoryList(command.categories, 'categories');
  if (command.decision === 'release_in_part' && command.categories === undefined) {
    throw new InvalidCommand('release_in_part needs the categories to release', 'categories');
  }
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

function recordProduction(command: RecordProduction, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  assertCategoryList(command.categories, 'categories');
  assertText(command.recipient, 'recipient');
  assertOneOf(command.method, RELEASE_METHODS, 'method');
  assertOptionalText(command.inventory, 'inventory');
  const recordsFrom = command.recordsFrom === undefined ? undefined : instantOf(command.recordsFrom, 'recordsFrom');
  const recordsTo = command.recordsTo === undefined ? undefined : instantOf(command.recordsTo, 'recordsTo');
  if (recordsFrom !== undefined && recordsTo !== undefined && recordsFrom > recordsTo) {
    throw new InvalidCommand('recordsFrom must not be after recordsTo', 'recordsFrom');
  }
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

function recordWarrantExecution(command: RecordWarrantExecution, state: ExistingCase): CaseEvent[] {
  assertCategoryList(command.categories, 'categories');
  assertText(command.inventory, 'inventory', TEXT_MAX);
  assertOptionalText(command.officers, 'officers', TEXT_MAX);
  assertBoolean(command.counselPresent, 'counselPresent');
  if (command.instrumentId !== undefined) assertText(command.instrumentId, 'instrumentId');
  // A warrant is executed on the spot by whoever is at the desk; staff record it, they release nothing.
  requireRole(command.actor, FRONT_DESK_ROLES);
  requireNotClosed(state, 'record a warrant execution');

  const warrants = state.instruments.filter(
    (instrument) =>
      instrument.type === 'search_warrant' &&
      (command.instrumentId === undefined || instrument.instrumentId === command.instrumentId),
  );
  if (warrants.length === 0) {
    throw violationOf(
      'LE-WARRANT-REQUIRED',
      command.instrumentId === undefined ? 'no search warrant on record' : `${command.instrumentId} is not a search warrant on record`,
    );
  }
  const covering = [...warrants].reverse().find((warrant) => isSubset(command.categories, warrant.scopeCategories));
  if (covering === undefined) {
    const outside = without(command.categories, union(...warrants.map((warrant) => warrant.scopeCategories)));
    throw violationOf(
      'LE-SCOPE',
      outside.length > 0 ? `outside the warrant: ${outside.join(', ')}` : 'no single warrant covers all of these',
    );
  }
  return [
    {
      type: 'WarrantExecuted',
      data: definedOnly({
        ...base(command),
        instrumentId: covering.instrumentId,
        categories: inVocabularyOrder(command.categories),
        officers: command.officers,
        inventory: command.inventory,
        counselPresent: command.counselPresent,
        ...(!hasDirectorPowers(command.actor) && { staffRecorded: true as const }),
      }),
    },
  ];
}

function grantNeedToKnow(command: GrantNeedToKnow, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  assertText(command.userId, 'userId');
  if (command.actor.role !== 'director') throw forbiddenBy('NEED-TO-KNOW-DIRECTOR');
  if (context.grantee === undefined) throw new Error('GrantNeedToKnow needs the grantee user in its context');
  if (context.grantee === null || context.grantee.userId !== command.userId) {
    throw new NotFound('No such user');
  }
  if (context.grantee.role === 'admin') throw violationOf('ADMIN-NO-CASE-DATA');
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt, state.receivedAt);
  return [{ type: 'NeedToKnowGranted', data: { ...base(command), userId: command.userId } }];
}

// ---------------------------------------------------------------------------------------------
// Shared checks

function existingCase(state: CaseState, command: CaseCommand): ExistingCase {
  if (!state.exists) throw new NotFound('No such case');
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt, state.receivedAt);
  return state;
}

function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw forbiddenBy('ROLE-NOT-PERMITTED', `role ${actor.role}`);
}

function requireDirectorPowers(actor: Actor): void {
  if (!hasDirectorPowers(actor)) {
    throw forbiddenBy('LE-DIRECTOR-ONLY', actor.role === 'staff' ? 'not an active designee' : `role ${actor.role}`);
  }
}

/** Policy ¶2: "consult with legal counsel … prior to any action being taken" on an instrument (step 4). */
function requireCounselOnInstrument(state: ExistingCase): void {
  if (state.instruments.length > 0 && state.advice === undefined) {
    throw violationOf('LE-COUNSEL-FIRST', 'a legal instrument is on the case and counsel has not advised on it');
  }
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

function requireNotClosed(state: ExistingCase, what: string): void {
  if (state.status === 'closed') throw new CaseStateConflict(`Cannot ${what}: the case is closed`);
}

function requireStatus(state: ExistingCase, allowed: readonly CaseStatus[], what: string): void {
  if (!allowed.includes(state.status)) {
    throw new CaseStateConflict(`Cannot ${what} while the case is ${state.status}`);
  }
}

function base(command: CaseCommand): CaseEventBase {
  return { caseId: command.caseId, occurredAt: command.occurredAt, by: command.actor.userId };
}

function closed(command: CaseCommand, outcome: CaseClosed['data']['outcome'], released: readonly Category[]): CaseClosed {
  return { type: 'CaseClosed', data: { ...base(command), outcome, releasedCategories: inVocabularyOrder(released) } };
}

/** The `CaseClosed` that accompanies a closing event; counts records already seized under a warrant. */
function closing(
  command: CaseCommand,
  state: ExistingCase,
  releasedNow: readonly Category[],
  refusal: 'refused' | 'refused_no_instrument',
): CaseClosed {
  const released = union(state.releasedCategories, releasedNow);
  return closed(command, closingOutcome(state.requestedCategories, released, refusal), released);
}

import { isStatisticsRequest } from '../policy/public-records-reply.js';
import { InvalidCommand } from '../shared/errors.js';
import { DIGEST_MAX, IDENTIFICATIONS_MAX, NAME_MAX, PATRON_KEY_MAX, PATRONS_MAX, TEXT_MAX } from '../shared/field-limits.js';
import {
  ADVICE_AGAINST_RELEASE,
  CHANNELS,
  IDENTIFICATION_KINDS,
  INSTRUMENT_TYPES,
  JURISDICTIONS,
  REQUESTER_KINDS,
  SUBJECT_KINDS,
} from '../vocabulary.js';
import { assertCategoryList } from '../support/category-sets.js';
import { assertBoolean, assertOneOf, assertOptionalText, assertText } from '../support/command-checks.js';
import { instantOf } from '../support/iso-time.js';
import type {
  AttachPatrons,
  CaseCommand,
  ChallengeNondisclosure,
  DecideRelease,
  EndNondisclosure,
  RecordPatronNotice,
  ExplainPolicy,
  ConfirmEarlierTime,
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
import type { ProtectedPatron, RequestSubject } from './case.events.js';
import { parseDeclaredFields } from './case-command.fields.js';
import { CASE_COMMAND_FIELDS } from './case.commands.js';

/*
 * One parser per case command: the command's shape (required fields, vocabularies, lengths, instants,
 * field combinations) checked apart from the policy, as an `InvalidCommand` (400) naming the field.
 * The HTTP DTOs check the same shape first, made from the same declaration (`case-command.fields.ts`)
 * where a command's fields are flat; these keep the domain safe from every other caller.
 * The deciders call them before any rule, so a malformed command never reaches one.
 */

export function parseCaseId(command: CaseCommand): void {
  assertText(command.caseId, 'caseId', NAME_MAX);
}

export function parseOpenCase(command: OpenCase): { readonly patron?: ProtectedPatron; readonly subject?: RequestSubject } {
  const { requester } = command;
  assertOneOf(requester?.kind, REQUESTER_KINDS, 'requester.kind');
  assertText(requester.name, 'requester.name', NAME_MAX);
  assertOptionalText(requester.agency, 'requester.agency', NAME_MAX);
  assertOptionalText(requester.badgeNumber, 'requester.badgeNumber', NAME_MAX);
  assertOneOf(command.channel, CHANNELS, 'channel');
  assertCategoryList(command.requestedCategories, 'requestedCategories');
  if (!Array.isArray(command.identification) || command.identification.length > IDENTIFICATIONS_MAX) {
    throw new InvalidCommand(`identification must be a list of at most ${IDENTIFICATIONS_MAX}`, 'identification');
  }
  // Array.isArray above widens a readonly list to any[]: the elements are read as the command declares them.
  for (const identification of command.identification as OpenCase['identification']) {
    assertOneOf(identification?.kind, IDENTIFICATION_KINDS, 'identification.kind');
    assertOptionalText(identification.detail, 'identification.detail', NAME_MAX);
  }
  assertOptionalText(command.purpose, 'purpose', TEXT_MAX);
  // A public-records request for the library's own statistics is about nobody's records.
  if (command.patron === undefined && command.subject === undefined && isStatisticsRequest({ requesterKind: requester.kind, requestedCategories: command.requestedCategories })) return {};
  if ((command.patron === undefined) === (command.subject === undefined)) {
    throw new InvalidCommand('name exactly one of patron (whose records) and subject (a resource or a transaction)', command.patron === undefined ? 'patron' : 'subject');
  }
  return command.subject === undefined ? { patron: parseProtectedPatron(command.patron) } : { subject: parseSubject(command.subject) };
}

function parseSubject(subject: RequestSubject): RequestSubject {
  assertOneOf(subject?.kind, SUBJECT_KINDS, 'subject.kind');
  assertText(subject.description, 'subject.description', NAME_MAX);
  const from = subject.from === undefined ? undefined : instantOf(subject.from, 'subject.from');
  const to = subject.to === undefined ? undefined : instantOf(subject.to, 'subject.to');
  if (from !== undefined && to !== undefined && from > to) throw new InvalidCommand('subject.from must not be after subject.to', 'subject.from');
  return { kind: subject.kind, description: subject.description, ...(subject.from !== undefined && { from: subject.from }), ...(subject.to !== undefined && { to: subject.to }) };
}

/** The patrons to attach: 1 to `PATRONS_MAX`, each protected. */
export function parseAttachPatrons(command: AttachPatrons): ProtectedPatron[] {
  if (!Array.isArray(command.patrons) || command.patrons.length === 0 || command.patrons.length > PATRONS_MAX) {
    throw new InvalidCommand(`patrons must be a list of 1 to ${PATRONS_MAX}`, 'patrons');
  }
  return command.patrons.map(parseProtectedPatron);
}

export function parseRecordWellnessCheck(command: RecordWellnessCheck): ProtectedPatron {
  if (command.immediateThreat !== undefined) assertBoolean(command.immediateThreat, 'immediateThreat');
  assertOptionalText(command.observed, 'observed', TEXT_MAX);
  assertText(command.concern, 'concern', TEXT_MAX);
  assertText(command.agency, 'agency', NAME_MAX);
  assertOptionalText(command.officer, 'officer', NAME_MAX);
  assertCategoryList(command.categories, 'categories');
  return parseProtectedPatron(command.patron);
}

function parseProtectedPatron(patron: ProtectedPatronInput | undefined): ProtectedPatron {
  if (patron === undefined || patron === null) throw new InvalidCommand('patron is required', 'patron');
  assertText(patron.blindIndex, 'patron.blindIndex', PATRON_KEY_MAX);
  assertText(patron.pseudonym, 'patron.pseudonym', PATRON_KEY_MAX);
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

export function parseRecordRelease(command: RecordRelease): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RecordRelease);
}

export function parseRefuseRequest(command: RefuseRequest): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RefuseRequest);
}

export function parseReferToDirector(command: ReferToDirector): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.ReferToDirector);
}

export function parseRecordLegalInstrument(command: RecordLegalInstrument): void {
  assertText(command.instrumentId, 'instrumentId', NAME_MAX);
  assertOneOf(command.instrumentType, INSTRUMENT_TYPES, 'instrumentType');
  assertText(command.issuedBy, 'issuedBy', NAME_MAX);
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
  assertOptionalText(command.documentSha256, 'documentSha256', DIGEST_MAX);
  if (command.jurisdiction !== undefined) assertOneOf(command.jurisdiction, JURISDICTIONS, 'jurisdiction');
}

export function parseRecordWarrantExecution(command: RecordWarrantExecution): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RecordWarrantExecution);
}

export function parseExplainPolicy(command: ExplainPolicy): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.ExplainPolicy);
}

export function parseReferToCounsel(command: ReferToCounsel): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.ReferToCounsel);
}

/** Whether the advice is against releasing anything (it then permits nothing and takes no scope). */
export function parseRecordCounselAdvice(command: RecordCounselAdvice): { readonly adviseAgainst: boolean } {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RecordCounselAdvice);
  const adviseAgainst = (ADVICE_AGAINST_RELEASE as readonly string[]).includes(command.advice);
  if (command.scope !== undefined) assertCategoryList(command.scope?.categories, 'scope.categories');
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
  return { adviseAgainst };
}

export function parseDecideRelease(command: DecideRelease): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.DecideRelease);
  if (command.decision === 'release_in_part' && command.categories === undefined) {
    throw new InvalidCommand('release_in_part needs the categories to release', 'categories');
  }
}

/** The period a production hands over, as instants (`undefined` where not stated). */
export function parseRecordProduction(command: RecordProduction): { readonly recordsFrom?: number; readonly recordsTo?: number } {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RecordProduction);
  const recordsFrom = command.recordsFrom === undefined ? undefined : instantOf(command.recordsFrom, 'recordsFrom');
  const recordsTo = command.recordsTo === undefined ? undefined : instantOf(command.recordsTo, 'recordsTo');
  if (recordsFrom !== undefined && recordsTo !== undefined && recordsFrom > recordsTo) {
    throw new InvalidCommand('recordsFrom must not be after recordsTo', 'recordsFrom');
  }
  return { recordsFrom, recordsTo };
}

export function parseConfirmEarlierTime(command: ConfirmEarlierTime): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.ConfirmEarlierTime);
}

export function parseGrantNeedToKnow(command: GrantNeedToKnow): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.GrantNeedToKnow);
}

export function parseEndNondisclosure(command: EndNondisclosure): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.EndNondisclosure);
}

export function parseChallengeNondisclosure(command: ChallengeNondisclosure): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.ChallengeNondisclosure);
}

export function parseRecordPatronNotice(command: RecordPatronNotice): void {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.RecordPatronNotice);
}

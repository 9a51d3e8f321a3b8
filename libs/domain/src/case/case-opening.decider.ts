import { CaseStateConflict, InvalidCommand } from '../shared/errors.js';
import { WELLNESS_CATEGORIES } from '../vocabulary.js';
import { inVocabularyOrder, without } from '../support/category-sets.js';
import { assertText, definedOnly } from '../support/command-checks.js';
import { TEXT_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { evaluateRequest, type RequestEvaluation } from '../policy/evaluate-request.js';
import { violationOf } from '../policy/rules.js';
import { isStatisticsRequest } from '../policy/public-records-reply.js';
import type { OpenCase, RecordWellnessCheck } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import { PROTECTED_REQUESTER_NAME, type CaseEvent, type ProtectedPatronWords } from './case.events.js';
import type { CaseState } from './case.state.js';
import { base, closed, FRONT_DESK_ROLES, requireRole } from './case-checks.js';
import { parseOpenCase, parseRecordWellnessCheck } from './case-command.parsers.js';

// Opening: a request at the desk, evaluated against the rule pack as it arrives; or a wellness check,
// opened, disclosed and closed at once.

export function openCase(command: OpenCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  assertOpening(command, state);
  const { patron, subject } = parseOpenCase(command);
  const { requester } = command;
  if (context.patron === undefined) throw new Error('OpenCase needs the patron standing in its context');

  const evaluated = evaluateRequest(
    {
      requester,
      channel: command.channel,
      requestedCategories: command.requestedCategories,
      identification: command.identification,
      ...(command.purpose !== undefined && { purpose: command.purpose }),
      patronIsMinor: patron?.isMinor ?? false,
      occurredAt: command.occurredAt,
    },
    context.patron,
    context.vendors,
    context.jurisdiction,
  );
  const evaluation = subject === undefined ? evaluated : aboutASubject(evaluated);
  const words = patronWords(command);
  return [
    {
      type: 'DisclosureRequested',
      data: definedOnly({
        ...base(command),
        requester: definedOnly({ ...requester, ...(words && { name: PROTECTED_REQUESTER_NAME }) }),
        channel: command.channel,
        patron,
        subject,
        requestedCategories: inVocabularyOrder(command.requestedCategories),
        identification: command.identification.map(({ kind, detail }) => definedOnly({ kind, detail: words ? undefined : detail })),
        purpose: command.purpose,
        protectedWords: words,
        evaluation,
        receivedAt: command.occurredAt,
        openedBy: command.actor.userId,
        // The reply's business days are the library's days where it was received, kept with it for every replay.
        timeZone: isStatisticsRequest({ requesterKind: requester.kind, requestedCategories: command.requestedCategories }) ? context.timeZone : undefined,
      }),
    },
  ];
}

/**
 * A request about a resource or a transaction ("who used public computer 4 between 3 and 4 pm") names
 * no patron: nobody at the desk can know whose records it reaches, so it always goes to the Director
 * with nothing permitted, whoever asks; no rule that permits fires on it (policy-decisions T18).
 */
function aboutASubject(evaluation: RequestEvaluation): RequestEvaluation {
  return { ...evaluation, route: 'refer_to_director', permittedCategories: [], rules: evaluation.rules.filter((rule) => rule.effect !== 'permit') };
}

/**
 * A patron asking about their own records is named by their own name and identification details:
 * those are stored only as the ledger's ciphertexts, which must stand for the words given.
 */
function patronWords(command: OpenCase): ProtectedPatronWords | undefined {
  const words = command.protectedWords;
  if (words === undefined) return undefined;
  if (command.requester.kind !== 'patron') throw new InvalidCommand('only a patron\u2019s own words are protected', 'protectedWords');
  assertText(words.requesterName, 'protectedWords.requesterName', TEXT_MAX);
  const details: readonly (string | null)[] = words.identificationDetails;
  const aligned =
    Array.isArray(details) &&
    details.length === command.identification.length &&
    details.every((detail, i) => (detail === null) === (command.identification[i].detail === undefined));
  if (!aligned) throw new InvalidCommand('one protected detail per identification detail', 'protectedWords.identificationDetails');
  return { requesterName: words.requesterName, identificationDetails: Array.from<string | null>(details) };
}

export function recordWellnessCheck(command: RecordWellnessCheck, state: CaseState): CaseEvent[] {
  assertOpening(command, state);
  const patron = parseRecordWellnessCheck(command);
  // A 422, not a 400: a wellness check without an immediate threat is not malformed, it is not the library's call.
  if (command.immediateThreat !== true) throw violationOf('WELLNESS-IMMEDIATE-ONLY', 'immediateThreat must be true');
  if (command.observed === undefined || command.observed.trim() === '') {
    throw violationOf('WELLNESS-IMMEDIATE-ONLY', 'say what staff observed');
  }
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

import { CaseStateConflict } from '../shared/errors.js';
import { WELLNESS_CATEGORIES } from '../vocabulary.js';
import { inVocabularyOrder, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { evaluateRequest } from '../policy/evaluate-request.js';
import { violationOf } from '../policy/rule-pack.js';
import type { OpenCase, RecordWellnessCheck } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import type { CaseState } from './case.state.js';
import { base, closed, FRONT_DESK_ROLES, requireRole } from './case-checks.js';
import { parseOpenCase, parseRecordWellnessCheck } from './case-command.parsers.js';

// Opening: a request at the desk, evaluated against the rule pack as it arrives; or a wellness check,
// opened, disclosed and closed at once.

export function openCase(command: OpenCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  assertOpening(command, state);
  const patron = parseOpenCase(command);
  const { requester } = command;
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

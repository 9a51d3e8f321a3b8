import type { Type } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { definedFields, envelopeOf } from '../../cases/case-http.js';
import { DecideReleaseCommand } from '../../cases/decide-release/decide-release.command.js';
import { DecideReleaseRequestDto } from '../../cases/decide-release/decide-release.request.dto.js';
import { ExplainPolicyCommand } from '../../cases/explain-policy/explain-policy.command.js';
import { ExplainPolicyRequestDto } from '../../cases/explain-policy/explain-policy.request.dto.js';
import { GrantNeedToKnowCommand } from '../../cases/grant-need-to-know/grant-need-to-know.command.js';
import { GrantNeedToKnowRequestDto } from '../../cases/grant-need-to-know/grant-need-to-know.request.dto.js';
import { RecordCounselAdviceCommand } from '../../cases/record-counsel-advice/record-counsel-advice.command.js';
import { RecordCounselAdviceRequestDto } from '../../cases/record-counsel-advice/record-counsel-advice.request.dto.js';
import { RecordLegalInstrumentCommand } from '../../cases/record-legal-instrument/record-legal-instrument.command.js';
import { RecordLegalInstrumentRequestDto, toInstrumentFields } from '../../cases/record-legal-instrument/record-legal-instrument.request.dto.js';
import { RecordProductionCommand } from '../../cases/record-production/record-production.command.js';
import { RecordProductionRequestDto } from '../../cases/record-production/record-production.request.dto.js';
import { RecordReleaseCommand } from '../../cases/record-release/record-release.command.js';
import { RecordReleaseRequestDto } from '../../cases/record-release/record-release.request.dto.js';
import { ReferToCounselCommand } from '../../cases/refer-to-counsel/refer-to-counsel.command.js';
import { ReferToCounselRequestDto } from '../../cases/refer-to-counsel/refer-to-counsel.request.dto.js';
import { ReferToDirectorCommand } from '../../cases/refer-to-director/refer-to-director.command.js';
import { ReferToDirectorRequestDto } from '../../cases/refer-to-director/refer-to-director.request.dto.js';
import { RefuseRequestCommand } from '../../cases/refuse-request/refuse-request.command.js';
import { RefuseRequestRequestDto } from '../../cases/refuse-request/refuse-request.request.dto.js';
import { type FormBody, instant, list, text } from '../shared/web-form.js';

/**
 * Each action form on the case page: the API's request DTO it is validated against, how the form's
 * fields become that DTO's shape, and the same command the JSON controller sends. The case page posts
 * to `/cases/:caseId/actions/<name>`; the command's handler applies the policy exactly as for the API.
 */
export interface CaseAction<D extends object> {
  readonly dto: Type<D>;
  readonly confirmation: string;
  fromForm(body: FormBody): object;
  command(caseId: string, user: AuthenticatedUser, body: D): Command<unknown>;
}

const action = <D extends object>(definition: CaseAction<D>): CaseAction<D> => definition;
const maybe = <K extends string>(key: K, value: unknown) => (value === undefined || (Array.isArray(value) && value.length === 0) ? {} : { [key]: value });

export const CASE_ACTIONS = {
  release: action({
    dto: RecordReleaseRequestDto,
    confirmation: 'The release is recorded and the case is closed.',
    fromForm: (body) => ({ categories: list(body, 'categories'), ...maybe('recipient', text(body, 'recipient')), method: text(body, 'method') }),
    command: (caseId, user, body) => new RecordReleaseCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['categories', 'recipient', 'method'])),
  }),
  refuse: action({
    dto: RefuseRequestRequestDto,
    confirmation: 'The refusal is recorded and the case is closed.',
    fromForm: (body) => ({ reason: text(body, 'reason') }),
    command: (caseId, user, body) => new RefuseRequestCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['reason'])),
  }),
  'refer-to-director': action({
    dto: ReferToDirectorRequestDto,
    confirmation: 'The case is now with the Director.',
    fromForm: (body) => ({ ...maybe('note', text(body, 'note')) }),
    command: (caseId, user, body) => new ReferToDirectorCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['note'])),
  }),
  'record-instrument': action({
    dto: RecordLegalInstrumentRequestDto,
    confirmation: 'The legal instrument is recorded.',
    fromForm: (body) => ({
      type: text(body, 'type'),
      issuedBy: text(body, 'issuedBy'),
      ...maybe('court', text(body, 'court')),
      ...maybe('docketNumber', text(body, 'docketNumber')),
      servedAt: instant(body, 'servedAt'),
      ...maybe('returnDate', instant(body, 'returnDate')),
      scope: { categories: list(body, 'scope.categories') },
      nondisclosureOrder: text(body, 'nondisclosureOrder') === 'yes',
    }),
    command: (caseId, user, body) => new RecordLegalInstrumentCommand(envelopeOf(caseId, user, body.occurredAt, undefined), toInstrumentFields(body)),
  }),
  'explain-policy': action({
    dto: ExplainPolicyRequestDto,
    confirmation: 'The explanation is recorded and the case is closed: nothing was released.',
    fromForm: (body) => ({ ...maybe('note', text(body, 'note')) }),
    command: (caseId, user, body) => new ExplainPolicyCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['note'])),
  }),
  'refer-to-counsel': action({
    dto: ReferToCounselRequestDto,
    confirmation: 'The case is referred to counsel.',
    fromForm: (body) => ({ counselUserId: text(body, 'counselUserId'), ...maybe('note', text(body, 'note')) }),
    command: (caseId, user, body) => new ReferToCounselCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['counselUserId', 'note'])),
  }),
  advise: action({
    dto: RecordCounselAdviceRequestDto,
    confirmation: 'Your advice is recorded and the case is back with the Director.',
    fromForm: (body) => ({
      advice: text(body, 'advice'),
      ...(list(body, 'scope.categories').length ? { scope: { categories: list(body, 'scope.categories') } } : {}),
      ...maybe('notes', text(body, 'notes')),
    }),
    command: (caseId, user, body) => new RecordCounselAdviceCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['advice', 'scope', 'notes'])),
  }),
  decide: action({
    dto: DecideReleaseRequestDto,
    confirmation: 'The decision is recorded.',
    fromForm: (body) => ({ decision: text(body, 'decision'), ...maybe('categories', list(body, 'categories')), rationale: text(body, 'rationale') }),
    command: (caseId, user, body) => new DecideReleaseCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['decision', 'categories', 'rationale'])),
  }),
  produce: action({
    dto: RecordProductionRequestDto,
    confirmation: 'The production is recorded and the case is closed.',
    fromForm: (body) => ({ categories: list(body, 'categories'), recipient: text(body, 'recipient'), method: text(body, 'method'), ...maybe('inventory', text(body, 'inventory')) }),
    command: (caseId, user, body) => new RecordProductionCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['categories', 'recipient', 'method', 'inventory'])),
  }),
  'grant-need-to-know': action({
    dto: GrantNeedToKnowRequestDto,
    confirmation: 'Need-to-know is granted.',
    fromForm: (body) => ({ userId: text(body, 'userId') }),
    command: (caseId, user, body) => new GrantNeedToKnowCommand(envelopeOf(caseId, user, body.occurredAt, undefined), definedFields(body, ['userId'])),
  }),
} as const;

export type CaseActionName = keyof typeof CASE_ACTIONS;

export function isCaseAction(name: string): name is CaseActionName {
  return Object.hasOwn(CASE_ACTIONS, name);
}

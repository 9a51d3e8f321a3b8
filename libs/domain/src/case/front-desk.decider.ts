import { FAMILY_NEVER_CATEGORIES } from '../vocabulary.js';
import { InvalidCommand } from '../shared/errors.js';
import { isStatisticsRequest } from '../policy/public-records-reply.js';
import { intersect, inVocabularyOrder, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { violationOf } from '../policy/rules.js';
import type { RecordRelease, ReferToDirector, RefuseRequest } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import { evaluateRequest } from '../policy/evaluate-request.js';
import { isLawEnforcementCase, type ExistingCase } from './case.state.js';
import {
  base,
  closing,
  FRONT_DESK_ROLES,
  requireCounselOnInstrument,
  requireDirectorPowers,
  requireNotClosed,
  requireRole,
  requireStatus,
} from './case-checks.js';
import { parseRecordRelease, parseReferToDirector, parseRefuseRequest } from './case-command.parsers.js';

// The front desk: staff (or the director) answer a request inside what the evaluation permits,
// refuse it, or refer it to the director.

export function recordRelease(command: RecordRelease, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseRecordRelease(command);
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
  requireStillPermitted(command, state, context);
  const transparencyReportId = statisticsAnswer(command, state, context);

  const categories = inVocabularyOrder(command.categories);
  return [
    {
      type: 'RecordsReleased',
      data: definedOnly({ ...base(command), categories, recipient: command.recipient, method: command.method, transparencyReportId }),
    },
    closing(command, state, categories, 'refused'),
  ];
}

/**
 * A public-records request for the library's statistics is the director's to answer, and the answer is
 * a published transparency report in force (not one a correction superseded: the figures it gave were
 * corrected), named on the case; no other release names one.
 */
function statisticsAnswer(command: RecordRelease, state: ExistingCase, context: CaseDecisionContext): string | undefined {
  if (!isStatisticsRequest(state)) {
    if (command.transparencyReportId !== undefined) throw new InvalidCommand('Only the answer to a public-records request for statistics names a transparency report', 'transparencyReportId');
    return undefined;
  }
  requireRole(command.actor, ['director']);
  if (command.transparencyReportId === undefined) throw new InvalidCommand('Name the published transparency report that answers the request', 'transparencyReportId');
  if (!(context.publishedTransparencyReports ?? []).includes(command.transparencyReportId)) {
    throw new InvalidCommand(`${command.transparencyReportId} is not a published transparency report`, 'transparencyReportId');
  }
  const correction = context.supersededTransparencyReports?.[command.transparencyReportId];
  if (correction !== undefined) {
    throw new InvalidCommand(`${command.transparencyReportId} was superseded by ${correction}: answer with the report that corrects it`, 'transparencyReportId');
  }
  return command.transparencyReportId;
}

/**
 * What has changed since the case was opened: the request is evaluated again as it was made, against
 * the patron's standing and the vendor list of now. A category it no longer permits is refused with
 * the rule that took it away, as opening would have refused it.
 */
function requireStillPermitted(command: RecordRelease, state: ExistingCase, context: CaseDecisionContext): void {
  const request = state.request;
  if (request === undefined) return;
  if (context.patron === undefined) throw new Error('RecordRelease needs the patron standing in its context');
  if (request.requester.kind === 'vendor' && context.vendors === undefined) throw new Error('RecordRelease of a vendor request needs the vendor list in its context');
  const now = evaluateRequest({ ...request, occurredAt: command.occurredAt }, context.patron, context.vendors, context.jurisdiction);
  const withdrawn = without(command.categories, now.permittedCategories);
  if (withdrawn.length === 0) return;
  const firedNow = now.rules.map((rule) => rule.id);
  const lapsed = request.consentIds.filter((consentId) => !now.consentIds.includes(consentId));
  const detail = `${withdrawn.join(', ')} no longer permitted`;
  if (lapsed.length > 0) throw violationOf('CONSENT-INACTIVE', `consent ${lapsed.join(', ')}; ${detail}`);
  for (const rule of ['GOVERNMENT-REFER', 'CARD-LOST', 'VENDOR-NOT-APPROVED', 'CONSENT-GRANTEE-ID', 'ID-REQUIRED'] as const) {
    if (firedNow.includes(rule) && !state.ruleIds.includes(rule)) throw violationOf(rule, detail);
  }
  throw violationOf('RELEASE-SCOPE', detail);
}

export function refuseRequest(command: RefuseRequest, state: ExistingCase): CaseEvent[] {
  parseRefuseRequest(command);
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

export function referToDirector(command: ReferToDirector, state: ExistingCase): CaseEvent[] {
  parseReferToDirector(command);
  requireRole(command.actor, FRONT_DESK_ROLES);
  requireStatus(state, ['open'], 'refer the case to the director');
  const referral: CaseEvent = { type: 'ReferredToDirector', data: definedOnly({ ...base(command), note: command.note }) };
  // The director (and active designees) must be told of a law-enforcement request at once: by e-mail, queued in this append.
  if (!isLawEnforcementCase(state)) return [referral];
  return [referral, { type: 'NotificationQueued', data: { ...base(command), kind: 'law_enforcement_referral', audience: 'director_and_designees' } }];
}

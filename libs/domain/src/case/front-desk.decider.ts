import { FAMILY_NEVER_CATEGORIES } from '../vocabulary.js';
import { intersect, inVocabularyOrder, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { violationOf } from '../policy/rule-pack.js';
import type { RecordRelease, ReferToDirector, RefuseRequest } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
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

export function recordRelease(command: RecordRelease, state: ExistingCase): CaseEvent[] {
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

  const categories = inVocabularyOrder(command.categories);
  return [
    {
      type: 'RecordsReleased',
      data: definedOnly({ ...base(command), categories, recipient: command.recipient, method: command.method }),
    },
    closing(command, state, categories, 'refused'),
  ];
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
  return [{ type: 'ReferredToDirector', data: definedOnly({ ...base(command), note: command.note }) }];
}

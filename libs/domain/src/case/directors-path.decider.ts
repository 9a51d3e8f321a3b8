import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import { ADVICE_AGAINST_RELEASE, type Category, type InstrumentType, type MeasuredAct } from '../vocabulary.js';
import { DEFAULT_JURISDICTION } from '../policy/jurisdictions.js';
import { intersect, inVocabularyOrder, union, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { consentsNaming } from '../patron/patron.state.js';
import { forbiddenBy, violationOf } from '../policy/rules.js';
import { assertNever } from '../shared/decider.js';
import type { ConfirmEarlierTime, DecideRelease, ExplainPolicy, GrantNeedToKnow, RecordCounselAdvice, RecordProduction, ReferToCounsel } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import { instrumentScopeOf, producibleCategoriesOf, releasableCategoriesOf, type ExistingCase, type InstrumentOnRecord } from './case.state.js';
import { producedPatronsOf } from './resource-requests.decider.js';
import { base, closing, requireCounselOnInstrument, requireDirectorPowers, requireNotClosed, requireStatus } from './case-checks.js';
import {
  parseConfirmEarlierTime,
  parseDecideRelease,
  parseExplainPolicy,
  parseGrantNeedToKnow,
  parseRecordCounselAdvice,
  parseRecordProduction,
  parseReferToCounsel,
} from './case-command.parsers.js';

// The director's path (Disclosure to Law Enforcement, steps 3 and 4): explain the policy, refer to
// counsel, counsel's advice, the release decision and the production; and need-to-know on a case.

/**
 * Step 3 applies when the agent "does not have a subpoena or court order": an administrative request
 * or a national security letter is neither (a search warrant counts as a court order, and an `other`
 * instrument may be one). Counsel has advised on any instrument first (¶2, LE-COUNSEL-FIRST).
 */
const STEP_THREE_INSTRUMENTS: readonly InstrumentType[] = ['administrative_request', 'national_security_letter'];

export function explainPolicy(command: ExplainPolicy, state: ExistingCase): CaseEvent[] {
  parseExplainPolicy(command);
  requireDirectorPowers(command.actor);
  requireNotClosed(state, 'explain the policy');
  const compelling = state.instruments.filter((instrument) => !STEP_THREE_INSTRUMENTS.includes(instrument.type));
  if (compelling.length > 0) {
    throw new CaseStateConflict(`A ${compelling[0].type.replace(/_/g, ' ')} is on record: it goes to counsel, not back to the requester`);
  }
  requireCounselOnInstrument(state);
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
    // Counsel is told of the referral by e-mail, queued in the same append.
    { type: 'NotificationQueued', data: { ...base(command), kind: 'counsel_referral', audience: 'counsel', counselUserId: command.counselUserId } },
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
        providesCommunicationService: command.providesCommunicationService === true ? true : undefined,
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
  const period = recordsFrom !== undefined && recordsTo !== undefined ? { from: recordsFrom, to: recordsTo } : undefined;
  const consentIds = requireLegalBasis(state, command.categories, command.occurredAt, context, period);
  const outside = without(command.categories, producibleCategoriesOf(state));
  if (outside.length > 0) {
    throw violationOf('LE-SCOPE', `outside instrument ∩ advice ∩ decision: ${outside.join(', ')}`);
  }
  requirePeriodInsideInstruments(state, recordsFrom, recordsTo);
  const patronPseudonyms = producedPatronsOf(command, state);
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
        patronPseudonyms,
      }),
    },
    closing(command, state, categories, 'refused'),
  ];
}

/**
 * Findings measure a referral, advice or decision from when it was recorded, if that is later than the
 * time it was dated (third reading): the person measured cannot move it. The Director (not a designee,
 * who may be that person) may confirm the dated time; the act confirmed is the case's current one.
 */
export function confirmEarlierTime(command: ConfirmEarlierTime, state: ExistingCase): CaseEvent[] {
  parseConfirmEarlierTime(command);
  if (command.actor.role !== 'director') throw forbiddenBy('ROLE-NOT-PERMITTED', `role ${command.actor.role}: only the Director confirms when an act happened`);
  const confirmedAt = timeOfAct(state, command.act);
  if (confirmedAt === undefined) throw new CaseStateConflict(`There is no ${command.act.replace(/_/g, ' ')} on this case to confirm`);
  return [{ type: 'EarlierTimeConfirmed', data: definedOnly({ ...base(command), act: command.act, confirmedAt, note: command.note }) }];
}

function timeOfAct(state: ExistingCase, act: MeasuredAct): string | undefined {
  switch (act) {
    case 'director_referral':
      return state.referredToDirectorAt;
    case 'counsel_referral':
      return state.referredToCounselAt;
    case 'counsel_advice':
      return state.advice?.advisedAt;
    case 'release_decision':
      return state.decision?.decidedAt;
    default:
      return assertNever(act, 'measured act');
  }
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
 * on record (LE-INSTRUMENT-REQUIRED); not a national security letter alone, unless counsel found the
 * library provides an electronic communication service (LE-NSL-NOT-APPLICABLE); then the statute's
 * doors (the jurisdiction's `releaseDoors`), for each category on its own: an instrument that opens the
 * door on its own on the case whose own scope covers it (and, at production, the period produced), or
 * the patron's active written consent naming the requester and covering it (LE-STATUTE-COURT-ORDER,
 * naming the categories without a door). Returns the consents relied on (none when instruments opened every door).
 */
function requireLegalBasis(state: ExistingCase, categories: readonly Category[], at: string, context: CaseDecisionContext, period?: RecordsPeriod): string[] {
  if (state.instruments.length === 0) throw violationOf('LE-INSTRUMENT-REQUIRED');
  const types = state.instruments.map((instrument) => instrument.type);
  if (types.every((type) => type === 'national_security_letter') && state.advice?.providesCommunicationService !== true) {
    throw violationOf('LE-NSL-NOT-APPLICABLE');
  }
  // Each category needs a door of its own: an instrument the statute opens it for whose scope covers it
  // (and the period produced), or the patron's written consent. Another instrument's scope never counts.
  const doors = (context.jurisdiction ?? DEFAULT_JURISDICTION).releaseDoors;
  const opening = state.instruments.filter((instrument) => doors.instruments.includes(instrument.type));
  const byDoor = opening.filter((instrument) => period === undefined || periodInside(instrument, period));
  const withoutCourt = without(categories, union(...byDoor.map((instrument) => instrument.scopeCategories)));
  if (withoutCourt.length === 0) return [];
  if (context.patron === undefined) throw new Error(`${state.caseId}: the statute's written-permission door needs the patron standing in the context`);
  const patron = context.patron;
  const consents = state.requesterNames.flatMap((name) => consentsNaming(patron, name, at));
  const lacking = without(withoutCourt, union(...consents.map((consent) => consent.categories)));
  if (lacking.length > 0) {
    const named = [...new Set(types.map((type) => type.replace(/_/g, ' ')))].join(', ');
    throw violationOf(
      'LE-STATUTE-COURT-ORDER',
      `no ${doors.named} on the case covers ${lacking.join(', ')}${period === undefined || opening.length === 0 ? '' : ' for the period produced'} (instruments on record: ${named}), and ${consents.length === 0 ? 'no written consent of the patron names the requester' : 'the patron\u2019s written consent does not cover them'}`,
    );
  }
  const reliedOn = consents.filter((consent) => intersect(withoutCourt, consent.categories).length > 0);
  return [...new Set(reliedOn.map((consent) => consent.consentId))];
}

interface RecordsPeriod {
  readonly from: number;
  readonly to: number;
}

/** The period of records produced lies inside the instrument's (an open end is unbounded). */
function periodInside(instrument: InstrumentOnRecord, period: RecordsPeriod): boolean {
  return (
    (instrument.scopeFrom === undefined || period.from >= Date.parse(instrument.scopeFrom)) &&
    (instrument.scopeTo === undefined || period.to <= Date.parse(instrument.scopeTo))
  );
}

/** An instrument bounded by dates covers records of that period only (LE-SCOPE): the production says which period it hands over. */
function requirePeriodInsideInstruments(state: ExistingCase, recordsFrom: number | undefined, recordsTo: number | undefined): void {
  const dated = state.instruments.filter((instrument) => instrument.scopeFrom !== undefined || instrument.scopeTo !== undefined);
  if (dated.length === 0) return;
  if (recordsFrom === undefined || recordsTo === undefined) {
    throw violationOf('LE-SCOPE', 'an instrument on record limits its scope to a period: state recordsFrom and recordsTo');
  }
  const inside = state.instruments.some((instrument) => periodInside(instrument, { from: recordsFrom, to: recordsTo }));
  if (!inside) {
    const periods = dated.map((instrument) => `${instrument.scopeFrom ?? '…'} to ${instrument.scopeTo ?? '…'}`).join('; ');
    throw violationOf('LE-SCOPE', `the records' period lies outside the instrument's period (${periods})`);
  }
}

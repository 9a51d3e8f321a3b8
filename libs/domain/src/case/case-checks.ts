import { CaseStateConflict, NotFound } from '../shared/errors.js';
import type { CaseStatus, Category, Role } from '../vocabulary.js';
import { inVocabularyOrder, union } from '../support/category-sets.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { hasDirectorPowers, type Actor } from '../policy/actor.js';
import { forbiddenBy, violationOf } from '../policy/rules.js';
import type { CaseCommand } from './case.commands.js';
import type { CaseClosed, CaseEventBase } from './case.events.js';
import { closingOutcome, type CaseState, type ExistingCase } from './case.state.js';

/** The checks and event parts every section of the case decider shares. */

export const FRONT_DESK_ROLES: readonly Role[] = ['staff', 'director'];

export function existingCase(state: CaseState, command: CaseCommand): ExistingCase {
  if (!state.exists) throw new NotFound('No such case');
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt, state.receivedAt);
  return state;
}

export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw forbiddenBy('ROLE-NOT-PERMITTED', `role ${actor.role}`);
}

export function requireDirectorPowers(actor: Actor): void {
  if (!hasDirectorPowers(actor)) {
    throw forbiddenBy('LE-DIRECTOR-ONLY', actor.role === 'staff' ? 'not an active designee' : `role ${actor.role}`);
  }
}

/** Policy ¶2: "consult with legal counsel … prior to any action being taken" on an instrument (step 4). */
export function requireCounselOnInstrument(state: ExistingCase): void {
  if (state.instruments.length > 0 && state.advice === undefined) {
    throw violationOf('LE-COUNSEL-FIRST', 'a legal instrument is on the case and counsel has not advised on it');
  }
}

export function requireNotClosed(state: ExistingCase, what: string): void {
  if (state.status === 'closed') throw new CaseStateConflict(`Cannot ${what}: the case is closed`);
}

export function requireStatus(state: ExistingCase, allowed: readonly CaseStatus[], what: string): void {
  if (!allowed.includes(state.status)) {
    throw new CaseStateConflict(`Cannot ${what} while the case is ${state.status}`);
  }
}

export function base(command: CaseCommand): CaseEventBase {
  return { caseId: command.caseId, occurredAt: command.occurredAt, by: command.actor.userId };
}

export function closed(command: CaseCommand, outcome: CaseClosed['data']['outcome'], released: readonly Category[]): CaseClosed {
  return { type: 'CaseClosed', data: { ...base(command), outcome, releasedCategories: inVocabularyOrder(released) } };
}

/** The `CaseClosed` that accompanies a closing event; counts records already seized under a warrant. */
export function closing(
  command: CaseCommand,
  state: ExistingCase,
  releasedNow: readonly Category[],
  refusal: 'refused' | 'refused_no_instrument',
): CaseClosed {
  const released = union(state.releasedCategories, releasedNow);
  return closed(command, closingOutcome(state, released, refusal), released);
}

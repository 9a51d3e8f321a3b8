import type { ExistingCase } from '../case/case.state.js';
import { patronIdentifiersOf, type RetentionCaseFacts, type RetentionDue, retentionDueOf } from './retention-schedule.js';
import { holdsCovering, type RetentionState } from './retention.state.js';
import { type KeptBecause, keptBecause } from './retention.decider.js';

/** A case's retention facts from its own stream's state (the authoritative source for a shred). */
export function retentionFactsOfCase(state: ExistingCase, keyId: string, hasViolation: boolean): RetentionCaseFacts {
  return {
    caseId: state.caseId,
    requesterKind: state.requesterKind,
    wellnessCheck: state.kind === 'wellness_check',
    hasInstrument: state.instruments.length > 0,
    hasViolation,
    openedAt: state.receivedAt,
    closedAt: state.closedAt ?? null,
    // A request about a resource or a transaction names no single patron: its identities (attached
    // patrons) are under the case's key, found by `keyId`, not by one blind index.
    blindIndex: state.patron?.blindIndex ?? '',
    pseudonym: state.patron?.pseudonym ?? '',
    keyId,
    ...(state.patron === undefined && (state.attachedPatrons ?? []).length > 0 && withAttachedPatrons(state.attachedPatrons!.map((patron) => [patron.blindIndex]))),
  };
}

/** The facts' fields for the patrons attached to a request about a resource, each as all of its identifiers. */
export function withAttachedPatrons(attachedPatrons: readonly (readonly string[])[]): Pick<RetentionCaseFacts, 'attachedPatrons' | 'patronIdentifiers'> {
  return { attachedPatrons, patronIdentifiers: [...new Set(attachedPatrons.flat())] };
}

/** Each case once, in the order first listed: a case found through two patrons (or two identifiers of one) is one case. */
export function distinctCases<T extends Pick<RetentionCaseFacts, 'caseId'>>(cases: readonly T[]): T[] {
  const seen = new Set<string>();
  return cases.filter((facts) => {
    if (seen.has(facts.caseId)) return false;
    seen.add(facts.caseId);
    return true;
  });
}

export interface RetentionPlanEntry {
  readonly facts: RetentionCaseFacts;
  readonly due: RetentionDue;
  /** Holds in force over the case. */
  readonly holds: readonly string[];
  /** null: the purge shreds it now. */
  readonly kept: KeptBecause | null;
}

/**
 * Pure: of these cases, those whose schedule has come due by `at`, and for each whether the purge
 * shreds it now or what keeps it (a hold; a first-reading key shared with a case that must stay).
 * `underKey` gives every case under a key (first-reading keys hold several cases of one patron);
 * `ofPatron` every case of a patron's blind index, open ones included (LEGAL-PROCESS-HOLD).
 */
export function retentionPlan(
  cases: readonly RetentionCaseFacts[],
  underKey: (keyId: string) => readonly RetentionCaseFacts[],
  ofPatron: (blindIndex: string) => readonly RetentionCaseFacts[],
  state: RetentionState,
  at: string,
): RetentionPlanEntry[] {
  const plan: RetentionPlanEntry[] = [];
  // A request about a resource has no patron of its own: the cases of every patron attached to it.
  const ofPatronsOf = (facts: RetentionCaseFacts): readonly RetentionCaseFacts[] => {
    if (facts.blindIndex !== '') return ofPatron(facts.blindIndex);
    return distinctCases((facts.attachedPatrons ?? []).flatMap(([blindIndex]) => ofPatron(blindIndex)));
  };
  for (const facts of cases) {
    if (state.shreddedKeys[facts.keyId] !== undefined) continue;
    const due = retentionDueOf(facts, state.schedule, state.releasedCases[facts.caseId]);
    if (due.dueAt === null || Date.parse(due.dueAt) > Date.parse(at)) continue;
    const holds = holdsCovering(state, facts.caseId, patronIdentifiersOf(facts)).map((hold) => hold.holdId);
    let kept = keptBecause(facts, state, at, 'schedule', ofPatronsOf(facts));
    if (!kept) {
      const blocker = underKey(facts.keyId)
        .filter((other) => other.caseId !== facts.caseId)
        .map((other) => ({ other, kept: keptBecause(other, state, at, 'schedule', ofPatronsOf(other)) }))
        .find((entry) => entry.kept !== null);
      if (blocker) kept = { rule: 'SHARED-KEY', reason: `its first-reading key also holds case ${blocker.other.caseId}, which is kept: ${blocker.kept!.reason}` };
    }
    plan.push({ facts, due, holds, kept });
  }
  return plan;
}

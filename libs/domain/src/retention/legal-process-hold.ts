import { patronIdentifiersOf, type RetentionCaseFacts, retentionDueOf } from './retention-schedule.js';
import type { RetentionState } from './retention.state.js';

/**
 * A case under legal process: a law-enforcement request (a government agency's goes through the same
 * door, GOVERNMENT-REFER) or any legal instrument recorded on it.
 */
export function isUnderLegalProcess(facts: Pick<RetentionCaseFacts, 'requesterKind' | 'hasInstrument'>): boolean {
  return facts.requesterKind === 'law_enforcement' || facts.requesterKind === 'government_agency' || facts.hasInstrument;
}

/**
 * Pure (LEGAL-PROCESS-HOLD): the other cases of this case's patron (under any of its identifiers) whose legal
 * process holds every case of the patron at this moment. Such a case holds while it is open and, once
 * closed, for as long as its own rule keeps it until counsel releases it (ReleaseCaseRetention, as a
 * case is released today); a case whose identity is already shredded holds nothing.
 */
export function legalProcessHolders(facts: RetentionCaseFacts, patronCases: readonly RetentionCaseFacts[], state: RetentionState): string[] {
  return patronCases
    .filter((other) => other.caseId !== facts.caseId && patronIdentifiersOf(other).some((identifier) => patronIdentifiersOf(facts).includes(identifier)))
    .filter((other) => isUnderLegalProcess(other) && state.shreddedKeys[other.keyId] === undefined)
    .filter((other) => retentionDueOf(other, state.schedule, state.releasedCases[other.caseId]).dueAt === null)
    .map((other) => other.caseId);
}

/** The reason given for such a hold: it never names the case that holds (that case may be sealed). */
export const LEGAL_PROCESS_HOLD_REASON = 'records about this patron must be kept for now';

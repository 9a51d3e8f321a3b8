import { type CaseReader, type CaseSealFacts, showsContent, THE_PATRON, whatMayBeShown } from '../case/what-may-be-shown.js';
import type { ErasureOutcome } from './retention.events.js';

/** A case's seal, by case id, as the reader's answer needs it (unknown: not sealed). */
export type SealOf = (caseId: string) => CaseSealFacts | undefined;

/**
 * Whether a hold speaks of a sealed case the reader is not named in: a hold on such a case, or on a
 * patron who has one (its reason and matter are then about the sealed request as likely as not).
 * `covered`: the seals of the cases the hold covers.
 */
export function holdIsSealedFor(reader: CaseReader, covered: readonly (CaseSealFacts | undefined)[]): boolean {
  return covered.some((seal) => seal !== undefined && !showsContent(whatMayBeShown(reader, seal, true)));
}

/** All of such a hold a reader it does not name is shown: that it exists, what case it is on, and whether it is in force. */
export function sealedHoldShown<H extends { readonly holdId: string; readonly caseId?: string; readonly status: string }>(hold: H) {
  return { holdId: hold.holdId, ...(hold.caseId !== undefined && { caseId: hold.caseId }), status: hold.status, sealed: true as const };
}

/** What an erasure answer may say, for staff to read out and for the patron's statement. */
export interface ErasureAnswerShown {
  readonly occurredAt: string;
  /** The outcomes of the cases that may be named. */
  readonly outcomes: readonly ErasureOutcome[];
  /** Some identity is kept for now (the statement says so, and no more, when the case may not be named). */
  readonly someRecordsKept: boolean;
  /** Cases were left unnamed: the statement must not say that the ledger holds nothing about the patron. */
  readonly unnamed: boolean;
}

const KEPT_WITHOUT_NAMING = 'must be kept for now';

/** A reason that would name a case or a hold the reader may not hear of says only that the record must be kept for now. */
export function reasonShown(reason: string, unnamed: readonly string[]): string {
  return unnamed.some((name) => reason.includes(name)) ? KEPT_WITHOUT_NAMING : reason;
}

/**
 * An erasure answer as the patron may hear it (`whatMayBeShown(THE_PATRON, …)`): a sealed case is
 * never mentioned — no id, no rule, no reason — its identity is simply kept (or shredded) in silence;
 * an outcome whose reason would name such a case (a shared first-reading key, a hold that covers it)
 * keeps its rule and loses the reason.
 */
export function erasureAnswerShown(answer: { readonly occurredAt: string; readonly outcomes: readonly ErasureOutcome[] }, sealOf: SealOf, unnamedHoldIds: readonly string[]): ErasureAnswerShown {
  const unnamedCaseIds = answer.outcomes.map(({ caseId }) => caseId).filter((caseId) => whatMayBeShown(THE_PATRON, sealOf(caseId) ?? { sealed: false, needToKnow: [] }) === 'nothing');
  const unnamed = new Set(unnamedCaseIds);
  const names = [...unnamedCaseIds, ...unnamedHoldIds];
  const outcomes = answer.outcomes
    .filter(({ caseId }) => !unnamed.has(caseId))
    .map((outcome) => (outcome.reason === undefined ? outcome : { ...outcome, reason: reasonShown(outcome.reason, names) }));
  return {
    occurredAt: answer.occurredAt,
    outcomes,
    someRecordsKept: answer.outcomes.some(({ result }) => result === 'kept'),
    unnamed: unnamed.size > 0,
  };
}

import type { CaseEvent, CaseEventAt, CounselAdvice, ExistingCase, RecordedCase } from '@ledger/domain';
import { evolveRecordedCase } from '@ledger/domain';
import { utc } from '../support/case-projection.js';

/** A wellness check as the director reviews it: when staff made it, who recorded it, whom they called and what they told. */
export interface WellnessCheckFacts {
  readonly occurredAt: string;
  readonly recordedBy: string;
  readonly agency: string;
  readonly officer?: string;
  readonly categories: ExistingCase['requestedCategories'];
}

/**
 * What the views read of a case's course that the domain's fold does not keep: the register's latest
 * advice (a new referral clears the domain's) and a wellness check's call.
 */
export interface CaseCourse {
  /** The latest advice counsel recorded, whatever referral it answered (the register's column). */
  readonly latestAdvice: CounselAdvice | null;
  readonly wellness?: WellnessCheckFacts;
}

/**
 * The one fold every case view maps its rows from: the domain's recorded case (`evolveRecordedCase`: the
 * decider's state — status, outcome, instruments, advice, deadlines, seal, need-to-know — and where each
 * act the finding rules measure sits; the findings are a function of it), and the course facts above.
 * A rebuild folds each event once, here, however many views read the case.
 */
export interface CaseFold {
  readonly caseId: string;
  readonly case: RecordedCase;
  readonly course: CaseCourse;
}

/** Pure: the fold after one more event of its case (null: an event of a case whose opening the views never saw). */
export function evolveCaseFold(fold: CaseFold | null, at: CaseEventAt): CaseFold | null {
  const state = evolveRecordedCase(fold === null ? null : fold.case, at);
  if (state === null) return null;
  return { caseId: state.caseId, case: state, course: evolveCourse(fold?.course ?? null, at.event) };
}

function evolveCourse(course: CaseCourse | null, event: CaseEvent): CaseCourse {
  switch (event.type) {
    case 'DisclosureRequested':
      return { latestAdvice: null };
    case 'WellnessCheckRequested': {
      const data = event.data;
      return {
        latestAdvice: null,
        wellness: {
          occurredAt: utc(data.occurredAt),
          recordedBy: data.openedBy,
          agency: data.agency,
          ...(data.officer !== undefined && { officer: data.officer }),
          categories: data.requestedCategories,
        },
      };
    }
    case 'CounselAdviceRecorded':
      return { ...course!, latestAdvice: event.data.advice };
    default:
      return course!;
  }
}

/** Folds a case's events (in stream order) as the views do. */
export function foldCaseEvents(events: readonly CaseEvent[], policyVersion?: string): CaseFold | null {
  return events.reduce<CaseFold | null>(
    (fold, event, revision) => evolveCaseFold(fold, policyVersion === undefined ? { event, revision: BigInt(revision) } : { event, revision: BigInt(revision), policyVersion }),
    null,
  );
}

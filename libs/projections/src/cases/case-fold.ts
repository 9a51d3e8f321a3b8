import type { CaseEvent, CounselAdvice, ExistingCase } from '@ledger/domain';
import { evolveCase, initialCaseState } from '@ledger/domain';
import type { CaseEventAt } from '../support/case-projection.js';
import { utc } from '../support/case-projection.js';
import { evolveFindingFacts, type FindingFactsRow } from '../findings/findings.projection.js';
import type { InstrumentFacts } from '../deadlines/instrument-deadlines.js';

/** A wellness check as the director reviews it: when staff made it, who recorded it, whom they called and what they told. */
export interface WellnessCheckFacts {
  readonly occurredAt: string;
  readonly recordedBy: string;
  readonly agency: string;
  readonly officer?: string;
  readonly categories: ExistingCase['requestedCategories'];
}

/**
 * What the views read of a case's course that the decider never needs: instants in the views' UTC
 * form, who decided, the rules the evaluation named, the current referral's note.
 */
export interface CaseCourse {
  readonly openedAt: string;
  readonly closedAt: string | null;
  /** Ids of the rules that fired when the request was evaluated. */
  readonly rules: readonly string[];
  /** Who released or refused at the desk, or the director's release decision. */
  readonly decidedBy: string | null;
  /** The latest advice counsel recorded, whatever referral it answered (the register's column). */
  readonly latestAdvice: CounselAdvice | null;
  /** Of the current referral. */
  readonly referredAt: string | null;
  readonly referralNote: string | null;
  /** Of the advice on the current referral. */
  readonly advisedAt: string | null;
  /** Each instrument's service, by instrument id: its deadlines run from it. */
  readonly servedAt: Readonly<Record<string, string>>;
  readonly wellness?: WellnessCheckFacts;
}

/**
 * The one fold every case view maps its rows from: the domain's own `evolveCase` (status, outcome,
 * instruments, advice, seal, need-to-know), the facts the finding rules read, and the course facts
 * above. A rebuild folds each event once, here, however many views read the case.
 */
export interface CaseFold {
  readonly caseId: string;
  readonly case: ExistingCase;
  readonly audit: FindingFactsRow;
  readonly course: CaseCourse;
}

const OPENINGS = new Set(['DisclosureRequested', 'WellnessCheckRequested']);

/** Pure: the fold after one more event of its case (null: an event of a case whose opening the views never saw). */
export function evolveCaseFold(fold: CaseFold | null, at: CaseEventAt): CaseFold | null {
  const { event } = at;
  if (fold === null && !OPENINGS.has(event.type)) return null;
  const state = evolveCase(fold === null ? initialCaseState : fold.case, event);
  if (!state.exists) return null;
  const audit = evolveFindingFacts(fold === null ? null : fold.audit, at);
  if (audit === null) return null;
  return { caseId: state.caseId, case: state, audit, course: evolveCourse(fold?.course ?? null, event) };
}

function openedCourse(receivedAt: string, rules: readonly string[]): CaseCourse {
  return { openedAt: utc(receivedAt), closedAt: null, rules, decidedBy: null, latestAdvice: null, referredAt: null, referralNote: null, advisedAt: null, servedAt: {} };
}

function evolveCourse(course: CaseCourse | null, event: CaseEvent): CaseCourse {
  switch (event.type) {
    case 'DisclosureRequested':
      return openedCourse(event.data.receivedAt, event.data.evaluation.rules.map((rule) => rule.id));
    case 'WellnessCheckRequested': {
      const data = event.data;
      return {
        ...openedCourse(data.receivedAt, []),
        wellness: {
          occurredAt: utc(data.occurredAt),
          recordedBy: data.openedBy,
          agency: data.agency,
          ...(data.officer !== undefined && { officer: data.officer }),
          categories: data.requestedCategories,
        },
      };
    }
    default:
      break;
  }
  const current = course!;
  switch (event.type) {
    case 'RecordsReleased':
    case 'WellnessDisclosureMade':
    case 'RequestRefused':
    case 'PolicyExplained':
      return current.decidedBy === null ? { ...current, decidedBy: event.data.by } : current;
    case 'ReleaseDecided':
      return { ...current, decidedBy: event.data.decidedBy };
    case 'LegalInstrumentRecorded':
      return event.data.instrumentId in current.servedAt
        ? current
        : { ...current, servedAt: { ...current.servedAt, [event.data.instrumentId]: utc(event.data.servedAt) } };
    case 'ReferredToCounsel':
      return { ...current, referredAt: utc(event.data.occurredAt), referralNote: event.data.note ?? null, advisedAt: null };
    case 'CounselAdviceRecorded':
      return { ...current, latestAdvice: event.data.advice, advisedAt: utc(event.data.occurredAt) };
    case 'CaseClosed':
      return { ...current, closedAt: utc(event.data.occurredAt) };
    default:
      return current;
  }
}

/** Folds a case's events (in stream order) as the views do. */
export function foldCaseEvents(events: readonly CaseEvent[], policyVersion?: string): CaseFold | null {
  return events.reduce<CaseFold | null>(
    (fold, event, revision) => evolveCaseFold(fold, policyVersion === undefined ? { event, revision: BigInt(revision) } : { event, revision: BigInt(revision), policyVersion }),
    null,
  );
}

/** The case's instruments with the dates their deadlines run from (each instrument once, in the order recorded). */
export function instrumentFactsOf(fold: CaseFold): InstrumentFacts[] {
  const seen = new Set<string>();
  const facts: InstrumentFacts[] = [];
  for (const instrument of fold.case.instruments) {
    if (seen.has(instrument.instrumentId)) continue;
    seen.add(instrument.instrumentId);
    facts.push({
      instrumentId: instrument.instrumentId,
      type: instrument.type,
      servedAt: fold.course.servedAt[instrument.instrumentId]!,
      ...(instrument.returnDate !== undefined && { returnDate: utc(instrument.returnDate) }),
    });
  }
  return facts;
}

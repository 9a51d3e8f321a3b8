import type { JurisdictionPack } from '../policy/jurisdiction.js';
import type { BreachDataElement } from './breach-data-elements.js';
import { endOfLocalDaysAfter } from '../support/local-days.js';

export { BREACH_DATA_ELEMENTS, type BreachDataElement } from './breach-data-elements.js';

/**
 * Breach notices and the law that requires them. Which exposed data a state's breach statute reaches
 * is its pack's reading (`breachNotice.reaches`); the policy's own promise ("the Library will notify
 * anyone who may be affected") covers every other breach, under the same number of days. The clock
 * stops while law enforcement asked the library to delay notice.
 */


/** Which law requires the notices: the statute, or the policy alone. */
export type BreachNoticeLaw = 'statute' | 'policy';

/** What a late notice cites when the statute does not reach the data: the policy's promise. */
export const BREACH_POLICY_CITATION = 'Email Newsletters and Other Updates ("the Library will notify anyone who may be affected")';

/** Whose law requires the notices for the data exposed, under `pack`; null when the pack does not read data elements. */
export function breachNoticeLawOf(pack: JurisdictionPack, elements: readonly BreachDataElement[]): BreachNoticeLaw | null {
  const reaches = pack.breachNotice.reaches;
  if (reaches === undefined) return null;
  return reaches(elements) ? 'statute' : 'policy';
}

/** A period in which law enforcement asked the library to delay notice, and when the ledger learnt of it. */
export interface NoticeDelay {
  readonly from: string;
  readonly to: string;
  readonly recordedAt: string;
}

const DAY_MS = 86_400_000;

/** The deadline when every listed period stops the clock (periods merged, the part before the start ignored), from the one without them. */
function deadlineWith(startMs: number, undelayed: number, delays: readonly NoticeDelay[]): number {
  const periods = delays
    .map((delay) => [Math.max(Date.parse(delay.from), startMs), Date.parse(delay.to)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let deadline = undelayed;
  let stoppedUntil = startMs;
  for (const [from, to] of periods) {
    if (from >= deadline) break;
    const counted = Math.max(from, stoppedUntil);
    if (to > counted) {
      deadline += to - counted;
      stoppedUntil = to;
    }
  }
  return deadline;
}

/**
 * When notice is due for a clock started at `startedAt`: `days` later, not counting the periods law
 * enforcement asked to delay notice. Given the library's `timeZone`, the days are its calendar days
 * (the day of discovery left out, the last day running to the library's midnight); without one, 24-hour
 * days from the instant itself. A delay stops the clock for exactly its length. A delay counts only if
 * it was recorded before the deadline it would move had passed: a request recorded afterwards never
 * withdraws a late notice. The delays are taken in the order they were recorded, so the answer does
 * not depend on the order given.
 */
export function breachNoticeDeadline(startedAt: string, days: number, delays: readonly NoticeDelay[], timeZone?: string): string {
  const startMs = Date.parse(startedAt);
  const undelayed = timeZone === undefined ? startMs + days * DAY_MS : Date.parse(endOfLocalDaysAfter(startedAt, days, timeZone));
  const accepted: NoticeDelay[] = [];
  let deadline = undelayed;
  for (const delay of [...delays].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.from.localeCompare(b.from))) {
    if (Date.parse(delay.recordedAt) >= deadline) continue;
    accepted.push(delay);
    deadline = deadlineWith(startMs, undelayed, accepted);
  }
  return new Date(deadline).toISOString();
}

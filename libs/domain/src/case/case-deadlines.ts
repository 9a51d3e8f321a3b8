import type { InstrumentType } from '../vocabulary.js';
import { plusDays, utcInstant } from '../support/iso-time.js';
import { endOfLocalDaysAfter } from '../support/local-days.js';
import type { CaseEvent } from './case.events.js';
import type { ExistingCase } from './case.state.js';

/** What an instrument's dates depend on. */
export interface InstrumentFacts {
  readonly instrumentId: string;
  readonly type: InstrumentType;
  readonly servedAt: string;
  readonly returnDate?: string;
  /** The library's time zone when it was recorded (absent on instruments recorded before: 24-hour days). */
  readonly timeZone?: string;
}

export type DeadlineKind = 'return_date' | 'objection_date';

export interface InstrumentDeadline {
  readonly instrumentId: string;
  readonly instrumentType: InstrumentType;
  readonly kind: DeadlineKind;
  /** UTC, in the stored form. */
  readonly dueAt: string;
}

export interface CaseDeadline extends InstrumentDeadline {
  /** The first objection or motion to quash filed before `dueAt`, or null. */
  readonly objectionFiledAt: string | null;
  /** An objection filed before the date stopped its clock: it can no longer be missed. */
  readonly clockStopped: boolean;
}

/** Days after service within which a subpoena may be objected to (or a motion to quash filed). */
export const SUBPOENA_OBJECTION_DAYS = 14;

/**
 * An instrument's dates: its return date, and for a subpoena the last day to object, which is the
 * earlier of the return date and 14 days after service. The days are the library's calendar days
 * (FRCP 6(a)(1): the day of service not counted, the last day whole, to midnight where the library is);
 * an instrument recorded before the zone was kept with it keeps the 24-hour days it was decided under.
 */
export function instrumentDeadlines(instrument: InstrumentFacts): InstrumentDeadline[] {
  const deadlines: InstrumentDeadline[] = [];
  const base = { instrumentId: instrument.instrumentId, instrumentType: instrument.type };
  const returnDate = instrument.returnDate ? utcInstant(instrument.returnDate) : null;
  if (returnDate) deadlines.push({ ...base, kind: 'return_date', dueAt: returnDate });
  if (instrument.type === 'subpoena') {
    const objection =
      instrument.timeZone === undefined ? plusDays(instrument.servedAt, SUBPOENA_OBJECTION_DAYS) : endOfLocalDaysAfter(instrument.servedAt, SUBPOENA_OBJECTION_DAYS, instrument.timeZone);
    deadlines.push({ ...base, kind: 'objection_date', dueAt: returnDate && returnDate < objection ? returnDate : objection });
  }
  return deadlines;
}

/** When counsel's objection or motion to quash was filed (UTC), if this event records one. */
export function objectionFiledAt(event: CaseEvent): string | undefined {
  if (event.type !== 'CounselAdviceRecorded' || event.data.filedAt === undefined) return undefined;
  return event.data.advice === 'object' || event.data.advice === 'move_to_quash' ? utcInstant(event.data.filedAt) : undefined;
}

/** The first objection filed before a date: it stops that date's clock (and `DEADLINE-MISSED` with it). */
export function objectionFiledBefore(filedAts: readonly string[] | undefined, dueAt: string): string | undefined {
  return (filedAts ?? []).filter((filedAt) => filedAt < dueAt).sort()[0];
}

/**
 * Every deadline of a case's instruments, in the order the instruments were recorded, each with the
 * objection that stopped its clock. Whether a date is missed also needs the time now and whether the
 * case is still open, which the reader has.
 */
export function caseDeadlinesOf(state: ExistingCase): CaseDeadline[] {
  return state.instruments.flatMap((instrument) =>
    instrumentDeadlines(instrument).map((deadline) => {
      const objection = objectionFiledBefore(state.objectionsFiledAt, deadline.dueAt) ?? null;
      return { ...deadline, objectionFiledAt: objection, clockStopped: objection !== null };
    }),
  );
}

import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import { definedOnly } from '../support/command-checks.js';
import { instantOf } from '../support/iso-time.js';
import { hasDirectorPowers } from '../policy/actor.js';
import { forbiddenBy } from '../policy/rules.js';
import type { ChallengeNondisclosure, EndNondisclosure, RecordPatronNotice } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import type { CaseEvent } from './case.events.js';
import { nondisclosureInForce, type ExistingCase, type InstrumentOnRecord } from './case.state.js';
import { base, requireDirectorPowers } from './case-checks.js';
import { parseChallengeNondisclosure, parseEndNondisclosure, parseRecordPatronNotice } from './case-command.parsers.js';

// The life of a non-disclosure order (third reading): its end, counsel's challenge, and the patron told
// once no order forbids it. None of these waits for the case to be open: an order outlives the case.

export function endNondisclosure(command: EndNondisclosure, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseEndNondisclosure(command);
  const { actor } = command;
  const referredCounsel = actor.role === 'counsel' && state.counselUserId === actor.userId;
  if (!hasDirectorPowers(actor) && !referredCounsel) {
    throw forbiddenBy('LE-DIRECTOR-ONLY', 'the director, an active designee or the counsel this case is referred to records the end of a non-disclosure order');
  }
  const instrument = orderInForce(state, command.instrumentId);
  requireSuppliedTime(command.endedAt, 'endedAt', command.recordedAt, context, instrument.servedAt, 'the instrument was served');
  const { instrumentId, endedAt, how, note } = command;
  return [{ type: 'NondisclosureEnded', data: definedOnly({ ...base(command), instrumentId, endedAt, how, note }) }];
}

export function challengeNondisclosure(command: ChallengeNondisclosure, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseChallengeNondisclosure(command);
  const { actor } = command;
  if (actor.role !== 'counsel' || state.counselUserId !== actor.userId) {
    throw forbiddenBy('LE-DIRECTOR-ONLY', 'only the counsel this case is referred to files a challenge to its non-disclosure order');
  }
  const instrument = orderInForce(state, command.instrumentId);
  requireSuppliedTime(command.filedAt, 'filedAt', command.recordedAt, context, instrument.servedAt, 'the instrument was served');
  const { instrumentId, filedAt, court, note } = command;
  return [{ type: 'NondisclosureChallenged', data: definedOnly({ ...base(command), instrumentId, filedAt, court, note }) }];
}

/**
 * A notice to the patron is recorded only while no order forbids it (telling them earlier would breach
 * the order), and is dated no earlier than the last order ended.
 */
export function recordPatronNotice(command: RecordPatronNotice, state: ExistingCase, context: CaseDecisionContext): CaseEvent[] {
  parseRecordPatronNotice(command);
  requireDirectorPowers(command.actor);
  if (state.sealed) throw new CaseStateConflict('A non-disclosure order on this case is in force: the patron may not be told');
  const [notBefore, what] = state.unsealedAt === undefined ? [state.receivedAt, 'the case was received'] : [state.unsealedAt, 'the last non-disclosure order ended'];
  requireSuppliedTime(command.notifiedAt, 'notifiedAt', command.recordedAt, context, notBefore, what);
  return [{ type: 'PatronNotified', data: { ...base(command), method: command.method, notifiedAt: command.notifiedAt } }];
}

/** The instrument, on this case (404), carrying a non-disclosure order (409) that has not ended (409). */
function orderInForce(state: ExistingCase, instrumentId: string): InstrumentOnRecord {
  const instrument = state.instruments.find((candidate) => candidate.instrumentId === instrumentId);
  if (instrument === undefined) throw new NotFound('No such instrument on this case');
  if (!instrument.nondisclosureOrder) throw new CaseStateConflict(`${instrumentId} carries no non-disclosure order`);
  if (!nondisclosureInForce(instrument)) throw new CaseStateConflict(`The non-disclosure order of ${instrumentId} has already ended`);
  return instrument;
}

/**
 * A time the user supplies besides `occurredAt` is bounded as `occurredAt` is: not after the server
 * recorded it, not before what it follows, and not more than `LEDGER_MAX_BACKDATE_DAYS` before now.
 */
function requireSuppliedTime(value: string, field: string, recordedAt: string, context: CaseDecisionContext, notBefore: string, what: string): void {
  if (context.maxBackdateDays === undefined) throw new Error(`${field} is bounded by maxBackdateDays, which the context lacks`);
  const at = instantOf(value, field);
  const recorded = instantOf(recordedAt, 'recordedAt');
  if (at > recorded) throw new InvalidCommand(`${field} may not be in the future`, field);
  if (at < Date.parse(notBefore)) throw new InvalidCommand(`${field} may not be before ${what}`, field);
  if (recorded - at > context.maxBackdateDays * 86_400_000) throw new InvalidCommand(`${field} may be at most ${context.maxBackdateDays} days before now`, field);
}

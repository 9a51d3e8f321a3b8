import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { PolicyViolation, StateConflict } from '../shared/errors.js';
import type { IdempotencyEvent } from './idempotency.events.js';

export type IdempotencyCommand =
  | { readonly type: 'ClaimIdempotencyKey'; readonly requestHash: string; readonly occurredAt: string }
  | { readonly type: 'RecordIdempotentAnswer'; readonly requestHash: string; readonly status: number; readonly sealedAnswer: string; readonly occurredAt: string }
  | { readonly type: 'ReleaseIdempotencyKey'; readonly requestHash: string; readonly occurredAt: string };

export type IdempotencyState =
  | { readonly phase: 'unused' }
  | { readonly phase: 'in_flight'; readonly requestHash: string; readonly claimedAt: string }
  | { readonly phase: 'answered'; readonly requestHash: string; readonly status: number; readonly sealedAnswer: string };

export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY-KEY-REUSED';
export const IDEMPOTENCY_KEY_IN_FLIGHT = 'IDEMPOTENCY-KEY-IN-FLIGHT';
/** Not a policy section: the HTTP contract's own rule (docs/api.md, "Retrying a command"). */
const CITATION = 'docs/api.md: Idempotency-Key';

/** How long a claimed key may wait for its answer before the request that claimed it is taken as interrupted. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

export const initialIdempotencyState: IdempotencyState = { phase: 'unused' };

export function evolveIdempotency(state: IdempotencyState, event: IdempotencyEvent): IdempotencyState {
  switch (event.type) {
    case 'IdempotencyKeyClaimed':
      return { phase: 'in_flight', requestHash: event.data.requestHash, claimedAt: event.data.claimedAt };
    case 'IdempotentAnswerRecorded':
      return { phase: 'answered', requestHash: event.data.requestHash, status: event.data.status, sealedAnswer: event.data.sealedAnswer };
    case 'IdempotencyKeyReleased':
      return initialIdempotencyState;
    default:
      return assertNever(event, 'idempotency event');
  }
}

/** The same key for a different request is refused whatever the key's phase: it would otherwise answer the wrong request. */
function refuseOtherRequest(state: IdempotencyState, requestHash: string): void {
  if (state.phase !== 'unused' && state.requestHash !== requestHash) {
    throw new PolicyViolation(IDEMPOTENCY_KEY_REUSED, CITATION, 'This Idempotency-Key was already used for a different request; use a new key for a new request');
  }
}

export function decideIdempotency(command: IdempotencyCommand, state: IdempotencyState): IdempotencyEvent[] {
  switch (command.type) {
    case 'ClaimIdempotencyKey':
      refuseOtherRequest(state, command.requestHash);
      if (state.phase === 'in_flight') {
        // Longer than any request may run (the shutdown grace included): the first one was cut off by a stop.
        if (Date.parse(command.occurredAt) - Date.parse(state.claimedAt) > INTERRUPTED_AFTER_MS) {
          throw new StateConflict(
            IDEMPOTENCY_KEY_IN_FLIGHT,
            'The first request with this Idempotency-Key was interrupted (the server stopped) before it was answered, so whether it was recorded is not known: look for its effect before sending it again under a new key',
          );
        }
        throw new StateConflict(IDEMPOTENCY_KEY_IN_FLIGHT, 'The first request with this Idempotency-Key has not been answered yet; retry in a moment');
      }
      // An answered key is replayed by the caller before it claims; claiming it again would forget the answer.
      if (state.phase === 'answered') throw new StateConflict(IDEMPOTENCY_KEY_IN_FLIGHT, 'This Idempotency-Key has been answered already');
      return [{ type: 'IdempotencyKeyClaimed', data: { requestHash: command.requestHash, claimedAt: command.occurredAt } }];
    case 'RecordIdempotentAnswer':
      refuseOtherRequest(state, command.requestHash);
      if (state.phase !== 'in_flight') throw new StateConflict(IDEMPOTENCY_KEY_IN_FLIGHT, 'Only a claimed key records an answer');
      return [
        {
          type: 'IdempotentAnswerRecorded',
          data: { requestHash: command.requestHash, status: command.status, sealedAnswer: command.sealedAnswer, recordedAt: command.occurredAt },
        },
      ];
    case 'ReleaseIdempotencyKey':
      refuseOtherRequest(state, command.requestHash);
      if (state.phase !== 'in_flight') return [];
      return [{ type: 'IdempotencyKeyReleased', data: { requestHash: command.requestHash, releasedAt: command.occurredAt } }];
    default:
      return assertNever(command, 'idempotency command');
  }
}

export const idempotencyDecider: Decider<IdempotencyCommand, IdempotencyState, IdempotencyEvent, void> = {
  initialState: initialIdempotencyState,
  evolve: evolveIdempotency,
  decide: (command, state) => decideIdempotency(command, state),
};

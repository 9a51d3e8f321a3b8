import { decideIdempotency, evolveIdempotency, type IdempotencyCommand, type IdempotencyState, initialIdempotencyState } from './idempotency.decider.js';

const AT = '2026-03-01T10:00:00.000Z';
const claim = (requestHash = 'r1'): IdempotencyCommand => ({ type: 'ClaimIdempotencyKey', requestHash, occurredAt: AT });
const answer = (requestHash = 'r1'): IdempotencyCommand => ({ type: 'RecordIdempotentAnswer', requestHash, status: 201, sealedAnswer: 'sealed', occurredAt: AT });
const release = (requestHash = 'r1'): IdempotencyCommand => ({ type: 'ReleaseIdempotencyKey', requestHash, occurredAt: AT });
const given = (...commands: IdempotencyCommand[]): IdempotencyState =>
  commands.reduce((state, command) => decideIdempotency(command, state).reduce(evolveIdempotency, state), initialIdempotencyState);

describe('an Idempotency-Key', () => {
  it('given an unused key, when a request claims it and its answer is recorded, then the key holds that answer', () => {
    expect(decideIdempotency(claim(), initialIdempotencyState)).toEqual([{ type: 'IdempotencyKeyClaimed', data: { requestHash: 'r1', claimedAt: AT } }]);
    expect(given(claim(), answer())).toEqual({ phase: 'answered', requestHash: 'r1', status: 201, sealedAnswer: 'sealed' });
  });

  it('given a key in flight, when the same request claims it again, then it is refused as in flight (409)', () => {
    expect(() => decideIdempotency(claim(), given(claim()))).toThrow(expect.objectContaining({ kind: 'state', rule: 'IDEMPOTENCY-KEY-IN-FLIGHT', message: expect.stringContaining('not been answered yet') }));
  });

  it('given a key claimed long ago and never answered, when it is claimed again, then the answer says the first request was interrupted', () => {
    const later = { ...claim(), occurredAt: '2026-03-01T10:30:00.000Z' };
    expect(() => decideIdempotency(later, given(claim()))).toThrow(expect.objectContaining({ rule: 'IDEMPOTENCY-KEY-IN-FLIGHT', message: expect.stringContaining('interrupted') }));
  });

  it('given a key claimed or answered, when a different request uses it, then it is refused as reused (422)', () => {
    for (const state of [given(claim()), given(claim(), answer())]) {
      expect(() => decideIdempotency(claim('r2'), state)).toThrow(expect.objectContaining({ kind: 'policy', rule: 'IDEMPOTENCY-KEY-REUSED' }));
      expect(() => decideIdempotency(answer('r2'), state)).toThrow(expect.objectContaining({ rule: 'IDEMPOTENCY-KEY-REUSED' }));
    }
  });

  it('given an answered key, when it is claimed again, then nothing forgets the answer', () => {
    expect(() => decideIdempotency(claim(), given(claim(), answer()))).toThrow(expect.objectContaining({ kind: 'state' }));
    expect(decideIdempotency(release(), given(claim(), answer()))).toEqual([]);
  });

  it('given a released key, when any request claims it, then it may', () => {
    expect(given(claim(), release())).toEqual(initialIdempotencyState);
    expect(decideIdempotency(claim('r2'), given(claim(), release()))).toHaveLength(1);
  });
});

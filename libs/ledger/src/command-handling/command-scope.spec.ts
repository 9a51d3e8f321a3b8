import { newEntityId, newSecretBytes, repeatableEntityId, runAsRepeatableRequest } from './command-scope.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const seed = Buffer.alloc(32, 7);

/** What one sending of a request makes, in the order a handler makes it: an id, a secret, an id. */
const oneSending = () => [newEntityId(), newSecretBytes(32).toString('hex'), newEntityId()];

describe('what a repeatable request creates', () => {
  it('given the same request sent twice, when each makes ids and secrets in the same order, then both make the same ones', () => {
    const first = runAsRepeatableRequest('command-1', oneSending, seed);
    const again = runAsRepeatableRequest('command-1', oneSending, seed);

    expect(again).toEqual(first);
    expect(first[0]).toMatch(UUID_V4);
    expect(first[2]).toMatch(UUID_V4);
    expect(new Set(first).size).toBe(3);
  });

  it('given another request, or the same one with another secret seed, then its ids or secrets differ', () => {
    const first = runAsRepeatableRequest('command-1', oneSending, seed);
    const other = runAsRepeatableRequest('command-2', oneSending, seed);
    const otherSeed = runAsRepeatableRequest('command-1', oneSending, Buffer.alloc(32, 8));

    expect(other[0]).not.toBe(first[0]);
    expect(otherSeed[0]).toBe(first[0]);
    expect(otherSeed[1]).not.toBe(first[1]);
  });

  it('given no request scope (or one without a seed for secrets), then ids and secrets are random', () => {
    expect(repeatableEntityId()).toBeUndefined();
    expect(newEntityId()).not.toBe(newEntityId());
    expect(newSecretBytes(32).equals(newSecretBytes(32))).toBe(false);
    const unseeded = () => newSecretBytes(16).toString('hex');
    expect(runAsRepeatableRequest('command-1', unseeded)).not.toBe(runAsRepeatableRequest('command-1', unseeded));
  });

  it('given a secret longer than one digest, then every byte of it is derived', () => {
    const long = runAsRepeatableRequest('command-1', () => newSecretBytes(80), seed);

    expect(long).toHaveLength(80);
    expect(long.subarray(64).equals(Buffer.alloc(16))).toBe(false);
    expect(runAsRepeatableRequest('command-1', () => newSecretBytes(80), seed).equals(long)).toBe(true);
  });
});

import { WrongExpectedVersionError } from './event-store.port.js';
import { CONFLICT_ATTEMPTS, retryOnConflict } from './retry-on-conflict.js';

const conflict = () => new WrongExpectedVersionError('case-1', 0n, 1n);

describe('retryOnConflict (the one retry policy for lost races)', () => {
  it('runs again after a lost race and returns what the winning attempt returns', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw conflict();
      return 'written';
    });
    expect(result).toBe('written');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up after the policy’s attempts with the last conflict', async () => {
    let runs = 0;
    await expect(retryOnConflict(async () => { runs++; throw conflict(); })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(runs).toBe(CONFLICT_ATTEMPTS);
  });

  it('never retries any other error', async () => {
    let runs = 0;
    await expect(retryOnConflict(async () => { runs++; throw new TypeError('bad'); })).rejects.toThrow('bad');
    expect(runs).toBe(1);
  });
});

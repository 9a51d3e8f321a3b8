import { jest } from '@jest/globals';
import { PositionWatch } from './position-watch.js';

describe('PositionWatch', () => {
  it('answers at once for a position already reached, and on the advance that reaches a later one', async () => {
    const watch = new PositionWatch(5n);
    await expect(watch.waitFor(5n, 1000)).resolves.toBe(true);
    const waiting = watch.waitFor(9n, 60_000);
    let answered: boolean | undefined;
    void waiting.then((reached) => (answered = reached));
    watch.advance(8n);
    await Promise.resolve();
    expect(answered).toBeUndefined();
    watch.advance(12n);
    await expect(waiting).resolves.toBe(true);
    expect(watch.position).toBe(12n);
  });

  it('never moves back', () => {
    const watch = new PositionWatch(null);
    watch.advance(7n);
    watch.advance(3n);
    expect(watch.position).toBe(7n);
  });

  it('answers false at the timeout and when released', async () => {
    jest.useFakeTimers();
    try {
      const watch = new PositionWatch(null);
      const timedOut = watch.waitFor(1n, 50);
      jest.advanceTimersByTime(50);
      await expect(timedOut).resolves.toBe(false);
      const released = watch.waitFor(1n, 60_000);
      watch.releaseAll();
      await expect(released).resolves.toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

import { OneRunAtATime } from './one-run-at-a-time.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** Each run waits until the test settles it. */
function controlledRuns() {
  const runs: ReturnType<typeof deferred<number>>[] = [];
  const single = new OneRunAtATime(() => {
    const run = deferred<number>();
    runs.push(run);
    return run.promise;
  });
  return { runs, single };
}

describe('OneRunAtATime', () => {
  it('runs once for callers during a run, and once more, shared, for everyone who came meanwhile', async () => {
    const { runs, single } = controlledRuns();
    const first = single.run();
    const second = single.run();
    const third = single.run();
    expect(runs).toHaveLength(1);
    runs[0].resolve(1);
    await expect(first).resolves.toBe(1);
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    runs[1].resolve(2);
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
    const fourth = single.run();
    expect(runs).toHaveLength(3);
    runs[2].resolve(3);
    await expect(fourth).resolves.toBe(3);
  });

  it('a failed run fails its callers only, and the waiting callers get a fresh run', async () => {
    const { runs, single } = controlledRuns();
    const failing = single.run();
    const waiting = single.run();
    runs[0].reject(new Error('disk gone'));
    await expect(failing).rejects.toThrow('disk gone');
    await Promise.resolve();
    runs[1].resolve(7);
    await expect(waiting).resolves.toBe(7);
  });
});

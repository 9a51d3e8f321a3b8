/** What `withinBound` answers when the work did not answer in time. */
export const TIMED_OUT = Symbol('timed out');

/** `work`'s answer, or `TIMED_OUT` once `boundMs` have passed without one (the work itself goes on). */
export function withinBound<T>(work: Promise<T>, boundMs: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), boundMs)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

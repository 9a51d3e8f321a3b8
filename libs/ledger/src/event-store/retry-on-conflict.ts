import { WrongExpectedVersionError } from './event-store.port.js';

/** How many times a write that lost an optimistic-concurrency race is tried in all. */
export const CONFLICT_ATTEMPTS = 5;

/**
 * The ledger's one retry policy for writes that lost a race: `attempt` runs again (re-reading what
 * it depends on) while it fails with `WrongExpectedVersionError`, after a jittered back-off so that
 * writers that collided do not collide again on the next turn. Any other error, or the last
 * attempt's conflict, reaches the caller.
 */
export async function retryOnConflict<T>(attempt: (attemptNumber: number) => Promise<T>, attempts = CONFLICT_ATTEMPTS): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attemptNumber >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attemptNumber));
    }
  }
}

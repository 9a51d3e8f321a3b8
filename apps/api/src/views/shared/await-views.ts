import { ServiceUnavailableException } from '@nestjs/common';
import type { LiveViews } from '@ledger/runtime';

/** How long a query waits for the views to reach the `minPosition` it names. */
export const MIN_POSITION_WAIT_MS = 5000;

/**
 * Read-your-writes for view queries: with `minPosition`, waits up to 5 s for the views to reach it.
 * If they do not, the answer is 503 (problem+json) rather than an answer that silently misses the
 * caller's own write: the caller asked for that position, so a stale list would be wrong, not late.
 */
export async function awaitViews(runner: LiveViews, minPosition: string | undefined): Promise<void> {
  if (minPosition === undefined) return;
  const reached = await runner.waitFor(BigInt(minPosition), MIN_POSITION_WAIT_MS);
  if (!reached) {
    throw new ServiceUnavailableException(
      `The views have not reached position ${minPosition} within ${MIN_POSITION_WAIT_MS / 1000} s (they are at ${runner.checkpoint ?? 'none'}); retry shortly`,
    );
  }
}

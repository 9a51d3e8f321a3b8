import type { EventStore, LedgerLog } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { TIMED_OUT, withinBound } from '../http/within-bound.js';

/** How long the store may take to answer, and the views and the log to reach its head, before the instance is not ready. */
export const READY_BOUND_MS = 2000;
const LOG_POLL_MS = 25;

export interface ReadinessCheck {
  readonly ok: boolean;
  /** The `$all` position this part has reached (decimal string), or the store's head. */
  readonly position: string | null;
  readonly detail?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: { readonly store: ReadinessCheck; readonly views: ReadinessCheck; readonly log: ReadinessCheck };
}

const text = (position: bigint | null | undefined) => (position === null || position === undefined ? null : position.toString());

/** The `$all` position of the log's last leaf (null: no leaf yet). */
const logPosition = (log: LedgerLog): bigint | null => (log.size === 0 ? null : (log.store.leafAt(log.size - 1)?.position ?? null));

/**
 * Whether this instance can serve: the store answers, and the views and the verifiable log reach
 * the store's head within `boundMs` (so a read after a write sees it, and a proof asked for exists),
 * and the integrity alarm is down. Waits at most about `boundMs` in all.
 */
export async function readiness(store: EventStore, views: LiveViews, log: LedgerLog, boundMs = READY_BOUND_MS): Promise<Readiness> {
  const deadline = Date.now() + boundMs;
  let head: bigint | null;
  try {
    const answer = await withinBound(store.headPosition(), boundMs);
    if (answer === TIMED_OUT) return notReady(`the event store did not answer within ${boundMs} ms`, views, log);
    head = answer;
  } catch (error) {
    return notReady(`the event store does not answer: ${(error as Error).message}`, views, log);
  }
  const store_: ReadinessCheck = { ok: true, position: text(head) };
  const viewsOk = head === null || (views.checkpoint !== null && views.checkpoint >= head) || (await views.waitFor(head, Math.max(0, deadline - Date.now())));
  while (head !== null && (logPosition(log) ?? -1n) < head && Date.now() < deadline && !log.alarm.raised) {
    await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
  }
  const alarm = log.alarm.raised;
  const logOk = !alarm && (head === null || (logPosition(log) ?? -1n) >= head);
  const checks = {
    store: store_,
    views: { ok: viewsOk, position: text(views.checkpoint), ...(viewsOk ? {} : { detail: `the views did not reach the store's head within ${boundMs} ms` }) },
    log: {
      ok: logOk,
      position: text(logPosition(log)),
      ...(logOk ? {} : { detail: alarm ? `integrity alarm: ${alarm.reason}` : `the log did not reach the store's head within ${boundMs} ms` }),
    },
  };
  return { ready: viewsOk && logOk, checks };
}

function notReady(detail: string, views: LiveViews, log: LedgerLog): Readiness {
  return {
    ready: false,
    checks: {
      store: { ok: false, position: null, detail },
      views: { ok: false, position: text(views.checkpoint), detail: 'not checked: the store does not answer' },
      log: { ok: false, position: text(logPosition(log)), detail: 'not checked: the store does not answer' },
    },
  };
}

/**
 * A worker for the ordered range pool's spec: answers each range with its bounds and how many events
 * it holds, after a pause that differs from range to range (so that answers arrive out of order),
 * and fails on the range that starts at position 13.
 */
import { threadId } from 'node:worker_threads';
import { serveRanges } from '../../libs/ledger/src/event-store/range-pool/range-worker.js';

export interface ProbeAnswer {
  readonly from: string;
  readonly to: string;
  readonly events: number;
  readonly threadId: number;
}

export const FAILING_RANGE_START = 13n;

serveRanges<ProbeAnswer>((scan, from, to) => {
  if (from === FAILING_RANGE_START) throw new Error(`no range may start at ${from}`);
  const pauseUntil = Date.now() + Number((from * 7n) % 5n);
  while (Date.now() < pauseUntil);
  let events = 0;
  scan.scan(from, to, () => ++events > 0);
  return { result: { from: String(from), to: String(to), events, threadId } };
});

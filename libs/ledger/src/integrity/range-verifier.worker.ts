/**
 * Worker thread of `verifyLedger`: verifies the ranges of `$all` it is sent (`serveRanges`), and
 * answers each range's result with its typed arrays transferred, not copied.
 * Runs only compiled (dist/); under jest the verifier verifies in its own thread instead.
 */
import { serveRanges } from '../event-store/range-pool/range-worker.js';
import { buffersOf, verifyRange, type RangeResult } from './range-verifier.js';

serveRanges<RangeResult>((scan, from, to) => {
  const result = verifyRange(scan, from, to);
  return { result, transfer: buffersOf(result) };
});

import fc from 'fast-check';
import type { CaseFileLogEvent } from './case-file-log.js';
import { PROVEN_FILE_KEY, provenCaseFile } from './testing/proven-case-file.js';
import { verifyCaseFile } from './verify-case-file.js';

/** How a case file's events can be tampered with: each changes which events the file holds, or their order. */
type Tampering = { kind: 'remove'; at: number } | { kind: 'swap'; a: number; b: number } | { kind: 'duplicate'; from: number; to: number } | { kind: 'foreign'; pick: number; to: number };

const tampering: fc.Arbitrary<Tampering> = fc.oneof(
  fc.nat().map((at) => ({ kind: 'remove' as const, at })),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => ({ kind: 'swap' as const, a, b })),
  fc.tuple(fc.nat(), fc.nat()).map(([from, to]) => ({ kind: 'duplicate' as const, from, to })),
  fc.tuple(fc.nat(), fc.nat()).map(([pick, to]) => ({ kind: 'foreign' as const, pick, to })),
);

/** The tampered event list, or null when the tampering changes nothing (a swap of an event with itself). */
function tamper(events: readonly CaseFileLogEvent[], foreign: readonly CaseFileLogEvent[], how: Tampering): CaseFileLogEvent[] | null {
  const n = events.length;
  const out = [...events];
  switch (how.kind) {
    case 'remove':
      out.splice(how.at % n, 1);
      return out;
    case 'swap': {
      const [a, b] = [how.a % n, how.b % n];
      if (a === b) return null;
      [out[a], out[b]] = [out[b], out[a]];
      return out;
    }
    case 'duplicate':
      out.splice(how.to % (n + 1), 0, events[how.from % n]);
      return out;
    case 'foreign':
      if (foreign.length === 0) return null;
      out.splice(how.to % (n + 1), 0, foreign[how.pick % foreign.length]);
      return out;
    default: {
      const never: never = how;
      return never;
    }
  }
}

const shape = fc.record({
  caseEvents: fc.integer({ min: 1, max: 8 }),
  others: fc.array(fc.nat({ max: 4 }), { minLength: 9, maxLength: 9 }),
});

describe('ledger verify-file: a case file proves it is complete', () => {
  it('an untouched file verifies, its completeness proven by the checkpoint’s map of stream heads', () => {
    fc.assert(
      fc.property(shape, ({ caseEvents, others }) => {
        const { caseId, log } = provenCaseFile('c1', caseEvents, others);
        expect(verifyCaseFile({ caseId, log }, PROVEN_FILE_KEY)).toEqual(expect.objectContaining({ ok: true, events: caseEvents, completeness: 'proven' }));
      }),
      { numRuns: 60 },
    );
  });

  it('any removal, reorder or addition of events (first, middle or last) fails', () => {
    fc.assert(
      fc.property(shape, tampering, ({ caseEvents, others }, how) => {
        const { caseId, log, foreign } = provenCaseFile('c1', caseEvents, others);
        const events = tamper(log.events, foreign, how);
        fc.pre(events !== null);
        const report = verifyCaseFile({ caseId, log: { ...log, events } }, PROVEN_FILE_KEY);
        expect(report.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('a cut tail fails even when the file’s head claim is rewritten to match, or the head proof is dropped', () => {
    const { caseId, log } = provenCaseFile('c1', 4, [2, 1, 0, 3, 2]);
    const cut = log.events.slice(0, -1);
    const last = cut[cut.length - 1];
    expect(verifyCaseFile({ caseId, log: { ...log, events: cut } }, PROVEN_FILE_KEY).problem).toMatch(
      /head at the checkpoint is revision 3 .* but the file's last event is revision 2 .*: events are missing from the file/,
    );
    const claimed = { ...log, events: cut, streamHead: { ...log.streamHead!, revision: last.revision, leafIndex: last.leafIndex } };
    expect(verifyCaseFile({ caseId, log: claimed }, PROVEN_FILE_KEY).problem).toMatch(/does not lead to the checkpoint's map of stream heads/);
    const { streamHead: _dropped, ...withoutHead } = log;
    expect(verifyCaseFile({ caseId, log: { ...withoutHead, events: cut } }, PROVEN_FILE_KEY).problem).toMatch(/carries no proof of its stream’s head/);
  });

  it('refuses a tampered head proof, and a file whose events are not the case’s', () => {
    const { caseId, log } = provenCaseFile('c1', 3, [1, 2, 1, 1]);
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 255 }), (at, bit) => {
        fc.pre(log.streamHead!.mapProof.length > 0);
        const proof = log.streamHead!.mapProof.map((hash) => Buffer.from(hash, 'base64'));
        proof[at % proof.length][bit >> 3] ^= 1 << (bit & 7);
        const tampered = { ...log, streamHead: { ...log.streamHead!, mapProof: proof.map((hash) => hash.toString('base64')) } };
        expect(verifyCaseFile({ caseId, log: tampered }, PROVEN_FILE_KEY).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
    expect(verifyCaseFile({ caseId: 'c2', log }, PROVEN_FILE_KEY).problem).toMatch(/not of case c2/);
  });

  it('a checkpoint signed before the map still verifies as before, and says its completeness is not proven', () => {
    const { caseId, log } = provenCaseFile('c1', 3, [1, 0, 2, 1], false);
    expect(verifyCaseFile({ caseId, log }, PROVEN_FILE_KEY)).toEqual(expect.objectContaining({ ok: true, completeness: 'not_committed' }));
    // The limit such a file has: a cut tail is not seen.
    expect(verifyCaseFile({ caseId, log: { ...log, events: log.events.slice(0, -1) } }, PROVEN_FILE_KEY)).toEqual(
      expect.objectContaining({ ok: true, completeness: 'not_committed' }),
    );
  });
});

import { createHash } from 'node:crypto';
import { consistencyProof, MemoryStoredHashes, rootAt } from '@ledger/ledger';
import type { CaseFileLog } from './case-file-log.js';
import { carriedConsistencyProof, checkLaterCheckpoint } from './later-checkpoint.js';

const leaf = (name: string) => createHash('sha256').update(name).digest();
/** A log of `size` entries named `<prefix><i>`. */
function tree(size: number, prefix = 'e'): MemoryStoredHashes {
  const hashes = new MemoryStoredHashes();
  for (let i = 0; i < size; i++) hashes.append(leaf(`${prefix}${i}`));
  return hashes;
}
const origin = 'library.example/ledger';
const log = tree(20);
const fileLog = (size: number, root = rootAt(log, size)) => ({ origin, size, root: root.toString('base64') }) as CaseFileLog;
const proofBody = (from: number, to: number, hashes = log) => ({ from, to, hashes: consistencyProof(hashes, from, to).map((hash) => hash.toString('base64')) });

describe('holding a case file’s checkpoint to a later one', () => {
  it('is consistent when the proof shows the later tree extends the file’s, or the sizes and roots are the same', () => {
    for (const [from, to] of [[1, 20], [7, 8], [8, 13], [16, 20]] as const) {
      expect(checkLaterCheckpoint(fileLog(from), { origin, size: to, root: rootAt(log, to) }, proofBody(from, to)).outcome).toBe('consistent');
    }
    expect(checkLaterCheckpoint(fileLog(9), { origin, size: 9, root: rootAt(log, 9) }, null)).toMatchObject({ outcome: 'consistent', message: expect.stringMatching(/the file's own/) });
  });

  it('proves a contradiction: a history rewritten after the file (its proof fails), or two roots for one size', () => {
    const fork = tree(20);
    // Another history from entry 5 on: the same first five entries, then others.
    const rewritten = new MemoryStoredHashes();
    for (let i = 0; i < 20; i++) rewritten.append(leaf(i < 5 ? `e${i}` : `x${i}`));
    const later = { origin, size: 20, root: rootAt(rewritten, 20) };
    expect(checkLaterCheckpoint(fileLog(9), later, proofBody(9, 20, rewritten))).toMatchObject({ outcome: 'inconsistent', message: expect.stringMatching(/does not verify/) });
    expect(checkLaterCheckpoint(fileLog(9), later, proofBody(9, 20, fork)).outcome).toBe('inconsistent');
    expect(checkLaterCheckpoint(fileLog(5), later, proofBody(5, 20, rewritten)).outcome).toBe('consistent');
    expect(checkLaterCheckpoint(fileLog(9), { origin, size: 9, root: rootAt(rewritten, 9) }, null)).toMatchObject({ outcome: 'inconsistent', message: expect.stringMatching(/two roots signed for size 9/) });
  });

  it('could not check: no proof, a proof for other sizes, an older checkpoint, another log', () => {
    const later = { origin, size: 20, root: rootAt(log, 20) };
    expect(checkLaterCheckpoint(fileLog(9), later, null)).toMatchObject({ outcome: 'could_not_check', message: expect.stringMatching(/pass --url and --token/) });
    expect(checkLaterCheckpoint(fileLog(9), later, proofBody(8, 20)).outcome).toBe('could_not_check');
    expect(checkLaterCheckpoint(fileLog(9), { origin, size: 4, root: rootAt(log, 4) }, null).message).toMatch(/fewer than the file's 9/);
    expect(checkLaterCheckpoint(fileLog(9), { ...later, origin: 'elsewhere.example/log' }, proofBody(9, 20)).outcome).toBe('could_not_check');
  });

  it('finds the proof the file carries for the later size', () => {
    const carried = { ...fileLog(9), consistencyProofs: [proofBody(9, 12), proofBody(9, 20)] } as CaseFileLog;
    expect(carriedConsistencyProof(carried, 20)).toEqual(proofBody(9, 20));
    expect(carriedConsistencyProof(carried, 13)).toBeNull();
  });
});

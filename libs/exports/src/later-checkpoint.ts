import { type ConsistencyProofBody, openNote, parseCheckpoint, parseVerifierKey, verifyConsistency } from '@ledger/ledger';
import type { CaseFileLog } from './case-file-log.js';

export interface LaterCheckpointCheck {
  /** `consistent`: the later checkpoint extends the file's; `inconsistent`: a contradiction proven; `could_not_check`: nothing proven either way. */
  readonly outcome: 'consistent' | 'inconsistent' | 'could_not_check';
  readonly later: { readonly origin: string; readonly size: number; readonly root: string } | null;
  /** In words: what holds, or what contradicts, or why it could not be checked. */
  readonly message: string;
}

export interface LaterCheckpoint {
  readonly size: number;
  readonly origin: string;
  readonly root: Buffer;
}

/** Opens the later checkpoint (a signed note, cosignature lines allowed) with the log's key; throws when it does not open. */
export function openLaterCheckpoint(note: string, verifierKey: string): LaterCheckpoint {
  const checkpoint = parseCheckpoint(openNote(note.endsWith('\n') ? note : `${note}\n`, parseVerifierKey(verifierKey)));
  return { size: checkpoint.size, origin: checkpoint.origin, root: checkpoint.root };
}

/**
 * Holds a case file's checkpoint to a later signed checkpoint of the same log (one a witness kept,
 * or today's): the later one must open with the log's key and be for the same origin, and the
 * consistency proof (the file's own, `log.consistencyProofs`, or one the server gave) must show
 * that it extends the file's. Run after the file itself verified.
 */
export function checkLaterCheckpoint(log: CaseFileLog, later: LaterCheckpoint, proof: ConsistencyProofBody | null): LaterCheckpointCheck {
  const summary = { origin: later.origin, size: later.size, root: later.root.toString('base64') };
  const couldNot = (message: string): LaterCheckpointCheck => ({ outcome: 'could_not_check', later: summary, message });
  if (later.origin !== log.origin) return couldNot(`the later checkpoint is of log "${later.origin}", the file's of "${log.origin}"`);
  if (later.size < log.size) return couldNot(`the checkpoint given covers ${later.size} entries, fewer than the file's ${log.size}: give a later one`);
  const fileRoot = Buffer.from(log.root, 'base64');
  if (later.size === log.size) {
    return fileRoot.equals(later.root)
      ? { outcome: 'consistent', later: summary, message: `the later checkpoint is the file's own (size ${log.size}, the same root)` }
      : { outcome: 'inconsistent', later: summary, message: `two roots signed for size ${log.size}: the file's ${log.root} and the later checkpoint's ${summary.root}` };
  }
  if (!proof) return couldNot(`no consistency proof from ${log.size} to ${later.size}: pass --url and --token to ask the ledger for one`);
  if (proof.from !== log.size || proof.to !== later.size || !Array.isArray(proof.hashes)) {
    return couldNot(`the consistency proof given is from ${String(proof.from)} to ${String(proof.to)}, not from ${log.size} to ${later.size}`);
  }
  const hashes = proof.hashes.map((hash) => Buffer.from(String(hash), 'base64'));
  return verifyConsistency(log.size, later.size, fileRoot, later.root, hashes)
    ? { outcome: 'consistent', later: summary, message: `the later checkpoint (size ${later.size}) extends the file's (size ${log.size}): the log was not rewritten between them` }
    : {
        outcome: 'inconsistent',
        later: summary,
        message: `the consistency proof from the file's checkpoint (size ${log.size}) to the later one (size ${later.size}) does not verify: the log the file was proven in is not the one the later checkpoint signs`,
      };
}

/** The consistency proof the file itself carries from its checkpoint to a later size, if any. */
export function carriedConsistencyProof(log: CaseFileLog, laterSize: number): ConsistencyProofBody | null {
  return log.consistencyProofs?.find((proof) => proof.from === log.size && proof.to === laterSize) ?? null;
}

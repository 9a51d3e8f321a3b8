import {
  hashStoredLink,
  leafOf,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  readSeal,
  verifyInclusion,
} from '@ledger/ledger';
import type { CaseFileLog } from './case-file-log.js';

export interface CaseFileVerification {
  readonly ok: boolean;
  /** Every event checked (chain link and inclusion) before the first problem. */
  readonly events: number;
  /** Events whose stored data the file withholds (it would name the patron): linked and proven in the log by their hash, not re-hashed. */
  readonly withheld: number;
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly root: string; readonly keyId: string } | null;
  /** Whether the key came with the file (true) or from the caller (`--key`). */
  readonly keyFromFile: boolean;
  /** The first thing that is wrong, in words. */
  readonly problem?: string;
}

const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

/**
 * Counsel's offline check of an exported case file (JSON): the checkpoint's signature, then every
 * event's chain link (re-hashed from the stored bytes the file carries, each linked to the one
 * before from revision 0), then every event's inclusion proof to the checkpoint's root, and that
 * the file's chronology and manifest name the very events that were checked.
 */
export function verifyCaseFile(file: unknown, verifierKey?: string): CaseFileVerification {
  let withheld = 0;
  const fail = (events: number, problem: string, checkpoint: CaseFileVerification['checkpoint'] = null): CaseFileVerification => ({
    ok: false,
    events,
    withheld,
    checkpoint,
    keyFromFile: verifierKey === undefined,
    problem,
  });
  const log = (file as { log?: CaseFileLog } | null)?.log;
  if (!log || typeof log.checkpoint !== 'string' || !Array.isArray(log.events)) return fail(0, 'the file carries no proofs (no "log" section): export it again from a current ledger');
  let verifier: NoteVerifier;
  let checkpoint;
  try {
    verifier = parseVerifierKey(verifierKey ?? log.publicKey);
    checkpoint = parseCheckpoint(openNote(log.checkpoint, verifier));
  } catch (error) {
    return fail(0, `the checkpoint's signature does not verify: ${(error as Error).message}`);
  }
  const summary = { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString('base64'), keyId: verifier.keyId.toString('hex') };
  if (checkpoint.origin !== verifier.name) return fail(0, `the checkpoint is for log "${checkpoint.origin}", the key for "${verifier.name}"`, summary);

  let prev: string | null = null;
  for (const [i, event] of log.events.entries()) {
    if (event.data === null) withheld += 1;
    const at = `event ${i} (revision ${event.revision}, ${event.type})`;
    const seal = typeof event.metadata === 'string' ? readSeal(event.metadata) : null;
    if (!seal) return fail(i, `${at} carries no chain fields`, summary);
    if (event.revision !== String(i)) return fail(i, `${at}: the stream's events are not all here from revision 0`, summary);
    if (seal.prev !== prev) return fail(i, `${at} does not link to the event before it`, summary);
    if (event.data !== null && hashStoredLink(event.stream, BigInt(event.revision), event.type, event.data, event.metadata, seal) !== seal.hash) {
      return fail(i, `${at}: its hash does not match its stored bytes (the event was altered)`, summary);
    }
    const leaf = leafOf({ id: event.eventId, stream: event.stream, revision: BigInt(event.revision), metadata: event.metadata });
    if (!verifyInclusion(event.leafIndex, checkpoint.size, leaf, event.inclusionProof.map(b64), checkpoint.root)) {
      return fail(i, `${at}: its inclusion proof does not lead to the checkpoint's root (entry ${event.leafIndex} of ${checkpoint.size})`, summary);
    }
    prev = seal.hash;
  }
  const manifest = (file as { manifest?: { revision: string; type: string; hash: string | null }[] }).manifest ?? [];
  const checked = new Map(log.events.map((event) => [event.revision, event]));
  const shown = [...manifest, ...((file as { chronology?: { revision: string; type: string }[] }).chronology ?? [])];
  for (const entry of shown) {
    const event = checked.get(entry.revision);
    const hash = 'hash' in entry ? entry.hash : undefined;
    if (!event || event.type !== entry.type || (hash !== undefined && hash !== readSeal(event.metadata)!.hash)) {
      return fail(log.events.length, `the file shows revision ${entry.revision} (${entry.type}) that is not the event its proofs cover`, summary);
    }
  }
  return { ok: true, events: log.events.length, withheld, checkpoint: summary, keyFromFile: verifierKey === undefined };
}

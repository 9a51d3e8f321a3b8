import {
  encodeStreamHead,
  hashMapValue,
  hashStoredLink,
  mapKey,
  streamHeadsRootOf,
  verifyMapMembership,
  leafOf,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  readSeal,
  verifyInclusion,
} from '@ledger/ledger';
import type { CaseFileLog } from './case-file-log.js';
import { checkDerivedSections } from './case-file-sections.js';

export interface CaseFileVerification {
  readonly ok: boolean;
  /** Every event checked (chain link and inclusion) before the first problem. */
  readonly events: number;
  /** Events whose stored data the file withholds (it would name the patron): linked and proven in the log by their hash, not re-hashed. */
  readonly withheld: number;
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly root: string; readonly keyId: string } | null;
  /**
   * `proven`: the checkpoint commits to the stream's head and the file holds every event up to it;
   * `not_committed`: the checkpoint predates the map of stream heads, so a file cut short would pass too.
   */
  readonly completeness: 'proven' | 'not_committed' | null;
  /**
   * The readable sections (summary, evaluation, instruments, decisions, productions, chronology,
   * manifest, …) derived again from the event bytes and found to be the file's: `checked`; or why
   * they could not be (`not_checked: …`); null before the events were verified.
   */
  readonly sections: 'checked' | `not_checked: ${string}` | null;
  /**
   * The findings that rest on the case's own events, derived again with the settings the file carries
   * and found to be the file's: `checked`; `not_recomputed`: the file predates those settings (or its
   * sections could not be derived); null before the events were verified. Findings found on other
   * streams (breach notices, purges) are never recomputed.
   */
  readonly findings: 'checked' | 'not_recomputed' | null;
  /** Whether the key came with the file (true) or from the caller (`--key`). */
  readonly keyFromFile: boolean;
  /** The first thing that is wrong, in words. */
  readonly problem?: string;
}

const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

/**
 * Counsel's offline check of an exported case file (JSON): the checkpoint's signature, then every
 * event's chain link (re-hashed from the stored bytes the file carries, each linked to the one
 * before from revision 0, all of the case's stream), then every event's inclusion proof to the
 * checkpoint's root; then, when the checkpoint commits to the map of stream heads, that the file's
 * last event is its stream's head there (so no event is missing, first, middle or last); and that
 * the file's chronology and manifest name the very events that were checked.
 */
export function verifyCaseFile(file: unknown, verifierKey?: string): CaseFileVerification {
  let withheld = 0;
  const fail = (events: number, problem: string, checkpoint: CaseFileVerification['checkpoint'] = null): CaseFileVerification => ({
    ok: false,
    events,
    withheld,
    checkpoint,
    completeness: null,
    sections: null,
    findings: null,
    keyFromFile: verifierKey === undefined,
    problem,
  });
  const log = (file as { log?: CaseFileLog } | null)?.log;
  if (!log || typeof log.checkpoint !== 'string' || !isList(log.events)) return fail(0, 'the file carries no proofs (no "log" section): export it again from a current ledger');
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

  let headsRoot: Buffer | null;
  try {
    headsRoot = streamHeadsRootOf(checkpoint.extensions);
  } catch (error) {
    return fail(0, `the checkpoint's map of stream heads: ${(error as Error).message}`, summary);
  }
  const stream = log.events[0]?.stream;
  if (stream === undefined) return fail(0, 'the file carries no events', summary);
  const caseId = (file as { caseId?: unknown }).caseId;
  if (typeof caseId === 'string' && stream !== `case-${caseId}`) return fail(0, `the events are of stream ${stream}, not of case ${caseId}`, summary);

  let prev: string | null = null;
  for (const [i, event] of log.events.entries()) {
    if (event.stream !== stream) return fail(i, `event ${i} is of stream ${event.stream}, not ${stream}`, summary);
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
  const completeness = headsRoot ? streamHeadProblem(log, headsRoot) : null;
  if (completeness) return fail(log.events.length, completeness, summary);
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
  const sections = checkDerivedSections(file as Record<string, unknown>, log);
  if (sections.checked && sections.difference) {
    return fail(log.events.length, `the file's ${sections.difference}: its readable sections are not the ones its events give`, summary);
  }
  return {
    ok: true,
    events: log.events.length,
    withheld,
    checkpoint: summary,
    completeness: headsRoot ? 'proven' : 'not_committed',
    sections: sections.checked ? 'checked' : `not_checked: ${sections.reason}`,
    findings: sections.checked ? sections.findings : 'not_recomputed',
    keyFromFile: verifierKey === undefined,
  };
}

/**
 * Why the file's last event is not its stream's head in the checkpoint's map (events were left out
 * at the end, or the proof is not one); null when it is. The events before it are already linked
 * from revision 0, each proven in the log: with the head, they are the whole stream.
 */
function streamHeadProblem(log: CaseFileLog, headsRoot: Buffer): string | null {
  const head = log.streamHead;
  const last = log.events[log.events.length - 1];
  if (!head || typeof head !== 'object' || !Array.isArray(head.mapProof)) {
    return 'the checkpoint commits to every stream’s head, but the file carries no proof of its stream’s head: it cannot show that it holds every event';
  }
  if (head.stream !== last.stream) return `the file proves the head of stream ${String(head.stream)}, not of ${last.stream}`;
  if (head.revision !== last.revision || head.leafIndex !== last.leafIndex) {
    return `the stream's head at the checkpoint is revision ${String(head.revision)} (entry ${String(head.leafIndex)}), but the file's last event is revision ${last.revision} (entry ${last.leafIndex}): events are missing from the file`;
  }
  const key = mapKey(last.stream);
  const value = encodeStreamHead({ revision: BigInt(last.revision), leafIndex: last.leafIndex });
  const proof = { siblings: head.mapProof.map((hash) => b64(String(hash))), leaf: { key, valueHash: hashMapValue(value) } };
  if (!verifyMapMembership(headsRoot, key, value, proof)) {
    return `the proof of stream ${last.stream}'s head (revision ${last.revision}, entry ${last.leafIndex}) does not lead to the checkpoint's map of stream heads: events are missing from the file, or the proof was altered`;
  }
  return null;
}

/** Whether a value read from a file is a list; unlike `Array.isArray`, it leaves the declared element type as it was. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

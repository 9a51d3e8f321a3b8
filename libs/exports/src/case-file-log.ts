import type { ConsistencyProofBody, LedgerLog, RecordedEvent } from '@ledger/ledger';
import { LedgerIntegrityError, LogRangeError, parseCheckpoint, parseNote, parseVerifierKey } from '@ledger/ledger';

/**
 * What a case file carries so that it can be checked without the ledger (`ledger verify-file`):
 * each event's stored bytes, its leaf index and its inclusion proof, one signed checkpoint they all
 * lead to, and the log's public key.
 */
export interface CaseFileLog {
  /** The C2SP signed checkpoint the proofs lead to. */
  readonly checkpoint: string;
  /** The log's verifier key (`<name>+<hex key id>+<base64 key>`); compare it with the one the library publishes. */
  readonly publicKey: string;
  readonly origin: string;
  readonly size: number;
  /** base64 */
  readonly root: string;
  /** hex */
  readonly keyId: string;
  readonly events: readonly CaseFileLogEvent[];
  /**
   * The stream's head (its last event's revision and leaf index) in the checkpoint's map of stream
   * heads, and the map proof for it: with it the file proves it holds every event of the stream up
   * to the checkpoint. Absent when the checkpoint predates the map (its completeness not proven).
   */
  readonly streamHead?: CaseFileStreamHead;
  /**
   * Consistency proofs from this checkpoint to later ones (`GET /v1/ledger/proofs/consistency`
   * answers), which whoever holds the file may add to it so that `verify-file --checkpoint LATER`
   * needs no server. The export adds none: nothing later exists when it is made.
   */
  readonly consistencyProofs?: readonly ConsistencyProofBody[];
}

export interface CaseFileStreamHead {
  readonly stream: string;
  readonly revision: string;
  readonly leafIndex: number;
  /** base64: the sibling hashes along the stream's path in the map, from the deepest up. */
  readonly mapProof: readonly string[];
}

export interface CaseFileLogEvent {
  readonly eventId: string;
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  /**
   * The stored data text, byte for byte (patron identity as ciphertext, never in clear) — or null
   * where the file withholds the patron (pseudonymised, or their identity in the case shredded) and
   * these bytes hold words that could name them (a patron's own name as requester, identification
   * details). The event's hash is still in `metadata`, so its link and inclusion are still proven;
   * only re-hashing its data needs the ledger itself (`ledger verify`).
   */
  readonly data: string | null;
  /** The stored metadata text, byte for byte (it begins with the chain `hash` and `prev`). */
  readonly metadata: string;
  readonly leafIndex: number;
  /** base64, RFC 9162 audit path to the checkpoint's root. */
  readonly inclusionProof: readonly string[];
}

/** The log's part of a case file: waits (up to `timeoutMs`) for a checkpoint that covers the case's newest event. */
export async function proveCaseEvents(log: LedgerLog, events: readonly RecordedEvent[], timeoutMs = 5000): Promise<CaseFileLog> {
  if (log.alarm.raised) throw new LedgerIntegrityError(log.alarm.raised);
  const deadline = Date.now() + timeoutMs;
  let leaves = events.map((event) => log.store.leafOfEvent(event.id));
  while (leaves.some((leaf) => leaf === null) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    leaves = events.map((event) => log.store.leafOfEvent(event.id));
  }
  if (leaves.some((leaf) => leaf === null)) throw new LogRangeError('The log has not reached this case’s newest event yet; ask again in a second');
  const needed = Math.max(0, ...leaves.map((leaf) => leaf!.index + 1));
  const stream = events[0]?.stream;
  const proved = stream === undefined ? null : await log.checkpointWithStreamHead(stream, needed, Math.max(0, deadline - Date.now()));
  if (!proved) throw new LogRangeError('No signed checkpoint covers this case yet; ask again in a second');
  const { head } = proved;
  // Witnesses cosign a checkpoint a moment after it is signed: the file carries the cosignatures that came meanwhile.
  await log.awaitCosignatures(proved.checkpoint.size, Math.min(3000, Math.max(0, deadline - Date.now())));
  const kept = log.cosigned(proved.checkpoint);
  const last = events[events.length - 1];
  if (head && (head.head?.revision !== last.revision || head.head.leafIndex !== leaves[leaves.length - 1]!.index)) {
    throw new LogRangeError('The case was written to while its file was being made; ask again');
  }
  const { text } = parseNote(kept.note);
  const body = parseCheckpoint(text);
  return {
    checkpoint: kept.note,
    publicKey: log.verifierKey,
    origin: body.origin,
    size: body.size,
    root: body.root.toString('base64'),
    keyId: parseVerifierKey(log.verifierKey).keyId.toString('hex'),
    events: events.map((event, i) => {
      const proof = log.inclusionProof(leaves[i]!.index, kept.size);
      return {
        eventId: event.id,
        stream: event.stream,
        revision: event.revision.toString(),
        position: event.position.toString(),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        leafIndex: proof.index,
        inclusionProof: proof.hashes,
      };
    }),
    ...(head
      ? { streamHead: { stream: last.stream, revision: last.revision.toString(), leafIndex: head.head!.leafIndex, mapProof: head.proof.siblings.map((hash) => hash.toString('base64')) } }
      : {}),
  };
}

import type { EventStore } from '../event-store/event-store.port.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { readLogEntries } from './log-entries.js';
import { type StoredNode, TreeEdge } from './merkle-tree.js';
import { type LogStore, streamHeadUpdates } from './log-store.js';
import { type MapNode, mapRoot, MemoryMapNodes, streamHeadsRootOf, updateMap } from './stream-heads-map.js';
import { type NoteVerifier, openNoteWithAny, parseNote } from './signed-note.js';

/** A signed checkpoint to hold the ledger to, and how to name it in a report. */
export interface CheckpointToCheck {
  readonly note: string;
  /** e.g. "checkpoint 1234 signed at 2026-…" or a file name. */
  readonly label: string;
}

export interface CheckpointAudit {
  readonly ok: boolean;
  /** Entries of the log rebuilt from the events ($all). */
  readonly entries: number;
  readonly checkpoints: number;
  readonly signaturesChecked: boolean;
  /** log.db's stored hashes held to the events: leaves checked and map nodes compared; null without log.db. */
  readonly storedChecked: { readonly leaves: number; readonly mapNodes: number } | null;
  /** The first contradiction, in words. */
  readonly problem?: string;
}

/**
 * Rebuilds the Merkle log and the map of stream heads from the events alone, in `$all` order, and
 * holds them to every checkpoint: first each signature (when a key is given), then, at each
 * checkpoint's size, the root, and the map's root when the checkpoint carries one. A ledger that
 * only grew since a checkpoint passes it; a ledger shorter than a checkpoint, or with another root
 * at its size, fails it, and the first such contradiction is named.
 *
 * With `stored` (log.db), every hash log.db stores — each leaf, each interior node, each node of its
 * map — is also held to the one the events give: a tampered stored hash would not move the root the
 * follower checks, yet every proof served through it would fail.
 */
export async function auditCheckpoints(
  store: EventStore,
  checkpoints: readonly CheckpointToCheck[],
  verifier: NoteVerifier | readonly NoteVerifier[] | null,
  stored: LogStore | null = null,
): Promise<CheckpointAudit> {
  // Several keys: the log's keys through its rotations; each checkpoint must open with one of them.
  const verifiers = verifier === null ? null : Array.isArray(verifier) ? (verifier as readonly NoteVerifier[]) : [verifier as NoteVerifier];
  const parsed: { body: Checkpoint; mapRoot: Buffer | null; label: string }[] = [];
  const snapshot = stored?.snapshot() ?? null;
  const report = (entries: number, problem?: string): CheckpointAudit => ({
    ok: problem === undefined,
    entries,
    checkpoints: checkpoints.length,
    signaturesChecked: verifiers !== null,
    storedChecked: snapshot ? { leaves: Math.min(entries, snapshot.size), mapNodes: snapshot.mapNodes.size } : null,
    ...(problem ? { problem } : {}),
  });
  for (const checkpoint of checkpoints) {
    try {
      const text = verifiers ? openNoteWithAny(checkpoint.note, verifiers) : parseNote(checkpoint.note).text;
      const body = parseCheckpoint(text);
      if (verifiers && body.origin !== verifiers[0].name) return report(0, `${checkpoint.label} is for log "${body.origin}", not "${verifiers[0].name}"`);
      parsed.push({ body, mapRoot: streamHeadsRootOf(body.extensions), label: checkpoint.label });
    } catch (error) {
      return report(0, `${checkpoint.label}: ${(error as Error).message}`);
    }
  }
  parsed.sort((a, b) => a.body.size - b.body.size);
  const edge = TreeEdge.empty();
  const heads = new MemoryMapNodes();
  let mapped = 0;
  let pending: { stream: string; revision: bigint }[] = [];
  const foldPending = (): void => {
    updateMap(heads, streamHeadUpdates(mapped, pending));
    mapped += pending.length;
    pending = [];
  };
  let next = 0;
  const check = (): string | undefined => {
    while (next < parsed.length && parsed[next].body.size === edge.size) {
      const { body, mapRoot: signedMapRoot, label } = parsed[next++];
      if (!edge.root().equals(body.root)) return `the root at size ${body.size} differs from ${label}: the ledger's first ${body.size} entries are not the ones that were signed`;
      if (signedMapRoot) {
        foldPending();
        if (!mapRoot(heads).equals(signedMapRoot)) return `the map of stream heads at size ${body.size} differs from ${label}: the streams' last events are not the ones that were signed`;
      }
    }
    if (snapshot && snapshot.mapSize > 0 && snapshot.mapSize === edge.size) {
      foldPending();
      return storedMapProblem(heads, snapshot.mapNodes);
    }
    return undefined;
  };
  let problem = check();
  if (problem) return report(0, problem);
  let storedProblem: string | undefined;
  for await (const page of readLogEntries(store, { pageSize: 5000 })) {
    const made: StoredNode[] = [];
    for (const event of page) {
      made.push(...edge.append(event.leafHash));
      pending.push(event);
      if ((next < parsed.length && parsed[next].body.size === edge.size) || snapshot?.mapSize === edge.size) {
        problem = check();
        if (problem) return report(edge.size, problem);
      }
    }
    // A signed checkpoint's contradiction is the stronger evidence: log.db's own disagreement is named only when no checkpoint is contradicted.
    if (stored && snapshot && !storedProblem) storedProblem = storedHashProblem(stored, snapshot.size, made);
  }
  if (next < parsed.length) {
    const { body, label } = parsed[next];
    return report(edge.size, `the ledger has ${edge.size} entries but ${label} covers ${body.size}: entries were removed`);
  }
  if (storedProblem) return report(edge.size, storedProblem);
  if (snapshot && snapshot.size > edge.size) return report(edge.size, `the ledger has ${edge.size} entries but log.db holds ${snapshot.size}: entries were removed`);
  return report(edge.size);
}

/** The first of `made` (nodes the events give) whose hash log.db stores otherwise, or lacks, among those it should hold at `size`. */
function storedHashProblem(stored: LogStore, size: number, made: readonly StoredNode[]): string | undefined {
  const byLevel = new Map<number, StoredNode[]>();
  for (const node of made) if ((node.index + 1) * 2 ** node.level <= size) (byLevel.get(node.level) ?? byLevel.set(node.level, []).get(node.level)!).push(node);
  for (const [level, nodes] of byLevel) {
    const hashes = stored.storedHashes(level, nodes[0].index, nodes[nodes.length - 1].index);
    for (const node of nodes) {
      const hash = hashes.get(node.index);
      if (hash?.equals(node.hash)) continue;
      if (level === 0) return `entry ${node.index} of the ledger is not the leaf log.db holds there: the events or log.db were altered`;
      return `log.db's stored hash at level ${level}, index ${node.index} ${hash ? 'is not the one the events give' : 'is missing'}: log.db was altered, and the proofs it serves through that node would not verify`;
    }
  }
  return undefined;
}

/** The first node (by path) where log.db's map of stream heads differs from the one the events give. */
function storedMapProblem(rebuilt: MemoryMapNodes, stored: ReadonlyMap<string, MapNode>): string | undefined {
  const paths = [...new Set([...rebuilt.nodes.keys(), ...stored.keys()])].sort();
  for (const path of paths) {
    const [mine, theirs] = [rebuilt.node(path), stored.get(path)];
    const same = mine && theirs && mine.kind === theirs.kind && mine.hash.equals(theirs.hash) && (mine.kind === 'inner' || (theirs.kind === 'leaf' && mine.key.equals(theirs.key) && mine.valueHash.equals(theirs.valueHash)));
    if (!same) return `log.db's map of stream heads differs from the events at node "${path || '(root)'}": log.db was altered, and the stream heads it proves would not verify`;
  }
  return undefined;
}

import type { EventStore } from '../event-store/event-store.port.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { readLogEntries } from './log-entries.js';
import { TreeEdge } from './merkle-tree.js';
import { type NoteVerifier, openNote, parseNote } from './signed-note.js';

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
  /** The first contradiction, in words. */
  readonly problem?: string;
}

/**
 * Rebuilds the Merkle log from the events alone, in `$all` order, and holds it to every checkpoint:
 * first each signature (when a key is given), then, at each checkpoint's size, the root. A ledger
 * that only grew since a checkpoint passes it; a ledger shorter than a checkpoint, or with another
 * root at its size, fails it, and the first such contradiction is named.
 */
export async function auditCheckpoints(store: EventStore, checkpoints: readonly CheckpointToCheck[], verifier: NoteVerifier | null): Promise<CheckpointAudit> {
  const parsed: { body: Checkpoint; label: string }[] = [];
  const report = (entries: number, problem?: string): CheckpointAudit => ({
    ok: problem === undefined,
    entries,
    checkpoints: checkpoints.length,
    signaturesChecked: verifier !== null,
    ...(problem ? { problem } : {}),
  });
  for (const checkpoint of checkpoints) {
    try {
      const text = verifier ? openNote(checkpoint.note, verifier) : parseNote(checkpoint.note).text;
      const body = parseCheckpoint(text);
      if (verifier && body.origin !== verifier.name) return report(0, `${checkpoint.label} is for log "${body.origin}", not "${verifier.name}"`);
      parsed.push({ body, label: checkpoint.label });
    } catch (error) {
      return report(0, `${checkpoint.label}: ${(error as Error).message}`);
    }
  }
  parsed.sort((a, b) => a.body.size - b.body.size);
  const edge = TreeEdge.empty();
  let next = 0;
  const check = (): string | undefined => {
    while (next < parsed.length && parsed[next]!.body.size === edge.size) {
      const { body, label } = parsed[next++]!;
      if (!edge.root().equals(body.root)) return `the root at size ${body.size} differs from ${label}: the ledger's first ${body.size} entries are not the ones that were signed`;
    }
    return undefined;
  };
  let problem = check();
  if (problem) return report(0, problem);
  for await (const page of readLogEntries(store, { pageSize: 5000 })) {
    for (const event of page) {
      edge.append(event.leafHash);
      if (next < parsed.length && parsed[next]!.body.size === edge.size) {
        problem = check();
        if (problem) return report(edge.size, problem);
      }
    }
  }
  if (next < parsed.length) {
    const { body, label } = parsed[next]!;
    return report(edge.size, `the ledger has ${edge.size} entries but ${label} covers ${body.size}: entries were removed`);
  }
  return report(edge.size);
}

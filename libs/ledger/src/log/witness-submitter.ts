import type { WitnessEndpoint } from '../config/ledger-config.js';
import { addCheckpointRequest } from '../witness/tlog-witness.js';
import { cosignaturesOf, parseCosignerKey } from './cosignature.js';
import type { KeptCheckpoint, LogStore } from './log-store.js';
import { consistencyProof } from './merkle-tree.js';
import type { NoteVerifier } from './signed-note.js';

const TIMEOUT_MS = 10_000;

interface WitnessLink {
  readonly endpoint: WitnessEndpoint;
  readonly verifier: NoteVerifier;
  /** The size this witness said it holds (its last 200 or 409); 0 until it says. */
  knownSize: number;
  /** The checkpoint waiting to be submitted once the one in flight is answered: only the newest waits. */
  next: KeptCheckpoint | null;
  /** Key rotations waiting, sent before `next` and never skipped. */
  rotations: KeptCheckpoint[];
  inFlight: Promise<void> | null;
  /** Whether its last answer was not a cosignature: nobody waits for it until it cosigns again. */
  failing: boolean;
}

/**
 * Submits each checkpoint the log signs to every witness of `LEDGER_WITNESSES` (C2SP tlog-witness
 * `add-checkpoint`), with a consistency proof from the size the witness holds, and keeps each
 * cosignature that verifies with the witness's key in log.db. A witness that holds another size
 * answers 409 with it, and the checkpoint is sent again from there. One request per witness at a
 * time; a witness that is down or refuses is reported and tried again with the next checkpoint.
 */
export class WitnessSubmitter {
  private readonly links: WitnessLink[];
  private readonly waiters = new Set<() => void>();

  constructor(
    witnesses: readonly WitnessEndpoint[],
    private readonly store: LogStore,
    private readonly onProblem: (message: string) => void,
  ) {
    this.links = witnesses.map((endpoint) => ({ endpoint, verifier: parseCosignerKey(endpoint.key), knownSize: 0, next: null, rotations: [], inFlight: null, failing: false }));
  }

  get witnessCount(): number {
    return this.links.length;
  }

  /** Offers `checkpoint` to every witness; a key rotation (`rotation`) is offered before any later checkpoint, and its cosignature is not kept (it cosigns another text of the same size). */
  submit(checkpoint: KeptCheckpoint, options: { rotation?: boolean } = {}): void {
    for (const link of this.links) {
      if (options.rotation) link.rotations.push(checkpoint);
      else link.next = checkpoint;
      link.inFlight ??= this.drain(link);
    }
  }

  /** Resolves once every witness that is answering has cosigned the checkpoint of `size`, or after `timeoutMs`. */
  async cosignedBy(size: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pending = () => {
      const cosigned = new Set(this.store.cosignaturesAt(size).map((row) => row.witness));
      return this.links.some((link) => !link.failing && !cosigned.has(link.endpoint.key));
    };
    while (pending() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Waits for what is in flight (for a clean close). */
  async settle(): Promise<void> {
    await Promise.all(this.links.flatMap((link) => (link.inFlight ? [link.inFlight] : [])));
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private async drain(link: WitnessLink): Promise<void> {
    try {
      while (link.rotations.length > 0 || link.next) {
        const rotation = link.rotations.shift();
        const checkpoint = rotation ?? link.next!;
        if (!rotation) link.next = null;
        try {
          await this.send(link, checkpoint, !rotation);
          link.failing = false;
        } catch (error) {
          link.failing = true;
          this.wake();
          this.onProblem(`Witness ${link.endpoint.url} did not cosign checkpoint ${checkpoint.size}: ${(error as Error).message}`);
        }
      }
    } finally {
      link.inFlight = null;
    }
  }

  private async send(link: WitnessLink, checkpoint: KeptCheckpoint, keep: boolean): Promise<void> {
    // The note as the log signed it, without other witnesses' lines: a witness verifies the log's signature alone.
    const signed = checkpoint.note;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (link.knownSize > checkpoint.size) throw new Error(`it holds a checkpoint of size ${link.knownSize}, larger than this one`);
      const proof = link.knownSize === 0 ? [] : consistencyProof(this.store, link.knownSize, checkpoint.size);
      const response = await fetch(`${link.endpoint.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: addCheckpointRequest(link.knownSize, proof, signed),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = await response.text();
      if (response.status === 409 && response.headers.get('content-type')?.startsWith('text/x.tlog.size') && /^(0|[1-9][0-9]*)\n$/.test(body)) {
        link.knownSize = Number(body.trim());
        continue;
      }
      if (response.status !== 200) throw new Error(`${response.status} ${body.trim().slice(0, 300)}`);
      const { valid } = cosignaturesOf(`${signed}${body}`, [link.verifier]);
      if (valid.length === 0) throw new Error('its answer carries no cosignature that verifies with its key');
      link.knownSize = checkpoint.size;
      if (keep) this.store.keepCosignature(checkpoint.size, link.endpoint.key, valid[0].line);
      link.failing = false;
      this.wake();
      return;
    }
    throw new Error('it answered 409 twice');
  }
}

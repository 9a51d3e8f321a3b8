import type { EventStore } from '../event-store/event-store.port.js';
import { generateKeyPairSync } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { rotationKeyOf, rotationLine } from './key-rotation.js';
import { IntegrityAlarm } from './integrity-alarm.js';
import { leafFieldsOf, type LogEntry, type ReadLogEntriesOptions } from './log-entries.js';
import { encodeLeaf } from './log-leaf.js';
import { encodeEntryBundle, readHashTile, TILE_HEIGHT, type TileRef } from './tiles.js';
import { LogFollower } from './log-follower.js';
import { type KeptCheckpoint, type KeyRotation, LogStore, type StreamHeadProof } from './log-store.js';
import { consistencyProof, inclusionProof } from './merkle-tree.js';
import { type NoteSigner, noteSigner, parseNote, signatureLine, signNote, verifierKeyOf } from './signed-note.js';
import { streamHeadsRootOf } from './stream-heads-map.js';
import { loadOrCreateSigningKey, resolveLogOrigin, signingKeyFileText } from './signing-key.js';
import type { WitnessEndpoint } from '../config/ledger-config.js';
import { withSignatureLines } from './cosignature.js';
import { WitnessSubmitter } from './witness-submitter.js';

export const LEDGER_LOG = Symbol('LEDGER_LOG');

export interface LedgerLogOptions {
  /** `log.db`. */
  readonly logFile: string;
  /** The Ed25519 signing key (PKCS #8 PEM), made on first use with mode 0600. */
  readonly signingKeyFile: string;
  /** The checkpoints' origin line and the key's name (`LEDGER_LOG_ORIGIN`); default: see `resolveLogOrigin`. */
  readonly origin?: string;
  /** The origin a new key records when nothing else names one: `LEDGER_PUBLIC_URL`'s host (see `originOfPublicUrl`). */
  readonly newOrigin?: string;
  readonly signDelayMs?: number;
  /** How long new events wait to become leaves (see `LogFollowerOptions.appendDelayMs`). */
  readonly appendDelayMs?: number;
  /** How catching up reads `$all` (see `readLogEntries`); the defaults suit a server. */
  readonly reading?: ReadLogEntriesOptions;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
  /** Witnesses to submit each new checkpoint to (`LEDGER_WITNESSES`); the server's follower only. */
  readonly witnesses?: readonly WitnessEndpoint[];
  /** Where a witness that is down or refuses is reported. */
  readonly onWitnessProblem?: (message: string) => void;
}

/** Hashes as they cross JSON: base64, as in checkpoints. */
export interface InclusionProofBody {
  readonly index: number;
  readonly size: number;
  readonly leaf: string;
  readonly hashes: readonly string[];
}

export interface ConsistencyProofBody {
  readonly from: number;
  readonly to: number;
  readonly hashes: readonly string[];
}

export interface EventProofBody extends InclusionProofBody {
  readonly eventId: string;
  readonly stream: string;
  /** The signed checkpoint of `size`, when the log signed one at that size. */
  readonly checkpoint: string | null;
}

/**
 * A write's receipt: the signed checkpoint (with the witnesses' cosignatures kept so far) and the
 * inclusion proof of each event the write appended, all to that checkpoint.
 */
export interface ReceiptBody {
  readonly checkpoint: string;
  readonly size: number;
  /** base64 */
  readonly root: string;
  readonly events: readonly (InclusionProofBody & { readonly eventId: string; readonly stream: string })[];
}

/** A proof asked of a tree the log does not hold (yet): the size is beyond it. */
export class LogRangeError extends Error {
  override readonly name = 'LogRangeError';
}

const b64 = (hash: Buffer): string => hash.toString('base64');

function rotationCheckpoint(rotation: KeyRotation): KeptCheckpoint {
  return { size: rotation.size, root: parseCheckpoint(parseNote(rotation.note).text).root, note: rotation.note, signedAt: rotation.rotatedAt };
}

function keptOrigin(store: LogStore): string | null {
  const latest = store.latestCheckpoint();
  return latest ? parseCheckpoint(parseNote(latest.note).text).origin : null;
}

/**
 * The verifiable log as the rest of the ledger sees it: `log.db`, its follower of `$all`, the
 * signing key, the integrity alarm, and the proofs and checkpoints it hands out.
 */
export class LedgerLog {
  readonly alarm: IntegrityAlarm;
  readonly origin: string;
  /** `<name>+<hex key id>+<base64(0x01 ‖ key)>`: what auditors and counsel pin. */
  readonly verifierKey: string;
  /** Whether opening the log made its signing key (first start). */
  readonly keyCreated: boolean;
  readonly keyExposed: boolean;
  private readonly follower: LogFollower;
  private readonly signer: NoteSigner;
  private readonly signingKeyFile: string;
  private readonly witnesses: WitnessSubmitter;

  private constructor(
    readonly store: LogStore,
    private readonly events: EventStore,
    options: LedgerLogOptions,
  ) {
    const kept = keptOrigin(store);
    const key = loadOrCreateSigningKey(options.signingKeyFile, options.origin ?? kept ?? options.newOrigin ?? 'localhost');
    this.keyCreated = key.created;
    this.keyExposed = key.exposed;
    this.origin = resolveLogOrigin({ configured: options.origin, kept, key });
    const signer = noteSigner(this.origin, key.privateKey);
    this.signer = signer;
    this.signingKeyFile = options.signingKeyFile;
    this.verifierKey = verifierKeyOf(signer);
    this.alarm = new IntegrityAlarm(options.now);
    this.witnesses = new WitnessSubmitter(options.witnesses ?? [], store, options.onWitnessProblem ?? (() => {}));
    this.follower = new LogFollower(events, store, signer, this.alarm, {
      onCheckpoint: (checkpoint) => this.witnesses.submit(checkpoint),
      origin: this.origin,
      signDelayMs: options.signDelayMs,
      appendDelayMs: options.appendDelayMs,
      reading: options.reading,
      now: options.now,
      onError: options.onError,
    });
  }

  /** The origin of the checkpoints log.db at `file` kept (null: none, or no log.db): what the log signs under already. */
  static keptOrigin(file: string): string | null {
    let store: LogStore;
    try {
      store = LogStore.open(file, { readonly: true });
    } catch {
      return null;
    }
    try {
      return keptOrigin(store);
    } finally {
      store.close();
    }
  }

  static open(events: EventStore, options: LedgerLogOptions): LedgerLog {
    return new LedgerLog(LogStore.open(options.logFile), events, options);
  }

  /** Follows `$all` (after checking everything the log already holds) until closed. */
  start(): void {
    this.follower.start();
    // The last key rotation first (a witness that missed it would refuse the new key), then the latest checkpoint, signed before a restart or a new witness.
    const rotation = this.store.keyRotations().at(-1);
    if (rotation) this.witnesses.submit(rotationCheckpoint(rotation), { rotation: true });
    const latest = this.store.latestCheckpoint();
    if (latest) this.witnesses.submit(latest);
  }

  /**
   * A C2SP signed note over `text` by the log key, for a document the library publishes under it (a
   * transparency report). The text must not parse as a checkpoint: its second line is not a number.
   */
  signDocumentNote(text: string): string {
    if (/^[^\n]*\n(0|[1-9][0-9]*)\n/.test(text)) throw new LogRangeError('A document note must not read as a checkpoint');
    return signNote(text, this.signer);
  }

  /** Brings the log up to the end of `$all` now and signs a checkpoint for it (the CLI's way). */
  catchUp(): Promise<void> {
    return this.follower.catchUp();
  }

  get size(): number {
    return this.store.size;
  }

  latestCheckpoint(): KeptCheckpoint | null {
    return this.store.latestCheckpoint();
  }

  checkpointCovering(size: number, timeoutMs?: number): Promise<KeptCheckpoint | null> {
    return this.follower.checkpointCovering(size, timeoutMs);
  }

  /**
   * A signed checkpoint that covers at least `minSize` entries and commits to the map of stream
   * heads, with `stream`'s head and its proof to that map. The map keeps no history, so the proof
   * is read while the log is still at the checkpoint's size: when it has grown since, the log signs
   * a checkpoint for what it holds, and reads again. `head` is null only when the latest checkpoint
   * predates the map and nothing was written since (nothing to sign a new one for); the result is
   * null after `timeoutMs` or on an alarm.
   */
  async checkpointWithStreamHead(stream: string, minSize: number, timeoutMs = 5000): Promise<{ checkpoint: KeptCheckpoint; head: StreamHeadProof | null } | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.alarm.raised) return null;
      const latest = this.store.latestCheckpoint();
      if (latest && latest.size >= minSize) {
        const commitsToHeads = streamHeadsRootOf(parseCheckpoint(parseNote(latest.note).text).extensions) !== null;
        if (!commitsToHeads && this.store.size === latest.size) return { checkpoint: latest, head: null };
        const head = commitsToHeads ? this.store.streamHeadProof(stream, latest.size) : null;
        if (head) return { checkpoint: latest, head };
      }
      if (Date.now() >= deadline) return null;
      if (this.store.size > (latest?.size ?? 0) && this.store.size >= minSize) await this.follower.signNow();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Replaces the signing key (the CLI's `ledger rotate-signing-key`, with no server running): signs
   * the latest checkpoint again with an extension line naming the new key, by the old key and the
   * new, keeps that in log.db, and puts the new key in the key file (the old one is kept beside it
   * as `<file>.retired-<time>`). Witnesses follow the rotation when the server next starts (or
   * at once, with `submitRotation`). The log itself is unchanged.
   */
  rotateSigningKey(now: Date): KeyRotation {
    const latest = this.store.latestCheckpoint();
    if (!latest || latest.size !== this.store.size) throw new LogRangeError('Catch the log up and sign a checkpoint for it before rotating the key');
    const { privateKey } = generateKeyPairSync('ed25519');
    const next = noteSigner(this.origin, privateKey);
    const body = parseCheckpoint(parseNote(latest.note).text);
    const text = formatCheckpoint({ ...body, extensions: [...(body.extensions ?? []).filter((line) => rotationKeyOf([line]) === null), rotationLine(verifierKeyOf(next))] });
    const note = withSignatureLines(signNote(text, this.signer), [signatureLine(signNote(text, next))]);
    const rotation: KeyRotation = { rotatedAt: now.toISOString(), size: latest.size, oldKey: this.verifierKey, newKey: verifierKeyOf(next), note };
    // The new key is on disk before the rotation is kept, and the rotation kept before the key file is replaced: a crash leaves the old key in place.
    const staged = `${this.signingKeyFile}.new`;
    writeFileSync(staged, signingKeyFileText(privateKey, this.origin), { flag: 'wx', mode: 0o600 });
    this.store.keepKeyRotation(rotation);
    renameSync(this.signingKeyFile, `${this.signingKeyFile}.retired-${rotation.rotatedAt.replace(/[:.]/g, '-')}`);
    renameSync(staged, this.signingKeyFile);
    return rotation;
  }

  /** Offers a key rotation to `witnesses` now, and waits for their answers; returns how many cosigned it. */
  async submitRotation(rotation: KeyRotation, witnesses: readonly WitnessEndpoint[], onProblem: (message: string) => void): Promise<number> {
    let problems = 0;
    const submitter = new WitnessSubmitter(witnesses, this.store, (message) => (problems++, onProblem(message)));
    submitter.submit(rotationCheckpoint(rotation), { rotation: true });
    await submitter.settle();
    return witnesses.length - problems;
  }

  keyRotations(): KeyRotation[] {
    return this.store.keyRotations();
  }

  /** `checkpoint`'s note with the witnesses' cosignature lines kept for it appended, as C2SP tlog-witness clients do. */
  cosigned(checkpoint: KeptCheckpoint): KeptCheckpoint {
    return { ...checkpoint, note: withSignatureLines(checkpoint.note, this.store.cosignaturesAt(checkpoint.size).map((row) => row.line)) };
  }

  /** Waits (up to `timeoutMs`) until every configured witness has cosigned the checkpoint of `size`; then `cosigned` carries their lines. */
  awaitCosignatures(size: number, timeoutMs = 3000): Promise<void> {
    return this.witnesses.cosignedBy(size, timeoutMs);
  }

  inclusionProof(index: number, size: number): InclusionProofBody {
    this.assertHeld(size);
    if (index >= size) throw new LogRangeError(`There is no entry ${index} in a log of ${size}`);
    return { index, size, leaf: b64(this.store.leafHash(index)), hashes: inclusionProof(this.store, index, size).map(b64) };
  }

  consistencyProof(from: number, to: number): ConsistencyProofBody {
    this.assertHeld(to);
    if (from > to) throw new LogRangeError(`A log of ${to} cannot extend one of ${from}`);
    return { from, to, hashes: consistencyProof(this.store, from, to).map(b64) };
  }

  /** The inclusion proof of one event by its id; null when the log holds no such event. Default size: the latest checkpoint's. */
  eventProof(eventId: string, size?: number): EventProofBody | null {
    const leaf = this.store.leafOfEvent(eventId);
    if (!leaf) return null;
    const treeSize = size ?? this.store.latestCheckpoint()?.size ?? 0;
    if (leaf.index >= treeSize) throw new LogRangeError(`Entry ${leaf.index} is not in a log of ${treeSize}${size === undefined ? ' (the latest checkpoint); ask again in a second' : ''}`);
    return {
      ...this.inclusionProof(leaf.index, treeSize),
      eventId,
      stream: leaf.stream,
      checkpoint: this.store.checkpointAt(treeSize)?.note ?? null,
    };
  }

  /** A C2SP hash tile (`tile/<L>/<N>[.p/<W>]`); null when the log does not hold all its hashes (yet). */
  hashTile(tile: TileRef): Buffer | null {
    return readHashTile(this.store, tile);
  }

  /**
   * A C2SP entry bundle (`tile/entries/<N>[.p/<W>]`): for each leaf, the bytes the log hashes for
   * it (`encodeLeaf`: stream, revision, event id, chain hash), read again from the events, so that
   * a mirror holds the events to the tree; null when the log does not hold all its leaves (yet).
   */
  async entryBundle(tile: TileRef): Promise<Buffer | null> {
    const start = tile.index * 2 ** TILE_HEIGHT;
    if (!Number.isSafeInteger(start + tile.width)) return null;
    const leaves = this.store.leavesWithHashesFrom(start, tile.width);
    if (leaves.length < tile.width) return null;
    const wanted = new Set(leaves.map((leaf) => leaf.position));
    const [from, to] = [leaves[0].position, leaves.at(-1)!.position];
    const found = new Map<bigint, Buffer>();
    const keep = (entry: Omit<LogEntry, 'position'> & { position: bigint }) => {
      if (wanted.has(entry.position)) found.set(entry.position, encodeLeaf(leafFieldsOf(entry)));
    };
    const scan = this.events.allScan?.();
    if (scan) {
      scan.scanEntries(from, to, ([position, id, stream, revision, metadata]) => (keep({ position, id, stream, revision, metadata }), true));
    } else {
      for (let next = from; next <= to; ) {
        const page = await this.events.readAll({ fromPosition: next, maxCount: tile.width });
        if (page.length === 0) break;
        for (const event of page) if (event.position <= to) keep(event);
        next = page.at(-1)!.position + 1n;
      }
    }
    const missing = leaves.find((leaf) => !found.has(leaf.position));
    if (missing) throw new Error(`The event of leaf ${missing.index} (position ${missing.position}) is no longer in the store`);
    return encodeEntryBundle(leaves.map((leaf) => found.get(leaf.position)!));
  }

  /** The receipt of `eventIds` against the latest signed checkpoint; null while one of them is not yet in the log, or not yet covered by it. */
  receipt(eventIds: readonly string[]): ReceiptBody | null {
    const leaves = eventIds.map((eventId) => this.store.leafOfEvent(eventId));
    const latest = this.store.latestCheckpoint();
    if (!latest || leaves.some((leaf) => leaf === null || leaf.index >= latest.size)) return null;
    const { note } = this.cosigned(latest);
    return {
      checkpoint: note,
      size: latest.size,
      root: b64(latest.root),
      events: leaves.map((leaf) => ({ ...this.inclusionProof(leaf!.index, latest.size), eventId: leaf!.eventId, stream: leaf!.stream })),
    };
  }

  /** `receipt`, once every event is in the log and a signed checkpoint covers them (it asks for one), or null after `timeoutMs`. */
  async awaitReceipt(eventIds: readonly string[], timeoutMs: number): Promise<ReceiptBody | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.alarm.raised) return null;
      const ready = this.receipt(eventIds);
      if (ready || Date.now() >= deadline) return ready;
      const leaves = eventIds.map((eventId) => this.store.leafOfEvent(eventId));
      if (leaves.every((leaf) => leaf !== null)) await this.checkpointCovering(Math.max(...leaves.map((leaf) => leaf.index + 1)), Math.max(0, deadline - Date.now()));
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private assertHeld(size: number): void {
    if (size > this.store.size) throw new LogRangeError(`The log holds ${this.store.size} entries, not ${size}`);
  }

  async close(): Promise<void> {
    await this.follower.stop();
    await this.witnesses.settle();
    this.store.close();
  }
}

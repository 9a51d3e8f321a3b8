import type { AllScan, ScannedEvent } from '../event-store/event-store.port.js';
import { HASH_HEX_LENGTH, hashStoredLink, isHash, readSealShape } from './hash-chain.js';

export type BreakReason = 'hash_mismatch' | 'prev_mismatch' | 'revision_gap' | 'missing_chain_fields';

export interface BrokenLink {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly reason: BreakReason;
}

export interface VerificationReport {
  readonly ok: boolean;
  /** Streams seen: all of them when intact, else those with an event before the broken link. */
  readonly streams: number;
  /** Events verified: all of them when intact, else those before the broken link in `$all`. */
  readonly events: number;
  readonly firstBroken?: BrokenLink;
}

/** Where a stream's chain ends so far: what its next event must chain onto. */
interface Head {
  revision: bigint;
  hash: string;
}

/**
 * What one range of `$all` says about each stream with events in it, in the order of each stream's
 * first event in the range: its first link, which only what came before the range can check, and
 * where its chain ends in the range. Packed to cross between threads cheaply: a few strings and
 * typed arrays (transferred), not an object or a string per stream.
 */
export interface RangeStreams {
  /** The stream names, concatenated: stream i is `names.slice(nameEnds[i - 1] ?? 0, nameEnds[i])`. */
  readonly names: string;
  readonly nameEnds: Uint32Array;
  /** Events before the stream's first event in the range. */
  readonly firstIndex: Uint32Array;
  readonly firstPosition: Int64s;
  readonly firstRevision: Int64s;
  /** The first event's `prev`: 64 hex digits per stream, or `NO_PREV` for null. */
  readonly firstPrevs: string;
  readonly lastRevision: Int64s;
  /** The last event's hash: 64 hex digits per stream. */
  readonly lastHashes: string;
}

/** A `BigInt64Array` when every value fits one (the transferable form), else the values themselves. */
export type Int64s = BigInt64Array | readonly bigint[];

/** The buffers of a result's typed arrays: what a worker can hand over instead of copying. */
export function buffersOf({ streams }: RangeResult): ArrayBuffer[] {
  const arrays = [streams.nameEnds, streams.firstIndex, streams.firstPosition, streams.firstRevision, streams.lastRevision];
  return arrays.flatMap((array) => (ArrayBuffer.isView(array) ? [array.buffer as ArrayBuffer] : []));
}

/** Stands for a null `prev` in `RangeStreams.firstPrevs`: never a hash (not hex). */
const NO_PREV = '-'.repeat(HASH_HEX_LENGTH);

function int64s(values: bigint[]): Int64s {
  return values.every((value) => BigInt.asIntN(64, value) === value) ? BigInt64Array.from(values) : values;
}

/** The first link of a range that the range itself shows to be broken. */
export interface RangeBreak {
  /** Events before it in the range. */
  readonly index: number;
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly reason: BreakReason;
  /**
   * The first event of its stream in the range: its revision and `prev` are checked when the range
   * is chained onto those before it, and a fault found there comes first (as in a sequential pass).
   */
  readonly opensStream: boolean;
  readonly prev: string | null;
}

export interface RangeResult {
  /** Events verified in the range: all of them, or those before `broken`. */
  readonly events: number;
  readonly streams: RangeStreams;
  readonly broken?: RangeBreak;
}

/**
 * The checks of one event against the end of its stream's chain, in the order a sequential pass
 * makes them: the revision must follow on, and `prev` must be the previous event's hash.
 */
function linkFault(head: Head | undefined, revision: bigint, prev: string | null): BreakReason | null {
  if (revision !== (head ? head.revision + 1n : 0n)) return 'revision_gap';
  if (prev !== (head ? head.hash : null)) return 'prev_mismatch';
  return null;
}

interface RangeStream extends Head {
  readonly firstIndex: number;
  readonly firstPosition: bigint;
  readonly firstRevision: bigint;
  readonly firstPrev: string | null;
}

/**
 * Verifies one range of `$all` on its own, event by event in `$all` order: every event's chain
 * fields and hash, and every event that follows another of its stream in the range against that
 * one. Stops at the first broken link. What it cannot know (how each stream's first event in the
 * range chains onto what came before) it returns, for `ChainStitcher` to check.
 */
export class RangeVerifier {
  private readonly streams = new Map<string, RangeStream>();
  private events = 0;
  private broken: RangeBreak | undefined;

  /** Checks the next event of the range; false once a link is broken (the range ends there). */
  readonly visit = (event: ScannedEvent): boolean => {
    const [position, stream, revision, type, data, metadata] = event;
    const known = this.streams.get(stream);
    const seal = readSealShape(metadata);
    if (!seal) return this.stop(event, 'missing_chain_fields', known, null);
    // A sequential pass checks: chain fields, revision, prev, hash. Whether hash and prev are hex
    // digits is checked only where no comparison with a hash known to be good has shown it, and
    // before any other fault is reported (malformed chain fields come first).
    let fault = known ? linkFault(known, revision, seal.prev) : null;
    // Kept (when it matches) rather than seal.hash, a slice that would keep the whole metadata text alive.
    const hash = fault ? seal.hash : hashStoredLink(stream, revision, type, data, metadata, seal);
    if (!fault && hash !== seal.hash) fault = 'hash_mismatch';
    // A revision stored as anything but an integer never chains: the stitcher would find a gap here.
    if (!fault && !known && typeof revision !== 'bigint') fault = 'revision_gap';
    if ((fault || (!known && seal.prev !== null)) && !(isHash(seal.hash) && (seal.prev === null || isHash(seal.prev)))) {
      fault = 'missing_chain_fields';
    }
    if (fault) return this.stop(event, fault, known, seal.prev);
    if (known) {
      known.revision = revision;
      known.hash = hash;
    } else {
      this.streams.set(stream, {
        firstIndex: this.events,
        firstPosition: position,
        firstRevision: revision,
        firstPrev: seal.prev,
        revision,
        hash,
      });
    }
    this.events++;
    return true;
  };

  result(): RangeResult {
    const count = this.streams.size;
    const names: string[] = [];
    const nameEnds = new Uint32Array(count);
    const firstIndex = new Uint32Array(count);
    const firstPosition: bigint[] = [];
    const firstRevision: bigint[] = [];
    const firstPrevs: string[] = [];
    const lastRevision: bigint[] = [];
    const lastHashes: string[] = [];
    let nameEnd = 0;
    let i = 0;
    for (const [stream, state] of this.streams) {
      names.push(stream);
      nameEnd += stream.length;
      nameEnds[i] = nameEnd;
      firstIndex[i++] = state.firstIndex;
      firstPosition.push(state.firstPosition);
      firstRevision.push(state.firstRevision);
      firstPrevs.push(state.firstPrev ?? NO_PREV);
      lastRevision.push(state.revision);
      lastHashes.push(state.hash);
    }
    const streams: RangeStreams = {
      names: names.join(''),
      nameEnds,
      firstIndex,
      firstPosition: int64s(firstPosition),
      firstRevision: int64s(firstRevision),
      firstPrevs: firstPrevs.join(''),
      lastRevision: int64s(lastRevision),
      lastHashes: lastHashes.join(''),
    };
    return this.broken ? { events: this.events, streams, broken: this.broken } : { events: this.events, streams };
  }

  private stop(event: ScannedEvent, reason: BreakReason, known: RangeStream | undefined, prev: string | null): false {
    const [position, stream, revision] = event;
    this.broken = { index: this.events, position, stream, revision, reason, opensStream: !known, prev };
    return false;
  }
}

/** Verifies the events of `$all` with `from <= position <= to` (see `RangeVerifier`). */
export function verifyRange(scan: AllScan, from: bigint, to: bigint): RangeResult {
  const verifier = new RangeVerifier();
  scan.scan(from, to, verifier.visit);
  return verifier.result();
}

/**
 * Where every stream seen so far ends. It comes to hold every stream of the ledger while the garbage
 * collector walks it again and again, so it keeps as few objects per stream as it can: a slot number
 * per name, a revision as a small integer, and each hash as a place in the text of hashes its range
 * handed over (`RangeStreams.lastHashes`) instead of a string of its own.
 */
class StreamHeads {
  private readonly slots = new Map<string, number>();
  /** A number when it is a safe integer (every revision a real stream reaches), else the bigint. */
  private readonly revisions: (number | bigint)[] = [];
  private readonly hashTexts: string[] = [];
  private readonly hashAts: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  get(stream: string): Head | undefined {
    const slot = this.slots.get(stream);
    if (slot === undefined) return undefined;
    const revision = this.revisions[slot];
    const at = this.hashAts[slot];
    return { revision: typeof revision === 'number' ? BigInt(revision) : revision, hash: this.hashTexts[slot].slice(at, at + HASH_HEX_LENGTH) };
  }

  /** The stream now ends at `revision`, with the hash at `hashAt` in `hashText`. */
  set(stream: string, revision: bigint, hashText: string, hashAt: number): void {
    let slot = this.slots.get(stream);
    if (slot === undefined) {
      slot = this.revisions.length;
      this.slots.set(stream, slot);
    }
    this.revisions[slot] = revision >= 0n && revision <= MAX_SAFE ? Number(revision) : revision;
    this.hashTexts[slot] = hashText;
    this.hashAts[slot] = hashAt;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Chains verified ranges onto each other, in `$all` order: checks each stream's first event in a
 * range against where that stream ended in the ranges before, and finds the first broken link of
 * `$all` exactly as one sequential pass would (same link, same reason, same counts).
 */
export class ChainStitcher {
  private readonly heads = new StreamHeads();
  private verified = 0;

  /** Events verified so far. */
  get events(): number {
    return this.verified;
  }

  /** Adds the next range; returns the report of the first broken link of `$all` if it is in this range. */
  add(range: RangeResult): VerificationReport | null {
    const { streams, broken } = range;
    let nameStart = 0;
    for (let i = 0; i < streams.nameEnds.length; i++) {
      const stream = streams.names.slice(nameStart, (nameStart = streams.nameEnds[i]!));
      const at = i * HASH_HEX_LENGTH;
      const firstPrev = streams.firstPrevs.startsWith(NO_PREV, at) ? null : streams.firstPrevs.slice(at, at + HASH_HEX_LENGTH);
      const fault = linkFault(this.heads.get(stream), streams.firstRevision[i], firstPrev);
      if (fault) return this.brokenAt(streams.firstIndex[i], stream, streams.firstRevision[i], streams.firstPosition[i], fault);
      this.heads.set(stream, streams.lastRevision[i], streams.lastHashes, at);
    }
    if (broken) {
      // Every stream listed starts before the break, so `heads` now holds exactly the streams seen before it.
      const chained = broken.opensStream && broken.reason !== 'missing_chain_fields';
      const fault = (chained ? linkFault(this.heads.get(broken.stream), broken.revision, broken.prev) : null) ?? broken.reason;
      return this.brokenAt(broken.index, broken.stream, broken.revision, broken.position, fault);
    }
    this.verified += range.events;
    return null;
  }

  /** The report once every range has been added without a break. */
  intact(): VerificationReport {
    return { ok: true, streams: this.heads.size, events: this.verified };
  }

  private brokenAt(index: number, stream: string, revision: bigint, position: bigint, reason: BreakReason): VerificationReport {
    return {
      ok: false,
      streams: this.heads.size,
      events: this.verified + index,
      firstBroken: { stream, revision: revision.toString(), position: position.toString(), reason },
    };
  }
}

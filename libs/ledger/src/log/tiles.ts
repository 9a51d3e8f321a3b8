import { createHash } from 'node:crypto';
import { HASH_BYTES, hashLeaf } from './merkle.js';
import { TreeEdge } from './merkle-tree.js';

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the log's tree as static, cacheable "tiles" of
 * 256 consecutive hashes at every eighth level, and its entries in bundles of 256, so that anyone
 * can mirror the tree and compute any root or proof without trusting the server's proofs.
 *
 * The tile height is fixed at 8 by the spec; the functions take it as a parameter (as Go's
 * sumdb/tlog does) only so that specs can exercise several tile levels with small trees.
 */
export const TILE_HEIGHT = 8;

/** Where a tile lies: its level (tree level `level · height`), its index in that level, and how many hashes it holds. */
export interface TileRef {
  readonly level: number;
  readonly index: number;
  /** 1 to 2^height; 2^height is a full tile. */
  readonly width: number;
}

/** A tile path as the spec writes it after `tile/`: a hash tile, or (`entries`) the entry bundle of a level-0 tile. */
export interface TileAddress extends TileRef {
  readonly entries: boolean;
}

const fullWidth = (height: number): number => 2 ** height;

/** The spec's encoding of an index: zero-padded 3-digit groups, all but the last prefixed with `x` (1234067 → `x001/x234/067`). */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Not a tile index: ${index}`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]`, or `tile/entries/<N>[.p/<W>]` for an entry bundle. */
export function tilePath(tile: TileRef, options: { entries?: boolean; height?: number } = {}): string {
  const height = options.height ?? TILE_HEIGHT;
  if (tile.width < 1 || tile.width > fullWidth(height)) throw new RangeError(`A tile holds 1 to ${fullWidth(height)} hashes, not ${tile.width}`);
  const partial = tile.width < fullWidth(height) ? `.p/${tile.width}` : '';
  return `tile/${options.entries ? 'entries' : tile.level}/${encodeTileIndex(tile.index)}${partial}`;
}

/** At most this many index groups: 10^18 tiles is beyond any index a safe integer covers. */
const MAX_INDEX_GROUPS = 6;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Reads a tile path (what follows `tile/`); null when it is not one in the spec's canonical form:
 * a level 0–63 or `entries`, an index in 3-digit groups with no superfluous leading group, a width
 * 1–255 after `.p/`, all without leading zeroes.
 */
export function parseTilePath(path: string, height = TILE_HEIGHT): TileAddress | null {
  const segments = path.split('/');
  const head = segments.shift();
  if (head === undefined) return null;
  const entries = head === 'entries';
  if (!entries && (!DECIMAL.test(head) || Number(head) > 63)) return null;
  let width = fullWidth(height);
  const last = segments.length - 1;
  const partial = /^([0-9]{3})\.p$/.exec(segments[last - 1] ?? '');
  if (partial) {
    const raw = segments[last];
    if (!DECIMAL.test(raw) || Number(raw) < 1 || Number(raw) >= fullWidth(height)) return null;
    width = Number(raw);
    segments.splice(last - 1, 2, partial[1]);
  }
  if (segments.length === 0 || segments.length > MAX_INDEX_GROUPS) return null;
  if (!segments.every((group, i) => (i < segments.length - 1 ? /^x[0-9]{3}$/ : /^[0-9]{3}$/).test(group))) return null;
  const index = segments.reduce((value, group) => value * 1000 + Number(group.replace('x', '')), 0);
  // One encoding per index: `x000/001` is not 1. Beyond 2^53 no tile of this log can lie.
  if ((segments.length > 1 && segments[0] === 'x000') || !Number.isSafeInteger(index)) return null;
  return { entries, level: entries ? 0 : Number(head), index, width };
}

/**
 * The tiles that make up a tree of `size` leaves, level by level: every full tile, then the
 * partial one of width ⌊size / 256^l⌋ mod 256 where that is not 0 (the spec's "tree of size 70,000"
 * is 273 full level-0 tiles, one of 112; one full level-1 tile, one of 17; one level-2 tile of 1).
 */
export function tilesOfTree(size: number, height = TILE_HEIGHT): TileRef[] {
  const tiles: TileRef[] = [];
  const width = fullWidth(height);
  for (let level = 0, nodes = size; nodes > 0; level++, nodes = Math.floor(nodes / width)) {
    const full = Math.floor(nodes / width);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width });
    if (nodes % width > 0) tiles.push({ level, index: full, width: nodes % width });
  }
  return tiles;
}

/** Where a log keeps the hashes of its complete subtrees (`LogStore`, `MemoryStoredHashes`). */
export interface StoredHashRanges {
  /** The stored hashes of nodes (level, from…to) by index; a node not held is absent. */
  storedHashes(level: number, from: number, to: number): Map<number, Buffer>;
}

/** The bytes of a hash tile: its `width` hashes, concatenated; null when the log does not hold them all (yet). */
export function readHashTile(store: StoredHashRanges, tile: TileRef, height = TILE_HEIGHT): Buffer | null {
  const from = tile.index * fullWidth(height);
  if (!Number.isSafeInteger(from + tile.width)) return null;
  const hashes = store.storedHashes(tile.level * height, from, from + tile.width - 1);
  if (hashes.size !== tile.width) return null;
  return Buffer.concat(Array.from({ length: tile.width }, (_, i) => hashes.get(from + i)!));
}

/** An entry bundle: each entry after its length as a big-endian uint16. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new RangeError(`An entry of ${entry.length} bytes does not fit a bundle's 16-bit length`);
    const length = Buffer.allocUnsafe(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

/** The entries of a bundle; null when the bytes are not a sequence of length-prefixed entries. */
export function decodeEntryBundle(bytes: Buffer): Buffer[] | null {
  const entries: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (at + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(at);
    if (at + 2 + length > bytes.length) return null;
    entries.push(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}

/** A tile or bundle that could not be had, or that is not one (wrong length, not a bundle): nothing proven. */
export class TileUnavailableError extends Error {
  override readonly name = 'TileUnavailableError';
}

/** What the tiles prove against the signed checkpoint, with the files that show it. */
export class TileContradictionError extends Error {
  override readonly name = 'TileContradictionError';
  constructor(
    message: string,
    /** File name → content: the tiles and bundles involved (what a witness keeps as evidence). */
    readonly evidence: Readonly<Record<string, Buffer | string>>,
  ) {
    super(message);
  }
}

export interface RebuildFromTilesOptions {
  /** Fetch the entry bundles too, and check every entry hashes to its leaf (default true). */
  readonly entries?: boolean;
  /** Other sizes (≤ `size`) whose roots the caller wants, e.g. the checkpoint it held before. */
  readonly rootsAt?: readonly number[];
  /** Tiles fetched at once (default 8). */
  readonly concurrency?: number;
  readonly height?: number;
}

export interface RebuiltTree {
  readonly size: number;
  readonly root: Buffer;
  /** The root at each size of `rootsAt`. */
  readonly roots: ReadonlyMap<number, Buffer>;
  /** How many tiles and bundles were fetched. */
  readonly fetched: number;
}

/** The file name a tile's bytes are kept under in evidence: its path with `/` as `-`. */
const evidenceName = (path: string): string => path.replace(/\//g, '-');

/**
 * Rebuilds the tree of `size` leaves from its tiles alone and holds it to `root` (the signed
 * checkpoint's): every level-0 tile is fetched and its leaf hashes folded into the tree (O(log n)
 * memory: only the right edge and the nodes that upper tiles hold are kept); the root must be
 * `root`; every upper tile must hold exactly the hashes rebuilt from level 0; and (with `entries`)
 * every entry of every bundle must hash to its leaf. `fetch(path)` answers the bytes served at
 * `path` (e.g. `tile/0/000.p/9`), or throws TileUnavailableError. Throws TileContradictionError
 * when the tiles or bundles contradict `root`.
 */
export async function rebuildFromTiles(
  size: number,
  root: Buffer,
  fetch: (path: string) => Promise<Buffer>,
  options: RebuildFromTilesOptions = {},
): Promise<RebuiltTree> {
  const height = options.height ?? TILE_HEIGHT;
  const width = fullWidth(height);
  const withEntries = options.entries ?? true;
  const wanted = new Set((options.rootsAt ?? []).filter((at) => at > 0 && at <= size));
  const roots = new Map<number, Buffer>();
  const tiles = tilesOfTree(size, height);
  const bottom = tiles.filter((tile) => tile.level === 0);
  const edge = TreeEdge.empty();
  /** The nodes upper tiles hold, as rebuilt from level 0: tree level → index → hash. */
  const upper = new Map<number, Buffer[]>();
  const digests: string[] = [];
  let fetched = 0;
  let entryContradiction: TileContradictionError | null = null;

  const get = async (path: string): Promise<Buffer> => {
    const bytes = await fetch(path);
    fetched++;
    digests.push(`${path} ${createHash('sha256').update(bytes).digest('hex')}`);
    return bytes;
  };
  const hashesOf = (bytes: Buffer, tile: TileRef, path: string): Buffer[] => {
    if (bytes.length !== tile.width * HASH_BYTES) throw new TileUnavailableError(`${path} is ${bytes.length} bytes, not ${tile.width} hashes of ${HASH_BYTES}`);
    return Array.from({ length: tile.width }, (_, i) => bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES));
  };

  for (let at = 0; at < bottom.length; at += options.concurrency ?? 8) {
    const batch = bottom.slice(at, at + (options.concurrency ?? 8));
    const answers = await Promise.all(
      batch.map(async (tile) => {
        const path = tilePath(tile, { height });
        const entriesPath = tilePath(tile, { height, entries: true });
        const [hashes, bundle] = await Promise.all([get(path), withEntries ? get(entriesPath) : Promise.resolve(null)]);
        return { tile, path, hashes, entriesPath, bundle };
      }),
    );
    for (const { tile, path, hashes, entriesPath, bundle } of answers) {
      const leaves = hashesOf(hashes, tile, path);
      if (bundle) {
        const entries = decodeEntryBundle(bundle);
        if (!entries || entries.length !== tile.width) throw new TileUnavailableError(`${entriesPath} is not a bundle of ${tile.width} entries`);
        const wrong = entries.findIndex((entry, i) => !hashLeaf(entry).equals(leaves[i]));
        if (wrong >= 0 && !entryContradiction) {
          entryContradiction = new TileContradictionError(`entry ${tile.index * width + wrong} in ${entriesPath} does not hash to its leaf in ${path}`, {
            [evidenceName(path)]: hashes,
            [evidenceName(entriesPath)]: bundle,
          });
        }
      }
      for (const leaf of leaves) {
        for (const node of edge.append(Buffer.from(leaf))) {
          if (node.level > 0 && node.level % height === 0) (upper.get(node.level) ?? upper.set(node.level, []).get(node.level)!)[node.index] = node.hash;
        }
        if (wanted.has(edge.size)) roots.set(edge.size, edge.root());
      }
    }
  }

  const rebuilt = edge.root();
  if (!rebuilt.equals(root)) {
    throw new TileContradictionError(
      `the tiles of the tree of ${size} rebuild root ${rebuilt.toString('base64')}, not the signed ${root.toString('base64')}`,
      { 'tiles.txt': `${digests.join('\n')}\n` },
    );
  }
  for (const tile of tiles.filter((candidate) => candidate.level > 0)) {
    const path = tilePath(tile, { height });
    const hashes = hashesOf(await get(path), tile, path);
    const expected = upper.get(tile.level * height) ?? [];
    const wrong = hashes.findIndex((hash, i) => !hash.equals(expected[tile.index * width + i] ?? Buffer.alloc(0)));
    if (wrong >= 0) {
      throw new TileContradictionError(`hash ${wrong} of ${path} is not the one its level-0 tiles rebuild (which the signed root holds)`, {
        [evidenceName(path)]: Buffer.concat(hashes),
      });
    }
  }
  if (entryContradiction) throw entryContradiction;
  return { size, root: rebuilt, roots, fetched };
}

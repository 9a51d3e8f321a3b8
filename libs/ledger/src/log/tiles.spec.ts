import fc from 'fast-check';
import { EMPTY_ROOT, hashLeaf } from './merkle.js';
import { MemoryStoredHashes, rootAt } from './merkle-tree.js';
import { LEAVES_HEX, ROOTS_HEX } from './testing/merkle-vectors.js';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  parseTilePath,
  readHashTile,
  rebuildFromTiles,
  TileContradictionError,
  tilePath,
  tilesOfTree,
  TileUnavailableError,
} from './tiles.js';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/** A log of `size` entries (`entry <i>`), with its stored hashes. */
function logOf(size: number): { tree: MemoryStoredHashes; entries: Buffer[] } {
  const tree = new MemoryStoredHashes();
  const entries = Array.from({ length: size }, (_, i) => Buffer.from(`entry ${i}`));
  for (const entry of entries) tree.append(hashLeaf(entry));
  return { tree, entries };
}

/** What an honest server answers at a tile path (`height` as the log's), and what a mirror would fetch. */
function serve(log: { tree: MemoryStoredHashes; entries: Buffer[] }, height: number) {
  const paths: string[] = [];
  const fetch = async (path: string): Promise<Buffer> => {
    paths.push(path);
    const tile = parseTilePath(path.replace(/^tile\//, ''), height);
    if (!tile) throw new TileUnavailableError(`no such path ${path}`);
    if (tile.entries) {
      const start = tile.index * 2 ** height;
      if (start + tile.width > log.entries.length) throw new TileUnavailableError(`${path}: 404`);
      return encodeEntryBundle(log.entries.slice(start, start + tile.width));
    }
    const bytes = readHashTile(log.tree, tile, height);
    if (!bytes) throw new TileUnavailableError(`${path}: 404`);
    return bytes;
  };
  return { fetch, paths };
}

describe('C2SP tlog-tiles paths', () => {
  it.each([
    [0, '000'],
    [7, '007'],
    [999, '999'],
    [1000, 'x001/000'],
    // The spec's example.
    [1234067, 'x001/x234/067'],
  ])('encodes index %i as %s', (index, encoded) => {
    expect(encodeTileIndex(index)).toBe(encoded);
  });

  it('writes hash tiles and entry bundles as the spec and Go write them, `.p/<W>` only for a partial tile', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 1234067, width: 8 })).toBe('tile/2/x001/x234/067.p/8');
    // transparency-dev/tessera's layout example: EntriesPath(1234067, 8).
    expect(tilePath({ level: 0, index: 1234067, width: 8 }, { entries: true })).toBe('tile/entries/x001/x234/067.p/8');
    // Go's sumdb/tlog example at height 3: Tile{H: 3, L: 4, N: 1234067, W: 8} is complete.
    expect(tilePath({ level: 4, index: 1234067, width: 8 }, { height: 3 })).toBe('tile/4/x001/x234/067');
  });

  it.each([
    ['0/x001/x234/067', { entries: false, level: 0, index: 1234067, width: 256 }],
    ['63/000.p/255', { entries: false, level: 63, index: 0, width: 255 }],
    ['entries/x001/000.p/1', { entries: true, level: 0, index: 1000, width: 1 }],
    ['1/x009/x007/x199/x254/x740/991', { entries: false, level: 1, index: Number.MAX_SAFE_INTEGER, width: 256 }],
  ])('reads %s', (path, tile) => {
    expect(parseTilePath(path)).toEqual(tile);
  });

  it.each([
    '0/1',
    '0/0001',
    '00/000',
    '01/000',
    '64/000',
    '-1/000',
    'data/000',
    '0/x000/001',
    '0/x001',
    '0/001/002',
    '0/x1/000',
    '0/000.p/0',
    '0/000.p/256',
    '0/000.p/08',
    '0/000.p',
    '0/000.p/1/2',
    '0/000.p/1.p/2',
    '0/x001.p/1/000',
    '0/',
    '0',
    '',
    '0/x001/x001/x001/x001/x001/x001/001',
    // 2^53: beyond any index a number holds exactly.
    '0/x009/x007/x199/x254/x740/992',
  ])('refuses %j', (path) => {
    expect(parseTilePath(path)).toBeNull();
  });

  it('reads back every path it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 256 }), fc.boolean(), (level, index, width, entries) => {
        const tile = { level: entries ? 0 : level, index, width };
        expect(parseTilePath(tilePath(tile, { entries }).slice('tile/'.length))).toEqual({ ...tile, entries });
      }),
    );
  });
});

describe('the tiles of a tree', () => {
  it("are the spec's for a tree of 70,000: 273 full level-0 tiles and one of 112, one full level-1 tile and one of 17, a level-2 tile of 1", () => {
    const tiles = tilesOfTree(70_000);
    const summary = (level: number) => tiles.filter((tile) => tile.level === level).map((tile) => tile.width);
    expect(summary(0)).toEqual([...Array<number>(273).fill(256), 112]);
    expect(summary(1)).toEqual([256, 17]);
    expect(summary(2)).toEqual([1]);
    expect(tiles).toHaveLength(273 + 1 + 2 + 1);
  });

  it("are, for a tree of 256, one full level-0 tile and a level-1 tile of 1 (the spec's note)", () => {
    expect(tilesOfTree(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesOfTree(0)).toEqual([]);
  });

  it("hold the RFC 6962 vector tree's hashes: its leaves at level 0, and (height 1, as in Android's binary transparency log example) its root in tile/3/000.p/1", () => {
    const tree = new MemoryStoredHashes();
    for (const leaf of LEAVES_HEX) tree.append(hashLeaf(hex(leaf)));
    expect(readHashTile(tree, { level: 0, index: 0, width: 8 })).toEqual(Buffer.concat(LEAVES_HEX.map((leaf) => hashLeaf(hex(leaf)))));
    expect(readHashTile(tree, { level: 3, index: 0, width: 1 }, 1)!.toString('hex')).toBe(ROOTS_HEX[7]);
    // The tree of the first 4 is node (2, 0): at height 1, the first hash of tile/2/000.
    expect(readHashTile(tree, { level: 2, index: 0, width: 2 }, 1)!.subarray(0, 32).toString('hex')).toBe(ROOTS_HEX[3]);
    // Beyond what the log holds: no tile.
    expect(readHashTile(tree, { level: 0, index: 0, width: 9 })).toBeNull();
    expect(readHashTile(tree, { level: 1, index: 0, width: 1 })).toBeNull();
  });
});

describe('entry bundles', () => {
  it('are each entry after its big-endian uint16 length, and read back', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(bundle.subarray(0, 6)).toEqual(Buffer.from([0, 2, 0x61, 0x62, 0, 0]));
    expect(bundle.readUInt16BE(6)).toBe(300);
    expect(decodeEntryBundle(bundle)).toEqual([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
  });

  it('refuse what is not one: a cut length or entry', () => {
    expect(decodeEntryBundle(Buffer.from([0]))).toBeNull();
    expect(decodeEntryBundle(Buffer.from([0, 3, 1, 2]))).toBeNull();
    expect(() => encodeEntryBundle([Buffer.alloc(0x10000)])).toThrow(RangeError);
  });
});

describe('rebuilding a tree from its tiles alone', () => {
  it('gives the RFC 9162 root of a tree of any size, and of any smaller size asked, at any tile height', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 600 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size }), fc.constantFrom(1, 2, 3, 8))),
        async ([size, older, height]) => {
          const log = logOf(size);
          const { fetch } = serve(log, height);
          const rebuilt = await rebuildFromTiles(size, rootAt(log.tree, size), fetch, { height, rootsAt: [older] });
          expect(rebuilt.root).toEqual(size === 0 ? EMPTY_ROOT : rootAt(log.tree, size));
          if (older > 0) expect(rebuilt.roots.get(older)).toEqual(rootAt(log.tree, older));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fetches every tile of the tree and every bundle, and nothing else', async () => {
    const log = logOf(70);
    const { fetch, paths } = serve(log, 2);
    await rebuildFromTiles(70, rootAt(log.tree, 70), fetch, { height: 2 });
    const tiles = tilesOfTree(70, 2);
    expect([...paths].sort()).toEqual(
      [...tiles.map((tile) => tilePath(tile, { height: 2 })), ...tiles.filter((tile) => tile.level === 0).map((tile) => tilePath(tile, { height: 2, entries: true }))].sort(),
    );
  });

  it('proves a contradiction when any byte of any hash tile is changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.constantFrom(1, 2, 8), fc.nat(), fc.nat(), async (size, height, which, byte) => {
        const log = logOf(size);
        const honest = serve(log, height);
        const tiles = tilesOfTree(size, height);
        const target = tilePath(tiles[which % tiles.length], { height });
        const fetch = async (path: string): Promise<Buffer> => {
          const bytes = Buffer.from(await honest.fetch(path));
          if (path === target) bytes[byte % bytes.length] ^= 0x01;
          return bytes;
        };
        await expect(rebuildFromTiles(size, rootAt(log.tree, size), fetch, { height })).rejects.toThrow(TileContradictionError);
      }),
      { numRuns: 40 },
    );
  });

  it('proves a contradiction when an entry does not hash to its leaf, and keeps the tile and bundle as evidence', async () => {
    const log = logOf(300);
    const honest = serve(log, 8);
    const fetch = async (path: string): Promise<Buffer> => {
      if (path !== 'tile/entries/001.p/44') return honest.fetch(path);
      const entries = decodeEntryBundle(await honest.fetch(path))!;
      entries[5] = Buffer.from('entry 261, rewritten');
      return encodeEntryBundle(entries);
    };
    const failure = await rebuildFromTiles(300, rootAt(log.tree, 300), fetch).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TileContradictionError);
    expect((failure as Error).message).toBe('entry 261 in tile/entries/001.p/44 does not hash to its leaf in tile/0/001.p/44');
    expect(Object.keys((failure as TileContradictionError).evidence).sort()).toEqual(['tile-0-001.p-44', 'tile-entries-001.p-44']);
  });

  it('proves a contradiction when the tiles rebuild another root than the signed one', async () => {
    const log = logOf(10);
    await expect(rebuildFromTiles(10, rootAt(log.tree, 9), serve(log, 8).fetch)).rejects.toThrow(/rebuild root .* not the signed/);
  });

  it('proves nothing when a tile is missing or not a tile (could not check)', async () => {
    const log = logOf(10);
    const honest = serve(log, 8);
    await expect(rebuildFromTiles(11, rootAt(log.tree, 10), honest.fetch)).rejects.toThrow(TileUnavailableError);
    const short = async (path: string) => (await honest.fetch(path)).subarray(1);
    await expect(rebuildFromTiles(10, rootAt(log.tree, 10), short, { entries: false })).rejects.toThrow(TileUnavailableError);
  });
});

import fc from 'fast-check';
import { EMPTY_ROOT, hashLeaf, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
import { consistencyProof, inclusionProof, MemoryStoredHashes, rootAt, TreeEdge } from './merkle-tree.js';
import { CONSISTENCY_VECTORS, EMPTY_TREE_HEX, INCLUSION_VECTORS, LEAVES_HEX, ROOTS_HEX, SOME_HASH_HEX } from './testing/merkle-vectors.js';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');
const hexes = (list: readonly string[]): Buffer[] => list.map(hex);

function treeOf(leaves: readonly Buffer[]): MemoryStoredHashes {
  const tree = new MemoryStoredHashes();
  for (const leaf of leaves) tree.append(hashLeaf(leaf));
  return tree;
}

const vectorTree = treeOf(LEAVES_HEX.map(hex));
const rootOf = (size: number): Buffer => hex(ROOTS_HEX[size - 1]);

function flipBit(bytes: Buffer, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[Math.floor(bit / 8) % copy.length] ^= 1 << bit % 8;
  return copy;
}

describe('RFC 9162 Merkle tree (transparency-dev/merkle vectors)', () => {
  it('gives the empty tree the hash of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(EMPTY_TREE_HEX);
    expect(rootAt(vectorTree, 0)).toEqual(EMPTY_ROOT);
  });

  it.each(ROOTS_HEX.map((root, i) => [i + 1, root] as const))('computes the root of the first %i leaves', (size, root) => {
    expect(rootAt(vectorTree, size).toString('hex')).toBe(root);
    const edge = TreeEdge.empty();
    for (const leaf of LEAVES_HEX.slice(0, size)) edge.append(hashLeaf(hex(leaf)));
    expect(edge.root().toString('hex')).toBe(root);
    expect(TreeEdge.fromStore(vectorTree, size).root().toString('hex')).toBe(root);
  });

  it.each(INCLUSION_VECTORS.map((v) => [v.index, v.size, v] as const))('makes and verifies the published inclusion proof of leaf %i in %i', (index, size, vector) => {
    const leafHash = hashLeaf(hex(LEAVES_HEX[index]));
    expect(inclusionProof(vectorTree, index, size).map((h) => h.toString('hex'))).toEqual(vector.proof);
    expect(verifyInclusion(index, size, leafHash, hexes(vector.proof), rootOf(size))).toBe(true);
  });

  it.each(CONSISTENCY_VECTORS.map((v) => [v.oldSize, v.newSize, v] as const))('makes and verifies the published consistency proof from %i to %i', (oldSize, newSize, vector) => {
    expect(consistencyProof(vectorTree, oldSize, newSize).map((h) => h.toString('hex'))).toEqual(vector.proof);
    expect(verifyConsistency(oldSize, newSize, rootOf(oldSize), rootOf(newSize), hexes(vector.proof))).toBe(true);
  });

  it('refuses the corruptions transparency-dev probes for every non-trivial inclusion vector', () => {
    for (const { index, size, proof: proofHex } of INCLUSION_VECTORS.filter((v) => v.proof.length > 0)) {
      const proof = hexes(proofHex);
      const leaf = hashLeaf(hex(LEAVES_HEX[index]));
      const root = rootOf(size);
      const wrong: [number, number, Buffer, Buffer[], Buffer][] = [
        [index - 1, size, leaf, proof, root],
        [index + 1, size, leaf, proof, root],
        [index ^ 2, size, leaf, proof, root],
        [index, size * 2, leaf, proof, root],
        [index, Math.floor(size / 2), leaf, proof, root],
        [index, size, Buffer.from('WrongLeaf'), proof, root],
        [index, size, leaf, proof, hex(EMPTY_TREE_HEX)],
        [index, size, leaf, proof, hex(SOME_HASH_HEX)],
        [index, size, leaf, [...proof, Buffer.alloc(0)], root],
        [index, size, leaf, [...proof, root], root],
        [index, size, leaf, [Buffer.alloc(0), ...proof], root],
        [index, size, leaf, [root, ...proof], root],
        [index, size, leaf, proof.slice(0, -1), root],
        ...proof.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [index, size, leaf, proof.map((h, j) => (i === j ? flipBit(h, 3) : h)), root]),
      ];
      if (proof.length > 1) wrong.push([index, size, leaf, [proof[0], hex(SOME_HASH_HEX), ...proof.slice(1)], root]);
      for (const [i, n, l, p, r] of wrong) expect(verifyInclusion(i, n, l, p, r)).toBe(false);
    }
  });

  it('refuses the corruptions transparency-dev probes for every non-trivial consistency vector', () => {
    for (const { oldSize, newSize, proof: proofHex } of CONSISTENCY_VECTORS.filter((v) => v.proof.length > 0)) {
      const proof = hexes(proofHex);
      const [root1, root2] = [rootOf(oldSize), rootOf(newSize)];
      const wrong: [number, number, Buffer, Buffer, Buffer[]][] = [
        [oldSize - 1, newSize, root1, root2, proof],
        [oldSize + 1, newSize, root1, root2, proof],
        [oldSize ^ 2, newSize, root1, root2, proof],
        [oldSize, newSize * 2, root1, root2, proof],
        [oldSize, Math.floor(newSize / 2), root1, root2, proof],
        [oldSize, newSize, Buffer.from('WrongRoot'), root2, proof],
        [oldSize, newSize, root1, Buffer.from('WrongRoot'), proof],
        [oldSize, newSize, root2, root1, proof],
        [oldSize, newSize, root1, root2, []],
        [oldSize, newSize, root1, root2, [...proof, Buffer.alloc(0)]],
        [oldSize, newSize, root1, root2, [...proof, root1]],
        [oldSize, newSize, root1, root2, [...proof, root2]],
        [oldSize, newSize, root1, root2, [Buffer.alloc(0), ...proof]],
        [oldSize, newSize, root1, root2, [root1, ...proof]],
        [oldSize, newSize, root1, root2, [root2, ...proof]],
        [oldSize, newSize, root1, root2, [proof[0], ...proof]],
        [oldSize, newSize, root1, root2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [oldSize, newSize, root1, root2, proof.map((h, j) => (i === j ? flipBit(h, 4) : h))]),
      ];
      for (const [m, n, r1, r2, p] of wrong) expect(verifyConsistency(m, n, r1, r2, p)).toBe(false);
    }
  });
});

describe('RFC 9162 edge cases', () => {
  const some = hex(SOME_HASH_HEX);
  const empty = hex(EMPTY_TREE_HEX);

  it('has no inclusion proof in an empty tree, nor past its end', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [1, 1]] as const) {
      expect(verifyInclusion(index, size, some, [], empty)).toBe(false);
      expect(rootFromInclusionProof(index, size, some, [])).toBeNull();
      expect(() => inclusionProof(vectorTree, index, size)).toThrow(RangeError);
    }
  });

  it('proves the only leaf of a one-leaf tree with an empty path, and nothing else with it', () => {
    const leaf = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion(0, 1, leaf, [], leaf)).toBe(true);
    expect(verifyInclusion(0, 1, leaf, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], leaf)).toBe(false);
  });

  it('accepts an empty consistency proof from size 0 to anything, and refuses one that is not empty', () => {
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(0, 5, Buffer.from('x'), rootOf(5), [])).toBe(true);
    expect(consistencyProof(vectorTree, 0, 8)).toEqual([]);
    expect(verifyConsistency(0, 1, empty, empty, [empty])).toBe(false);
  });

  it('at m = n wants an empty proof and the same root', () => {
    expect(consistencyProof(vectorTree, 5, 5)).toEqual([]);
    expect(verifyConsistency(5, 5, rootOf(5), rootOf(5), [])).toBe(true);
    expect(verifyConsistency(5, 5, rootOf(5), rootOf(6), [])).toBe(false);
    expect(verifyConsistency(1, 1, empty, empty, [empty])).toBe(false);
  });

  it('refuses time travel and an empty proof where a path is required', () => {
    expect(verifyConsistency(2, 1, rootOf(2), rootOf(1), [])).toBe(false);
    expect(verifyConsistency(1, 2, rootOf(1), rootOf(2), [])).toBe(false);
    expect(verifyInclusion(1, 2, hashLeaf(hex(LEAVES_HEX[1])), [], rootOf(2))).toBe(false);
    expect(() => consistencyProof(vectorTree, 3, 2)).toThrow(RangeError);
  });
});

describe('every proof of a random tree verifies, and one flipped bit never does', () => {
  const sizes = fc.integer({ min: 1, max: 300 });
  const leafBytes = (i: number): Buffer => Buffer.from(`leaf ${i}`);
  const trees = new Map<number, MemoryStoredHashes>();
  const tree = (n: number): MemoryStoredHashes => {
    let t = trees.get(n);
    if (!t) trees.set(n, (t = treeOf(Array.from({ length: n }, (_, i) => leafBytes(i)))));
    return t;
  };

  it('inclusion (i, n) for every i of a random n ≤ 300', () => {
    fc.assert(
      fc.property(sizes, (n) => {
        const t = tree(n);
        const root = rootAt(t, n);
        for (let i = 0; i < n; i++) {
          if (!verifyInclusion(i, n, hashLeaf(leafBytes(i)), inclusionProof(t, i, n), root)) return false;
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('consistency (m, n) for every m ≤ n of a random n ≤ 300', () => {
    fc.assert(
      fc.property(sizes, (n) => {
        const t = tree(n);
        const root = rootAt(t, n);
        for (let m = 0; m <= n; m++) {
          if (!verifyConsistency(m, n, rootAt(t, m), root, consistencyProof(t, m, n))) return false;
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  const flip = fc.nat({ max: 255 });
  it('inclusion: a flipped bit in the proof, the leaf, the root or the size fails', () => {
    fc.assert(
      fc.property(
        sizes.chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        flip,
        fc.constantFrom('proof', 'leaf', 'root', 'size'),
        fc.nat(),
        ([n, i], bit, what, which) => {
          const t = tree(n);
          const proof = inclusionProof(t, i, n);
          const leaf = hashLeaf(leafBytes(i));
          const root = rootAt(t, n);
          fc.pre(what !== 'proof' || proof.length > 0);
          switch (what) {
            case 'proof': {
              const k = which % proof.length;
              return !verifyInclusion(i, n, leaf, proof.map((h, j) => (j === k ? flipBit(h, bit) : h)), root);
            }
            case 'leaf':
              return !verifyInclusion(i, n, flipBit(leaf, bit), proof, root);
            case 'root':
              return !verifyInclusion(i, n, leaf, proof, flipBit(root, bit));
            case 'size': {
              // A proof fixes the size only up to the shape of the path (n = 28 and 29 look alike from
              // leaf 0): the signed checkpoint binds the size (see checkpoint.spec). Here, as in
              // transparency-dev's probes, a size that changes the tree's height.
              const other = bit % 2 === 0 ? n * 2 : Math.floor(n / 2);
              fc.pre(other > i && other !== n);
              return !verifyInclusion(i, other, leaf, proof, root);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('consistency: a flipped bit in the proof, either root or either size fails', () => {
    fc.assert(
      fc.property(
        sizes.chain((n) => fc.tuple(fc.nat({ max: n }), fc.constant(n))),
        flip,
        fc.constantFrom('proof', 'old root', 'new root', 'old size', 'new size'),
        fc.nat(),
        ([m, n], bit, what, which) => {
          const t = tree(n);
          const proof = consistencyProof(t, m, n);
          const [oldRoot, newRoot] = [rootAt(t, m), rootAt(t, n)];
          // From 0 leaves, or to the same size, there is nothing for a proof to commit to but the roots.
          fc.pre(m > 0 && m < n);
          switch (what) {
            case 'proof': {
              const k = which % proof.length;
              return !verifyConsistency(m, n, oldRoot, newRoot, proof.map((h, j) => (j === k ? flipBit(h, bit) : h)));
            }
            case 'old root':
              return !verifyConsistency(m, n, flipBit(oldRoot, bit), newRoot, proof);
            case 'new root':
              return !verifyConsistency(m, n, oldRoot, flipBit(newRoot, bit), proof);
            case 'old size': {
              const other = m ^ (1 << bit % 9);
              fc.pre(other !== m);
              return !verifyConsistency(other, n, oldRoot, newRoot, proof);
            }
            case 'new size': {
              // As for inclusion: the signed checkpoint binds the new size; a proof, the tree's height.
              const other = bit % 2 === 0 ? n * 2 : Math.floor(n / 2);
              fc.pre(other !== n);
              return !verifyConsistency(m, other, oldRoot, newRoot, proof);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  decodeStreamHead,
  EMPTY_SUBTREE,
  encodeStreamHead,
  hashMapLeaf,
  hashMapValue,
  type MapProof,
  mapKey,
  mapLookup,
  mapProof,
  mapRoot,
  MemoryMapNodes,
  streamHeadsLine,
  streamHeadsRootOf,
  updateMap,
  verifyMapMembership,
  verifyMapNonMembership,
} from './stream-heads-map.js';

const streamName = fc.stringMatching(/^[a-z]{1,6}-[0-9a-z]{1,8}$/);
/** A map as a list of (stream, head) writes, in the order they happened. */
const writes = fc.array(fc.tuple(streamName, fc.bigInt({ min: 0n, max: 1000n }), fc.nat({ max: 1_000_000 })), { minLength: 0, maxLength: 40 });

function build(entries: readonly [string, bigint, number][], batch = entries.length || 1): MemoryMapNodes {
  const nodes = new MemoryMapNodes();
  for (let at = 0; at < entries.length; at += batch) {
    updateMap(
      nodes,
      entries.slice(at, at + batch).map(([stream, revision, leafIndex]) => ({ key: mapKey(stream), value: encodeStreamHead({ revision, leafIndex }) })),
    );
  }
  return nodes;
}

function lastHeads(entries: readonly [string, bigint, number][]): Map<string, Buffer> {
  return new Map(entries.map(([stream, revision, leafIndex]) => [stream, encodeStreamHead({ revision, leafIndex })]));
}

function sameProof(a: MapProof, b: MapProof): boolean {
  return a.leaf === b.leaf && a.siblings.length === b.siblings.length && a.siblings.every((sibling, i) => sibling.equals(b.siblings[i]));
}

describe('the map of stream heads (sparse Merkle tree)', () => {
  it('an empty map has the empty root; one stream’s map has its leaf hash as root', () => {
    expect(mapRoot(new MemoryMapNodes())).toEqual(EMPTY_SUBTREE);
    const value = encodeStreamHead({ revision: 3n, leafIndex: 17 });
    const nodes = build([['case-1', 3n, 17]]);
    expect(mapRoot(nodes)).toEqual(hashMapLeaf({ key: mapKey('case-1'), valueHash: hashMapValue(value) }));
    expect(value.toString('hex')).toBe('01' + '0000000000000003' + '0000000000000011');
    expect(decodeStreamHead(value)).toEqual({ revision: 3n, leafIndex: 17 });
  });

  it('hashes leaves and nodes as the format says, computed here from its definition', () => {
    const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    const leaf = (stream: string, revision: bigint, leafIndex: number) =>
      sha256(Buffer.from([0x00]), sha256(Buffer.from(stream, 'utf8')), sha256(encodeStreamHead({ revision, leafIndex })));
    // Two streams whose keys part at the first bit: the root is the node over their two leaves, left (bit 0) first.
    const [first, second] = ['case-1', 'case-2'].sort((a, b) => (mapKey(a)[0] >> 7) - (mapKey(b)[0] >> 7));
    expect(mapKey(first)[0] >> 7).not.toBe(mapKey(second)[0] >> 7);
    const root = sha256(Buffer.from([0x01]), leaf(first, 2n, 5), leaf(second, 0n, 9));
    expect(mapRoot(build([[first, 2n, 5], [second, 0n, 9]]))).toEqual(root);
    expect(hashMapLeaf({ key: mapKey(first), valueHash: hashMapValue(encodeStreamHead({ revision: 2n, leafIndex: 5 })) })).toEqual(leaf(first, 2n, 5));
  });

  it('has one root for one set of heads, however and in whatever batches it was written', () => {
    fc.assert(
      fc.property(writes, fc.integer({ min: 1, max: 7 }), (entries, batch) => {
        const heads = lastHeads(entries);
        // The same final heads, written once each in another order.
        const direct = build([...heads].reverse().map(([stream, value]) => [stream, decodeStreamHead(value).revision, decodeStreamHead(value).leafIndex]));
        expect(mapRoot(build(entries, batch))).toEqual(mapRoot(direct));
      }),
      { numRuns: 200 },
    );
  });

  it('proves every member with its last head, and every other stream a non-member', () => {
    fc.assert(
      fc.property(writes, fc.array(streamName, { maxLength: 10 }), (entries, others) => {
        const nodes = build(entries, 3);
        const root = mapRoot(nodes);
        const heads = lastHeads(entries);
        for (const [stream, value] of heads) {
          const proof = mapProof(nodes, mapKey(stream));
          expect(verifyMapMembership(root, mapKey(stream), value, proof)).toBe(true);
          expect(verifyMapNonMembership(root, mapKey(stream), proof)).toBe(false);
          expect(mapLookup(nodes, mapKey(stream))?.valueHash).toEqual(hashMapValue(value));
        }
        for (const stream of others.filter((name) => !heads.has(name))) {
          const proof = mapProof(nodes, mapKey(stream));
          expect(verifyMapNonMembership(root, mapKey(stream), proof)).toBe(true);
          expect(verifyMapMembership(root, mapKey(stream), encodeStreamHead({ revision: 0n, leafIndex: 0 }), proof)).toBe(false);
          expect(mapLookup(nodes, mapKey(stream))).toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a member’s proof for any other head, and any tampered proof', () => {
    const tamperings: fc.Arbitrary<(proof: MapProof) => MapProof | null> = fc.oneof(
      fc.tuple(fc.nat(), fc.nat({ max: 255 })).map(([at, bit]) => (proof: MapProof) => {
        if (proof.siblings.length === 0) return null;
        const i = at % proof.siblings.length;
        const flipped = Buffer.from(proof.siblings[i]);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        return { ...proof, siblings: proof.siblings.map((sibling, j) => (j === i ? flipped : sibling)) };
      }),
      fc.nat().map((at) => (proof: MapProof) => (proof.siblings.length === 0 ? null : { ...proof, siblings: proof.siblings.filter((_, j) => j !== at % proof.siblings.length) })),
      fc.constantFrom('deeper', 'higher').map((where) => (proof: MapProof) => ({
        ...proof,
        siblings: where === 'deeper' ? [EMPTY_SUBTREE, ...proof.siblings] : [...proof.siblings, EMPTY_SUBTREE],
      })),
      fc.constant((proof: MapProof) => (proof.siblings.length < 2 ? null : { ...proof, siblings: [...proof.siblings].reverse() })),
      fc.constant((proof: MapProof) => ({ ...proof, leaf: null })),
    );
    fc.assert(
      fc.property(writes.filter((entries) => entries.length > 0), fc.nat(), tamperings, fc.bigInt({ min: 0n, max: 1000n }), (entries, pick, tamper, otherRevision) => {
        const nodes = build(entries);
        const root = mapRoot(nodes);
        const [stream, value] = [...lastHeads(entries)][pick % lastHeads(entries).size];
        const key = mapKey(stream);
        const proof = mapProof(nodes, key);
        const head = decodeStreamHead(value);
        if (otherRevision !== head.revision) expect(verifyMapMembership(root, key, encodeStreamHead({ ...head, revision: otherRevision }), proof)).toBe(false);
        expect(verifyMapMembership(root, key, encodeStreamHead({ ...head, leafIndex: head.leafIndex + 1 }), proof)).toBe(false);
        const tampered = tamper(proof);
        if (tampered && !sameProof(tampered, proof)) expect(verifyMapMembership(root, key, value, tampered)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a non-member’s proof that ends at a leaf off the key’s path', () => {
    const nodes = build([
      ['case-a', 1n, 1],
      ['case-b', 2n, 2],
      ['case-c', 0n, 3],
    ]);
    const root = mapRoot(nodes);
    const absent = mapKey('case-zzz');
    const honest = mapProof(nodes, absent);
    expect(verifyMapNonMembership(root, absent, honest)).toBe(true);
    // Another stream's leaf (or no leaf at all) put at the end of the absent key's path leads to another root.
    const member = mapProof(nodes, mapKey('case-b')).leaf!;
    expect(verifyMapNonMembership(root, absent, { siblings: honest.siblings, leaf: member })).toBe(honest.leaf?.key.equals(member.key) ?? false);
    expect(verifyMapNonMembership(root, absent, { siblings: honest.siblings, leaf: honest.leaf ? null : member })).toBe(false);
  });

  it('carries its root in a checkpoint extension line, and reads it back', () => {
    const root = mapRoot(build([['case-1', 0n, 0]]));
    expect(streamHeadsLine(root)).toBe(`stream-heads/v1 ${root.toString('base64')}`);
    expect(streamHeadsRootOf([streamHeadsLine(root)])).toEqual(root);
    expect(streamHeadsRootOf(['something else'])).toBeNull();
    expect(streamHeadsRootOf(undefined)).toBeNull();
    expect(() => streamHeadsRootOf(['stream-heads/v1 AAAA'])).toThrow(RangeError);
    expect(() => streamHeadsRootOf([streamHeadsLine(root), streamHeadsLine(root)])).toThrow(RangeError);
  });
});

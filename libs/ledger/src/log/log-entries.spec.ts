import fc from 'fast-check';
import { METADATA_HEAD_CHARS } from '../event-store/event-store.port.js';
import { readSealShape, sealMetadata } from '../integrity/hash-chain.js';
import { leafOf } from './log-entries.js';
import { encodeLeaf, hashLeafOf } from './log-leaf.js';
import { hashLeaf } from './merkle.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** Stored metadata as the writer makes it, and near misses: cut, padded, or with stray characters. */
const metadataText = fc.oneof(
  fc.tuple(hex64, fc.option(hex64, { nil: null }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 40 }))).map(([hash, prev, rest]) =>
    sealMetadata(hash, prev, JSON.stringify(rest)),
  ),
  fc.tuple(hex64, fc.option(hex64, { nil: null }), fc.string({ maxLength: 200 })).map(([hash, prev, tail]) => `${sealMetadata(hash, prev, '{}').slice(0, -1)}${tail}`),
  fc.string({ maxLength: 300 }),
);

describe('the log reads only the head of each event’s metadata', () => {
  it('given any metadata text, when cut to METADATA_HEAD_CHARS, then its chain fields read the same as the whole', () => {
    fc.assert(
      fc.property(metadataText, (metadata) => {
        expect(readSealShape(metadata.slice(0, METADATA_HEAD_CHARS))).toEqual(readSealShape(metadata));
      }),
      { numRuns: 2000 },
    );
  });

  it('given the writer’s longest chain fields followed by more members, when cut, then the hash is still read', () => {
    const metadata = sealMetadata('a'.repeat(64), 'b'.repeat(64), `{"actor":"${'x'.repeat(500)}"}`);
    expect(readSealShape(metadata.slice(0, METADATA_HEAD_CHARS))?.hash).toBe('a'.repeat(64));
  });

  it('given an event, when its leaf is hashed from the head or from the whole metadata, then the leaf is the same', () => {
    fc.assert(
      fc.property(metadataText, fc.string({ minLength: 1, maxLength: 60 }), fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.uuid(), (metadata, stream, revision, id) => {
        expect(leafOf({ id, stream, revision, metadata: metadata.slice(0, METADATA_HEAD_CHARS) })).toEqual(leafOf({ id, stream, revision, metadata }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('leaf hashing in one buffer', () => {
  it('given any leaf fields, when hashed in one buffer, then it is SHA-256(0x00 ‖ encodeLeaf)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 64 }), (stream, revision, id, hash) => {
        const fields = { stream, revision, id, hash };
        expect(hashLeafOf(fields)).toEqual(hashLeaf(encodeLeaf(fields)));
      }),
      { numRuns: 500 },
    );
  });
});

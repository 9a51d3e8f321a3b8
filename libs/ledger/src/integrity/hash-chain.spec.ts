import { hashLink, sealMetadata, unsealMetadata, type ChainLink } from './hash-chain.js';

const link: ChainLink = {
  stream: 'case-1',
  revision: 3n,
  type: 'DisclosureRequested',
  prev: 'a'.repeat(64),
  data: '{"caseId":"1","name":"Zoë"}',
  otherMetadata: '{"actor":{"role":"staff","userId":"u1"},"policyVersion":"2024-07-10"}',
};

describe('hash chain', () => {
  it('gives a different hash when any field changes', () => {
    const base = hashLink(link);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants: ChainLink[] = [
      { ...link, stream: 'case-2' },
      { ...link, revision: 4n },
      { ...link, type: 'RecordsReleased' },
      { ...link, prev: null },
      { ...link, prev: 'b'.repeat(64) },
      { ...link, data: '{"caseId":"1","name":"Zoe"}' },
      { ...link, otherMetadata: '{"actor":{"role":"director","userId":"u1"},"policyVersion":"2024-07-10"}' },
    ];
    for (const variant of variants) expect(hashLink(variant)).not.toBe(base);
  });

  it('length-prefixes fields so that moving bytes between them changes the hash', () => {
    const shifted = hashLink({ ...link, stream: 'case-13', revision: 3n, type: 'X' });
    expect(hashLink({ ...link, stream: 'case-1', revision: 33n, type: 'X' })).not.toBe(shifted);
  });

  it('seals chain fields into metadata and slices them back out exactly', () => {
    for (const [prev, other] of [
      [null, '{}'],
      ['c'.repeat(64), '{"a":1}'],
      [null, '{"actor":{"userId":"x"},"z":"\\"hash\\":"}'],
    ] as const) {
      const sealed = sealMetadata('d'.repeat(64), prev, other);
      expect(JSON.parse(sealed)).toEqual({ hash: 'd'.repeat(64), prev, ...JSON.parse(other) });
      expect(unsealMetadata(sealed)).toEqual({ hash: 'd'.repeat(64), prev, otherMetadata: other });
    }
  });

  it('refuses metadata that does not carry the chain fields first', () => {
    expect(unsealMetadata('{"actor":{}}')).toBeNull();
    expect(unsealMetadata(`{"hash":"${'z'.repeat(64)}","prev":null}`)).toBeNull();
    expect(unsealMetadata(`{"hash":"${'d'.repeat(64)}","prev":"short"}`)).toBeNull();
    expect(() => sealMetadata('d'.repeat(64), null, '[1]')).toThrow(TypeError);
  });
});

import fc from 'fast-check';
import { type AllScan, type EventStore, METADATA_HEAD_CHARS, type ReadAllOptions, type RecordedEvent } from '../event-store/event-store.port.js';
import { hashLink, sealMetadata, unsealMetadata } from './hash-chain.js';
import { verifyLedger, type VerificationReport } from './ledger-verifier.js';

type Row = [position: bigint, stream: string, revision: bigint, type: string, data: string, metadata: string];

/** The verifier as it was before ranges: one sequential pass over `$all`, with the writer's hashLink. */
function sequentialReport(rows: readonly Row[]): VerificationReport {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let events = 0;
  for (const [position, stream, revision, type, data, metadata] of rows) {
    const broken = (reason: string): VerificationReport =>
      ({ ok: false, streams: heads.size, events, firstBroken: { stream, revision: revision.toString(), position: position.toString(), reason } }) as VerificationReport;
    const sealed = unsealMetadata(metadata);
    if (!sealed) return broken('missing_chain_fields');
    const head = heads.get(stream);
    if (revision !== (head ? head.revision + 1n : 0n)) return broken('revision_gap');
    if (sealed.prev !== (head?.hash ?? null)) return broken('prev_mismatch');
    if (hashLink({ stream, revision, type, prev: sealed.prev, data, otherMetadata: sealed.otherMetadata }) !== sealed.hash) {
      return broken('hash_mismatch');
    }
    heads.set(stream, { revision, hash: sealed.hash });
    events++;
  }
  return { ok: true, streams: heads.size, events };
}

/** An in-memory `$all`: with the range scan (`scan: true`) or with `readAll` pages only. */
function storeOver(rows: readonly Row[], scan: boolean): EventStore {
  const allScan: AllScan = {
    bounds: () => (rows.length === 0 ? null : { first: rows[0][0], last: rows[rows.length - 1][0] }),
    scan(from, to, visit) {
      for (const row of rows) if (row[0] >= from && row[0] <= to && !visit(row)) return;
    },
    scanEntries(from, to, visit) {
      for (const [position, stream, revision, , , metadata] of rows) {
        if (position >= from && position <= to && !visit([position, String(position), stream, revision, metadata.slice(0, METADATA_HEAD_CHARS)])) return;
      }
    },
    scanStream(stream, visit) {
      for (const row of rows) if (row[1] === stream && !visit(row)) return;
    },
  };
  const readAll = async (options: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
    const from = options.fromPosition === undefined || options.fromPosition === 'start' ? 0n : options.fromPosition;
    return rows
      .filter((row) => row[0] >= from)
      .slice(0, options.maxCount ?? rows.length)
      .map(([position, stream, revision, type, data, metadata]) => ({ id: String(position), stream, revision, position, type, data, metadata, recordedAt: new Date(0) }));
  };
  const unused = () => {
    throw new Error('not used by the verifier');
  };
  return {
    kind: 'sqlite',
    appendToStream: unused,
    readStream: unused,
    readAll,
    subscribeToAll: unused,
    headPosition: unused,
    close: async () => undefined,
    ...(scan ? { allScan: () => allScan } : {}),
  };
}

/** A well-chained `$all`: `streamOf[i]` is the stream of the i-th event; positions leave gaps. */
function chainedRows(streamOf: readonly number[], gaps: readonly number[]): Row[] {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let position = 0n;
  return streamOf.map((s, i) => {
    // Names of every width, so that the packed names a range hands over are cut back exactly.
    const stream = s % 2 === 0 ? `case-${s}` : `cäse-𝄞-${s}`;
    const head = heads.get(stream);
    const revision = head ? head.revision + 1n : 0n;
    const prev = head?.hash ?? null;
    const type = i % 3 === 0 ? 'Opened' : 'Noted';
    const data = `{"i":${i},"note":"Zoë ✓ 𝄞"}`;
    const otherMetadata = i % 4 === 0 ? '{}' : `{"actor":{"role":"staff","userId":"u${i}"}}`;
    const hash = hashLink({ stream, revision, type, prev, data, otherMetadata });
    heads.set(stream, { revision, hash });
    position += BigInt(1 + (gaps[i % gaps.length] ?? 0));
    return [position, stream, revision, type, data, sealMetadata(hash, prev, otherMetadata)];
  });
}

/** sealMetadata without its checks, for forged chain fields over whatever other metadata is there. */
function forgedSeal(hash: string, prev: string | null, otherMetadata: string): string {
  const head = `{"hash":"${hash}","prev":${prev === null ? 'null' : `"${prev}"`}`;
  return otherMetadata === '{}' ? `${head}}` : `${head},${otherMetadata.slice(1)}`;
}

/** Ways to tamper with stored events, each as an edit of the row list. */
const tampers: Record<string, (rows: Row[], i: number, j: number) => void> = {
  editData: (rows, i) => void (rows[i][4] = rows[i][4].replace('"i":', '"j":')),
  deleteEvent: (rows, i) => void rows.splice(i, 1),
  transplantMetadata: (rows, i, j) => void (rows[i][5] = rows[j][5]),
  bumpRevision: (rows, i) => void (typeof rows[i][2] === 'bigint' && (rows[i][2] += 1n)),
  zeroRevision: (rows, i) => void (rows[i][2] = 0n),
  moveToOtherStream: (rows, i, j) => void (rows[i][1] = rows[j][1]),
  swapOrder: (rows, i, j) => {
    const [a, b] = [rows[i], rows[j]];
    [rows[i], rows[j]] = [[a[0], ...b.slice(1)] as Row, [b[0], ...a.slice(1)] as Row];
  },
  nonHexHash: (rows, i) => void (rows[i][5] = rows[i][5].replace('{"hash":"', '{"hash":"G').replace(/^(.{73})./, '$1')),
  nonHexPrevForged: (rows, i) => {
    // A forger's event: prev is not a hash, but its own hash covers what is stored.
    const [, stream, revision, type, data, metadata] = rows[i];
    const sealed = unsealMetadata(metadata);
    if (!sealed) return;
    const prev = 'G'.repeat(64);
    const hash = hashLink({ stream, revision, type, prev, data, otherMetadata: sealed.otherMetadata });
    rows[i][5] = forgedSeal(hash, prev, sealed.otherMetadata);
  },
  rechainedForgery: (rows, i) => {
    // Edited data with a hash re-computed over it: the next event of the stream no longer chains on.
    const [, stream, revision, type, data, metadata] = rows[i];
    const sealed = unsealMetadata(metadata);
    if (!sealed) return;
    const forged = data.replace('"i":', '"k":');
    const hash = hashLink({ stream, revision, type, prev: sealed.prev, data: forged, otherMetadata: sealed.otherMetadata });
    rows[i][4] = forged;
    rows[i][5] = forgedSeal(hash, sealed.prev, sealed.otherMetadata);
  },
  stripChainFields: (rows, i) => void (rows[i][5] = '{"actor":{}}'),
  trailingGarbage: (rows, i) => void (rows[i][5] += ' '),
  // The same JSON value in other bytes: verification judges the stored text, not what it parses to.
  spacedData: (rows, i) => void (rows[i][4] = rows[i][4].replace('{"i":', '{ "i" :')),
  reorderedData: (rows, i) => void (rows[i][4] = rows[i][4].replace(/^\{("i":\d+),("note":"[^"]*")\}$/, '{$2,$1}')),
  revisionAsText: (rows, i) => void (rows[i][2] = 'one' as unknown as bigint),
  revisionAsFraction: (rows, i) => void (rows[i][2] = 1.5 as unknown as bigint),
};

describe('verifying $all in ranges', () => {
  it('finds the same first broken link, with the same counts, as one sequential pass, however $all is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(tampers)), fc.nat(), fc.nat()), { maxLength: 3 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 12 }),
        async (streamOf, gaps, edits, rangeSize, pageSize) => {
          const rows = chainedRows(streamOf, gaps);
          for (const [name, i, j] of edits) if (rows.length > 0) tampers[name](rows, i % rows.length, j % rows.length);
          const expected = sequentialReport(rows);
          expect(await verifyLedger(storeOver(rows, true), { rangeSize })).toEqual(expected);
          expect(await verifyLedger(storeOver(rows, false), { pageSize })).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reports every kind of tamper with the reason a sequential pass gives', async () => {
    const rows = () => chainedRows([0, 1, 0, 2, 1, 0, 2, 1, 0, 1], [0, 2]);
    const reasons = new Set<string>();
    for (const [name, tamper] of Object.entries(tampers)) {
      const tampered = rows();
      tamper(tampered, 5, 1);
      const expected = sequentialReport(tampered);
      expect({ name, ok: expected.ok }).toEqual({ name, ok: false });
      reasons.add(expected.firstBroken!.reason);
      for (const rangeSize of [1, 3, 4, 7, 100]) {
        expect(await verifyLedger(storeOver(tampered, true), { rangeSize })).toEqual(expected);
      }
    }
    expect([...reasons].sort()).toEqual(['hash_mismatch', 'missing_chain_fields', 'prev_mismatch', 'revision_gap']);
  });

  it('verifies an empty ledger and an intact one', async () => {
    await expect(verifyLedger(storeOver([], true))).resolves.toEqual({ ok: true, streams: 0, events: 0 });
    const rows = chainedRows([0, 1, 2, 1, 0], [1]);
    await expect(verifyLedger(storeOver(rows, true), { rangeSize: 2 })).resolves.toEqual({ ok: true, streams: 3, events: 5 });
  });

  it('refuses workers for a store whose scan no other thread can open', async () => {
    const rows = chainedRows([0, 1], [0]);
    await expect(verifyLedger(storeOver(rows, true), { workers: 2 })).rejects.toThrow(/worker threads/);
  });
});

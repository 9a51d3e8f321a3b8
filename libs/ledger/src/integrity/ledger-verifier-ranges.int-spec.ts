import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { pagesOnly } from '../../../../test/support/pages-only-store.js';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { LedgerWriter } from './ledger-writer.js';
import { verifyLedger, type VerificationReport, type VerifyOptions } from './ledger-verifier.js';

/** The compiled worker (`npm test` builds dist/ before jest runs): jest itself cannot load .ts in a worker thread. */
const WORKER_SCRIPT = new URL('../../../../dist/libs/ledger/src/integrity/range-verifier.worker.js', import.meta.url);

const STREAMS = ['case-a', 'case-b', 'case-c'];
const EVENTS = 30;
/** Three ranges of ten positions: 1–10, 11–20, 21–30. */
const RANGE = 10;

/** Event at `position` (1-based): streams take turns, so every stream runs through all three ranges. */
const at = (position: number) => ({ stream: STREAMS[(position - 1) % 3], revision: String(Math.floor((position - 1) / 3)) });

describe('verifying a SQLite ledger in ranges, in this thread and in worker threads', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeAll(() => {
    if (!existsSync(fileURLToPath(WORKER_SCRIPT))) throw new Error(`Run npm run build first: no ${WORKER_SCRIPT.pathname}`);
  });

  beforeEach(async () => {
    temp = makeTempDir('ledger-verify-ranges-');
    file = join(temp.dir, 'events.db');
    const store = SqliteEventStore.open(file);
    const writer = new LedgerWriter(store);
    for (let position = 1; position <= EVENTS; position++) {
      const { stream } = at(position);
      await writer.append(stream, [{ type: 'Noted', data: { position, note: 'Ünïcödé ✓ 𝄞' }, metadata: { actor: { userId: 'u', role: 'staff' } } }], await writer.readHead(stream));
    }
    await store.close();
  });

  afterEach(() => temp.remove());

  function tamper(sql: string, ...params: unknown[]): void {
    const db = new Database(file);
    db.prepare(sql).run(...params);
    db.close();
  }

  /** Every way of verifying gives the one same report, which is returned. */
  async function verifyEveryWay(): Promise<VerificationReport> {
    const store = SqliteEventStore.open(file);
    try {
      const ways: Record<string, () => Promise<VerificationReport>> = {
        pages: () => verifyLedger(pagesOnly(store), { pageSize: 4 }),
        inThread: () => verifyLedger(store, { workers: 0, rangeSize: RANGE }),
        twoWorkers: () => verifyLedger(store, { workers: 2, rangeSize: RANGE, workerScript: WORKER_SCRIPT }),
        threeWorkers: () => verifyLedger(store, { workers: 3, rangeSize: RANGE, workerScript: WORKER_SCRIPT }),
        workersSmallRanges: () => verifyLedger(store, { workers: 2, rangeSize: 3, workerScript: WORKER_SCRIPT }),
      };
      const reports: Record<string, VerificationReport> = {};
      for (const [way, verify] of Object.entries(ways)) reports[way] = await verify();
      for (const way of Object.keys(ways)) expect({ way, report: reports[way] }).toEqual({ way, report: reports.pages });
      return reports.pages;
    } finally {
      await store.close();
    }
  }

  it('verifies an intact ledger whose streams span every range', async () => {
    await expect(verifyEveryWay()).resolves.toEqual({ ok: true, streams: 3, events: EVENTS });
  });

  it('reports a tamper in the middle of range 2 of 3', async () => {
    tamper(`UPDATE events SET data = replace(data, 'Ü', 'U') WHERE position = 15`);
    await expect(verifyEveryWay()).resolves.toEqual({
      ok: false,
      streams: 3,
      events: 14,
      firstBroken: { ...at(15), position: '15', reason: 'hash_mismatch' },
    });
  });

  it('reports a tamper at the first position of a range, where the stream carries on from the range before', async () => {
    tamper(`UPDATE events SET data = replace(data, 'Ü', 'U') WHERE position = 11`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 10, firstBroken: { ...at(11), position: '11', reason: 'hash_mismatch' } });
  });

  it('reports the earlier of two tampers in different ranges', async () => {
    tamper(`UPDATE events SET data = replace(data, 'Ü', 'U') WHERE position IN (18, 25)`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 17, firstBroken: { ...at(18), position: '18' } });
  });

  it('reports a deleted last event of range 1 at the next event of its stream, in range 2', async () => {
    tamper(`DELETE FROM events WHERE position = 10`);
    // Position 10 is case-a revision 3; case-a resumes at position 13 with revision 4.
    await expect(verifyEveryWay()).resolves.toEqual({
      ok: false,
      streams: 3,
      events: 11,
      firstBroken: { ...at(13), position: '13', reason: 'revision_gap' },
    });
  });

  it('reports metadata transplanted onto the first event of range 3 as a prev mismatch there', async () => {
    const db = new Database(file);
    const { metadata } = db.prepare('SELECT metadata FROM events WHERE position = 3').get() as { metadata: string };
    db.close();
    tamper('UPDATE events SET metadata = ? WHERE position = 21', metadata);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 20, firstBroken: { ...at(21), position: '21', reason: 'prev_mismatch' } });
  });

  it('reports missing chain fields at the last position of range 2 before a later break', async () => {
    tamper(`UPDATE events SET metadata = '{"actor":{}}' WHERE position = 20`);
    tamper(`UPDATE events SET data = replace(data, 'Ü', 'U') WHERE position = 23`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 19, firstBroken: { ...at(20), position: '20', reason: 'missing_chain_fields' } });
  });

  it('judges stored JSON by its bytes: members reordered or spaced out, meaning the same, are a hash mismatch', async () => {
    // Verification hashes the stored text as it is, never a re-serialisation of what it parses to.
    tamper(`UPDATE events SET data = replace(data, '{"note":', '{ "note" :') WHERE position = 12`);
    tamper(`UPDATE events SET metadata = replace(metadata, '"actor":{"role":"staff","userId":"u"}', '"actor":{"userId":"u","role":"staff"}') WHERE position = 17`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 11, firstBroken: { ...at(12), position: '12', reason: 'hash_mismatch' } });
    tamper(`UPDATE events SET data = replace(data, '{ "note" :', '{"note":') WHERE position = 12`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 16, firstBroken: { ...at(17), position: '17', reason: 'hash_mismatch' } });
  });

  it('reports a revision stored as text at the first event of its stream in a range as a revision gap', async () => {
    // Position 21 opens case-c's part of range 3; text passes the column's CHECK (text sorts after numbers).
    tamper(`UPDATE events SET revision = 'six' WHERE position = 21`);
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 20, firstBroken: { stream: 'case-c', revision: 'six', position: '21', reason: 'revision_gap' } });
  });

  it('reports a revision gap at the very last event', async () => {
    tamper('UPDATE events SET revision = revision + 1 WHERE position = 30');
    // case-c's revision 9 now says 10.
    await expect(verifyEveryWay()).resolves.toMatchObject({ events: 29, firstBroken: { stream: 'case-c', revision: '10', position: '30', reason: 'revision_gap' } });
  });

  it('verifies with the default worker count, reports progress to the last event, and refuses a missing worker script', async () => {
    const store = SqliteEventStore.open(file);
    try {
      const progress: number[] = [];
      const options: VerifyOptions = { rangeSize: 7, workerScript: WORKER_SCRIPT, onProgress: (n) => progress.push(n) };
      await expect(verifyLedger(store, options)).resolves.toEqual({ ok: true, streams: 3, events: EVENTS });
      expect(progress.at(-1)).toBe(EVENTS);
      await expect(verifyLedger(store, { workers: 2, workerScript: new URL('./no-such-worker.js', WORKER_SCRIPT) })).rejects.toThrow(/No worker script/);
    } finally {
      await store.close();
    }
  });
});

import Database from 'better-sqlite3';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { canonicalJson } from './canonical-json.js';
import { LedgerWriter } from './ledger-writer.js';
import { verifyLedger } from './ledger-verifier.js';
import { unsealMetadata } from './hash-chain.js';
import { join } from 'node:path';

describe('ledger integrity on the embedded store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let store: SqliteEventStore;
  let writer: LedgerWriter;

  beforeEach(async () => {
    temp = makeTempDir('ledger-integrity-');
    file = join(temp.dir, 'events.db');
    store = SqliteEventStore.open(file);
    writer = new LedgerWriter(store);
    for (const stream of ['case-a', 'case-b', 'user-c']) {
      let head = null;
      for (let i = 0; i < 3; i++) {
        await writer.append(stream, [{ type: 'Happened', data: { i, note: 'Ünïcödé ✓', nested: { z: 1, a: [2, 1] } }, metadata: { actor: { userId: 'u', role: 'staff' } } }], head);
        head = await writer.readHead(stream);
      }
    }
  });

  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('stores data and metadata as the canonical bytes that were hashed, chained per stream', async () => {
    const events = await store.readStream('case-a');
    expect(events).toHaveLength(3);
    events.forEach((event, index) => {
      expect(event.data).toBe(canonicalJson(JSON.parse(event.data)));
      const sealed = unsealMetadata(event.metadata)!;
      expect(sealed.prev).toBe(index === 0 ? null : unsealMetadata(events[index - 1].metadata)!.hash);
    });
  });

  it('verifies an intact ledger', async () => {
    await expect(verifyLedger(store, { pageSize: 2 })).resolves.toEqual({ ok: true, streams: 3, events: 9 });
  });

  it('names the first broken stream and revision when a stored event is edited with SQL', async () => {
    await store.close();
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = replace(data, '"i":1', '"i":7') WHERE stream = 'case-b' AND revision = 1`).run();
    db.close();
    store = SqliteEventStore.open(file);
    const report = await verifyLedger(store, { pageSize: 2 });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ stream: 'case-b', revision: '1', reason: 'hash_mismatch' });
  });

  it('catches a deleted event as a broken link', async () => {
    await store.close();
    const db = new Database(file);
    db.prepare(`DELETE FROM events WHERE stream = 'user-c' AND revision = 1`).run();
    db.close();
    store = SqliteEventStore.open(file);
    const report = await verifyLedger(store);
    expect(report.firstBroken).toMatchObject({ stream: 'user-c', revision: '2', reason: 'revision_gap' });
  });

  it('catches a re-chained forgery whose hash is right but whose prev does not match', async () => {
    const [first] = await store.readStream('case-a', { maxCount: 1 });
    await store.close();
    const db = new Database(file);
    // Copy revision 0's metadata onto revision 1: its own hash no longer covers its revision and prev.
    db.prepare(`UPDATE events SET metadata = ? WHERE stream = 'case-a' AND revision = 1`).run(first.metadata);
    db.close();
    store = SqliteEventStore.open(file);
    const report = await verifyLedger(store);
    expect(report.firstBroken).toMatchObject({ stream: 'case-a', revision: '1' });
    expect(['prev_mismatch', 'hash_mismatch']).toContain(report.firstBroken!.reason);
  });

  it('refuses caller metadata that tries to set the chain fields', async () => {
    await expect(writer.append('case-z', [{ type: 'X', data: {}, metadata: { hash: 'f'.repeat(64) } }], null)).rejects.toThrow(TypeError);
  });
});

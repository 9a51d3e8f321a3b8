import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashLink, LedgerLog, LedgerWriter, SqliteEventStore, unsealMetadata, sealMetadata } from '@ledger/ledger';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli } from '../support/server-process.js';

/**
 * Tampering with a copy of a data dir, each time against a checkpoint signed earlier (kept by the
 * log, and held by a witness as a file): `ledger verify` must catch and name every one, including
 * those that leave every per-stream hash chain intact.
 */
/** Each check runs the CLI twice; on a loaded machine a CLI start alone can take seconds. */
const SLOW = 240_000;

describe('tampering caught against an earlier checkpoint', () => {
  const temp = makeTempDir('ledger-tamper-');
  const original = join(temp.dir, 'original');
  const witnessed = join(temp.dir, 'witnessed.checkpoint');
  const keyFile = join(temp.dir, 'log.pub');

  beforeAll(async () => {
    const store = SqliteEventStore.open(join(original, 'events.db'));
    const writer = new LedgerWriter(store);
    for (const stream of ['case-a', 'case-b', 'case-c']) {
      await writer.append(stream, [0, 1, 2].map((i) => ({ type: 'Noted', data: { stream, i }, metadata: { actor: { userId: 'u', role: 'staff' } } })), null);
    }
    const log = LedgerLog.open(store, { logFile: join(original, 'log.db'), signingKeyFile: join(original, 'log-signing-key.pem'), origin: 'library.example/ledger' });
    await log.catchUp();
    writeFileSync(witnessed, log.latestCheckpoint()!.note);
    writeFileSync(keyFile, `${log.verifierKey}\n`);
    await log.close();
    await store.close();
  }, SLOW);
  afterAll(() => temp.remove());

  /** A copy of the data dir with `tamper` applied to its events.db (or its log.db). */
  function tampered(name: string, tamper: (db: Database.Database) => void, file = 'events.db'): string {
    const dir = join(temp.dir, name);
    cpSync(original, dir, { recursive: true });
    const db = new Database(join(dir, file));
    try {
      tamper(db);
    } finally {
      db.close();
    }
    return dir;
  }

  async function verify(dir: string) {
    const env = { LEDGER_DATA_DIR: dir, LEDGER_LOG_ORIGIN: 'library.example/ledger' };
    const withFile = await runCli(['verify', '--checkpoint', witnessed, '--key', keyFile], env);
    const withKept = await runCli(['verify', '--json'], env);
    return { withFile, kept: JSON.parse(withKept.stdout) as { ok: boolean; chainOk: boolean; log: { ok: boolean; problem?: string } }, keptCode: withKept.code };
  }

  it('passes an untouched ledger, and one that only grew', async () => {
    const grown = join(temp.dir, 'grown');
    cpSync(original, grown, { recursive: true });
    const store = SqliteEventStore.open(join(grown, 'events.db'));
    await new LedgerWriter(store).append('case-d', [{ type: 'Noted', data: { i: 0 }, metadata: {} }], null);
    await store.close();
    for (const dir of [original, grown]) {
      const { withFile, kept, keptCode } = await verify(dir);
      expect([withFile.code, keptCode]).toEqual([0, 0]);
      expect(withFile.stdout).toContain('Log consistent');
      expect(withFile.stdout).toMatch(/every hash log\.db stores for its 9 entries, and its map of stream heads \(\d+ nodes\), is the one the events give/);
      expect(kept).toMatchObject({ ok: true, log: { ok: true } });
    }
  }, SLOW);

  it('a deleted stream (every per-stream chain still intact)', async () => {
    const dir = tampered('deleted-stream', (db) => db.prepare("DELETE FROM events WHERE stream = 'case-b'").run());
    const { withFile, kept, keptCode } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect([withFile.code, keptCode]).toEqual([1, 1]);
    expect(withFile.stdout).toContain('the ledger has 6 entries but checkpoint');
    expect(withFile.stdout).toContain('covers 9');
    expect(kept.log.problem).toMatch(/the ledger has 6 entries but the checkpoint of size 9 signed at .* covers 9/);
  }, SLOW);

  it('a cut tail', async () => {
    const dir = tampered('cut-tail', (db) => db.prepare('DELETE FROM events WHERE position > (SELECT MAX(position) - 2 FROM events)').run());
    const { withFile, kept } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect(withFile.code).toBe(1);
    expect(withFile.stdout).toMatch(/the ledger has 7 entries but checkpoint .* covers 9/);
  }, SLOW);

  it('history cut and re-appended through the product itself', async () => {
    const dir = tampered('cut-and-reappended', (db) => db.prepare("DELETE FROM events WHERE stream = 'case-c' AND revision = 2").run());
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    const writer = new LedgerWriter(store);
    await writer.appendToEnd('case-c', [{ type: 'Noted', data: { stream: 'case-c', i: 'rewritten' }, metadata: { actor: { userId: 'u', role: 'staff' } } }]);
    await store.close();
    const { withFile, kept } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect(withFile.code).toBe(1);
    expect(withFile.stdout).toMatch(/the root at size 9 differs from checkpoint .*witnessed\.checkpoint/);
  }, SLOW);

  it('two events swapped in $all', async () => {
    const dir = tampered('swapped', (db) => {
      const [first, second] = db.prepare("SELECT position FROM events WHERE (stream = 'case-a' AND revision = 2) OR (stream = 'case-b' AND revision = 0) ORDER BY position").all() as { position: number }[];
      db.transaction(() => {
        db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(first.position);
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(first.position, second.position);
        db.prepare('UPDATE events SET position = ? WHERE position = -1').run(second.position);
      })();
    });
    const { withFile, kept } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect(withFile.code).toBe(1);
    expect(withFile.stdout).toMatch(/the root at size 9 differs/);
  }, SLOW);

  it('an event rewritten with every chain hash after it recomputed', async () => {
    const dir = tampered('rewritten', (db) => {
      const rows = db.prepare("SELECT position, revision, type, data, metadata FROM events WHERE stream = 'case-a' ORDER BY revision").all() as {
        position: number;
        revision: number;
        type: string;
        data: string;
        metadata: string;
      }[];
      let prev: string | null = null;
      for (const row of rows) {
        const data = row.revision === 1 ? '{"i":1,"stream":"case-a","note":"nothing to see"}' : row.data;
        const { otherMetadata } = unsealMetadata(row.metadata)!;
        const hash = hashLink({ stream: 'case-a', revision: BigInt(row.revision), type: row.type, prev, data, otherMetadata });
        db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(data, sealMetadata(hash, prev, otherMetadata), row.position);
        prev = hash;
      }
    });
    const { withFile, kept } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect(withFile.code).toBe(1);
    expect(withFile.stdout).toMatch(/the root at size 9 differs/);
    expect(kept.log.problem).toMatch(/the root at size 9 differs from the checkpoint of size 9 signed at/);
  }, SLOW);

  it('an interior hash of log.db rewritten (the root the follower checks unchanged): every proof through it would fail', async () => {
    const dir = tampered('interior-hash', (db) => db.prepare('UPDATE log_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 1').run(), 'log.db');
    const { withFile, kept, keptCode } = await verify(dir);
    expect(kept.chainOk).toBe(true);
    expect([withFile.code, keptCode]).toEqual([1, 1]);
    expect(kept.log.problem).toMatch(/log\.db's stored hash at level 1, index 1 is not the one the events give/);
  }, SLOW);

  it('a node of log.db’s map of stream heads rewritten', async () => {
    const dir = tampered('map-node', (db) => db.prepare("UPDATE log_map_nodes SET hash = zeroblob(32) WHERE path = (SELECT MAX(path) FROM log_map_nodes)").run(), 'log.db');
    const { kept, keptCode } = await verify(dir);
    expect(keptCode).toBe(1);
    expect(kept.log.problem).toMatch(/log\.db's map of stream heads differs from the events at node "[01]+"/);
  }, SLOW);

  it('a checkpoint whose signature does not verify with the key', async () => {
    const forged = join(temp.dir, 'forged.checkpoint');
    const { readFileSync } = await import('node:fs');
    writeFileSync(forged, readFileSync(witnessed, 'utf8').replace('\n9\n', '\n8\n'));
    const result = await runCli(['verify', '--checkpoint', forged, '--key', keyFile], { LEDGER_DATA_DIR: original });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/checkpoint .*forged\.checkpoint: Invalid signature/);
  }, SLOW);
});

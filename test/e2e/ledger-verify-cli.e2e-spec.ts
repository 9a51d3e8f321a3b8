import Database from 'better-sqlite3';
import { join } from 'node:path';
import { LedgerWriter, SqliteEventStore } from '@ledger/ledger';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli } from '../support/server-process.js';

describe('npm run ledger -- verify', () => {
  const temp = makeTempDir('ledger-verify-cli-');
  const env = { LEDGER_DATA_DIR: temp.dir };

  beforeAll(async () => {
    const store = SqliteEventStore.open(join(temp.dir, 'events.db'));
    const writer = new LedgerWriter(store);
    for (const stream of ['case-alpha', 'case-beta']) {
      await writer.append(stream, [0, 1, 2].map((i) => ({ type: 'Noted', data: { i }, metadata: { actor: { userId: 'u', role: 'staff' } } })), null);
    }
    await store.close();
  });
  afterAll(() => temp.remove());

  it('exits 0 on an intact ledger', async () => {
    const result = await runCli(['verify'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6 events in 2 streams');
  });

  it('exits non-zero naming the first broken stream and revision after an edit with SQL', async () => {
    const db = new Database(join(temp.dir, 'events.db'));
    db.prepare(`UPDATE events SET data = '{"i":99}' WHERE stream = 'case-beta' AND revision = 2`).run();
    db.close();
    const result = await runCli(['verify'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('stream case-beta, revision 2');
    const json = await runCli(['verify', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { stream: 'case-beta', revision: '2', reason: 'hash_mismatch' } });
  });

  it('exits 3 (could not check) with a clear message when there is no ledger in the data dir', async () => {
    const result = await runCli(['verify'], { LEDGER_DATA_DIR: join(temp.dir, 'nowhere') });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('No ledger at');
  });
});

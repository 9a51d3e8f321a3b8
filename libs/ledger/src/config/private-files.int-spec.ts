import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { assertLedgerFilesPrivate, ConfigurationError, loadLedgerConfig } from './ledger-config.js';
import { createPrivateFile, makePrivateDir, sharedPermissionProblems } from './private-files.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private by default, whatever the umask', () => {
  const temp = makeTempDir('ledger-private-');
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0o022); // the usual default, under which files are 0644 and directories 0755
  });
  afterAll(() => {
    process.umask(umask);
    temp.remove();
  });

  it('makes every directory it creates 0700 and every file 0600', () => {
    const dir = join(temp.dir, 'made', 'data');
    makePrivateDir(dir);
    createPrivateFile(join(dir, 'keys.db'));
    expect([modeOf(join(temp.dir, 'made')), modeOf(dir), modeOf(join(dir, 'keys.db'))]).toEqual([0o700, 0o700, 0o600]);
  });

  it('gives the event store its file and SQLite its -wal and -shm with mode 0600', async () => {
    const dir = join(temp.dir, 'store');
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    await store.appendToStream('notes-1', [{ type: 'Noted', data: '{}', metadata: '{}' }], { expectedRevision: 'no_stream' });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['events.db', 'events.db-shm', 'events.db-wal']);
    for (const file of files) expect([file, modeOf(join(dir, file))]).toEqual([file, 0o600]);
    await store.close();
  });

  it('leaves what exists as it is, and names what others can read with the command that fixes it', () => {
    const dir = join(temp.dir, 'shared');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'blind-index.key'), 'x', { mode: 0o644 });
    makePrivateDir(dir);
    createPrivateFile(join(dir, 'blind-index.key'));
    expect([modeOf(dir), modeOf(join(dir, 'blind-index.key'))]).toEqual([0o755, 0o644]);
    expect(sharedPermissionProblems([dir], [join(dir, 'blind-index.key'), join(dir, 'absent')])).toEqual([
      { path: dir, mode: 0o755, fix: `chmod 700 ${dir}` },
      { path: join(dir, 'blind-index.key'), mode: 0o644, fix: `chmod 600 ${join(dir, 'blind-index.key')}` },
    ]);
  });

  it('refuses a data dir or key file others can read, unless the operator allows it', () => {
    const dir = join(temp.dir, 'refused');
    makePrivateDir(dir);
    writeFileSync(join(dir, 'log-signing-key.pem'), 'key', { mode: 0o600 });
    expect(() => assertLedgerFilesPrivate(loadLedgerConfig({ LEDGER_DATA_DIR: dir }))).not.toThrow();
    chmodSync(join(dir, 'log-signing-key.pem'), 0o640);
    const refusal = (() => {
      try {
        assertLedgerFilesPrivate(loadLedgerConfig({ LEDGER_DATA_DIR: dir }));
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ConfigurationError);
    expect((refusal as Error).message).toContain(`chmod 600 ${join(dir, 'log-signing-key.pem')}`);
    expect((refusal as Error).message).toContain('--allow-shared-permissions');
    expect(() => assertLedgerFilesPrivate(loadLedgerConfig({ LEDGER_DATA_DIR: dir, LEDGER_ALLOW_SHARED_PERMISSIONS: 'true' }))).not.toThrow();
  });
});

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir.js';
import { API_ENTRY, runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

const SLOW = 90_000;
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Starts the built server and waits for it to exit on its own (a refused start). */
function refusedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [API_ENTRY], { env: { ...process.env, ...env, PORT: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/**
 * The server and the CLI keep the library's records private under the usual umask (022, which
 * would make files 0644), and refuse a data dir others can read unless told that is meant.
 */
describe('a private data dir', () => {
  const temp = makeTempDir('ledger-private-e2e-');
  let umask: number;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    umask = process.umask(0o022); // inherited by the server and CLI processes spawned below
  });
  afterAll(async () => {
    process.umask(umask);
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    temp.remove();
  });

  it('is made 0700 with every file 0600, and the start prints one line instead of the route mappings', async () => {
    const env = { LEDGER_DATA_DIR: join(temp.dir, 'fresh', 'data') };
    server = await startServerProcess(env);
    const token = readFileSync(join(env.LEDGER_DATA_DIR, 'admin-token'), 'utf8').trim();
    const created = await fetch(`${server.baseUrl}/v1/users`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Pat Private', role: 'staff', username: 'pat.private' }) });
    expect(created.status).toBe(201);
    const files = readdirSync(env.LEDGER_DATA_DIR);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'events.db-wal', 'keys.db', 'views.db', 'log.db', 'credentials.db', 'blind-index.key', 'log-signing-key.pem', 'admin-token']));
    expect(modeOf(env.LEDGER_DATA_DIR)).toBe(0o700);
    for (const file of files) expect([file, modeOf(join(env.LEDGER_DATA_DIR, file))]).toEqual([file, 0o600]);

    const output = server.output();
    expect(output).not.toContain('Mapped {');
    expect(output).not.toContain('dependencies initialized');
    expect(output).toMatch(new RegExp(`listening on http://localhost:\\d+ .*the first admin's token is in ${join(env.LEDGER_DATA_DIR, 'admin-token')}`));
    server.child.kill('SIGTERM');
    await server.exited;
  }, SLOW);

  it('refuses to start on a data dir others can read, saying how to fix it, unless allowed', async () => {
    const dataDir = join(temp.dir, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const refused = await refusedStart({ LEDGER_DATA_DIR: dataDir });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain(`chmod 700 ${dataDir}`);
    expect(refused.output).toContain('--allow-shared-permissions');
    expect(readdirSync(dataDir)).toEqual([]); // nothing was made in it

    // `ledger verify` exits 3 whenever it could not check (docs/integrity.md), a refused data dir included.
    const cli = await runCli(['verify'], { LEDGER_DATA_DIR: dataDir });
    expect([cli.code, cli.stderr]).toEqual([3, expect.stringContaining(`chmod 700 ${dataDir}`)]);

    server = await startServerProcess({ LEDGER_DATA_DIR: dataDir, LEDGER_ALLOW_SHARED_PERMISSIONS: 'true' });
    expect(modeOf(dataDir)).toBe(0o755); // what the operator chose is left as it is
    expect(modeOf(join(dataDir, 'events.db'))).toBe(0o600);
    server.child.kill('SIGTERM');
    await server.exited;
  }, SLOW);
});

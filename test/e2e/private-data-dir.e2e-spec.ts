import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyDerivedOrigin, noteSigner, verifierKeyOf } from '@ledger/ledger';
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
    expect(files).toEqual(expect.arrayContaining(['events.db', 'events.db-wal', 'keys.db', 'views.db', 'log.db', 'credentials.db', 'blind-index.key', 'admin-token']));
    expect(modeOf(env.LEDGER_DATA_DIR)).toBe(0o700);
    for (const file of files) expect([file, modeOf(join(env.LEDGER_DATA_DIR, file))]).toEqual([file, 0o600]);
    // The log's signing key is made beside the data dir, not in it, and names the origin it signs for (the public URL's host, never the key).
    expect(files).not.toContain('log-signing-key.pem');
    const keyFile = join(`${env.LEDGER_DATA_DIR}-keys`, 'log-signing-key.pem');
    expect([modeOf(`${env.LEDGER_DATA_DIR}-keys`), modeOf(keyFile)]).toEqual([0o700, 0o600]);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^Log origin: localhost:\d+\n-----BEGIN PRIVATE KEY-----\n/);
    expect(server.output()).not.toContain('shares a directory with events.db');

    const output = server.output();
    expect(output).not.toContain('Mapped {');
    expect(output).not.toContain('dependencies initialized');
    expect(output).toMatch(new RegExp(`listening on http://localhost:\\d+ .*the first admin's token is in ${join(env.LEDGER_DATA_DIR, 'admin-token')}`));
    server.child.kill('SIGTERM');
    await server.exited;
  }, SLOW);

  it('keeps a key an earlier version made in the data dir, and its origin, warning at each start; a key configured into the data dir is made with the warning', async () => {
    // An existing install: the key in the data dir, no origin line in it, checkpoints signed under the origin derived from the key.
    const dataDir = join(temp.dir, 'earlier', 'data');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dataDir, 'log-signing-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    server = await startServerProcess({ LEDGER_DATA_DIR: dataDir, LEDGER_PUBLIC_URL: 'https://library.example/ledger' });
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const publicKey = await (await fetch(`${server.baseUrl}/v1/ledger/public-key`, { headers: { Authorization: `Bearer ${token}` } })).text();
    expect(publicKey.trim()).toBe(verifierKeyOf(noteSigner(keyDerivedOrigin(privateKey), privateKey)));
    expect(server.output()).toContain(`The log's signing key ${join(dataDir, 'log-signing-key.pem')} shares a directory with events.db`);
    expect(existsSync(`${dataDir}-keys`)).toBe(false);
    server.child.kill('SIGTERM');
    await server.exited;

    const configured = join(temp.dir, 'configured', 'data');
    server = await startServerProcess({ LEDGER_DATA_DIR: configured, LEDGER_SIGNING_KEY_FILE: join(configured, 'log-signing-key.pem'), LEDGER_PUBLIC_URL: 'https://library.example/ledger' });
    expect(server.output()).toContain(`Made the log's signing key at ${join(configured, 'log-signing-key.pem')}`);
    expect(server.output()).toContain('shares a directory with events.db');
    expect(readFileSync(join(configured, 'log-signing-key.pem'), 'utf8')).toMatch(/^Log origin: library\.example\/ledger\n/);
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

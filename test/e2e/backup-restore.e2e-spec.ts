import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { bearer } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { enrolledUser, signIn } from '../support/web-session.js';
import { runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

const SLOW = 180_000;

interface Acknowledged {
  readonly name: string;
  readonly token: string;
}

/** Issues an enrollment link for `userId` and sets the password through it, as the user's browser would. */
async function setPassword(baseUrl: string, adminToken: string, userId: string, password: string): Promise<void> {
  const link = await fetch(`${baseUrl}/v1/users/${userId}/enrollment`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(link.status).toBe(201);
  const path = new URL(((await link.json()) as { enrollmentUrl: string }).enrollmentUrl).pathname;
  const agent = supertest.agent(baseUrl);
  const form = await agent.get(path).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  await agent.post(path).type('form').send({ _csrf: csrf, password, confirmation: password }).expect(303);
}

/** The sign-in form's answer to a username and password: 303 to the home page when they are right. */
async function signInStatus(baseUrl: string, username: string, password: string): Promise<number> {
  const agent = supertest.agent(baseUrl);
  const form = await agent.get('/sign-in').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  return (await agent.post('/sign-in').type('form').send({ _csrf: csrf, username, password })).status;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/**
 * The restore drill an operator runs: a backup taken while the server writes, restored into a new
 * data dir, started. Every write acknowledged before the backup began is there, the auditor's
 * witness sees the same log grow under the same key and origin, a web password still signs in, and
 * `ledger verify --checkpoint` holds the restored ledger to the checkpoint the witness kept.
 */
describe('ledger backup and ledger restore, under write load', () => {
  const temp = makeTempDir('ledger-backup-drill-');
  const live = { LEDGER_DATA_DIR: join(temp.dir, 'live') };
  const restoredEnv = { LEDGER_DATA_DIR: join(temp.dir, 'restored') };
  const records = join(temp.dir, 'backup', 'records');
  const keys = join(temp.dir, 'vault', 'keys');
  const witnessState = join(temp.dir, 'witness');
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const server of servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    temp.remove();
  });

  const stop = async (server: ServerProcess) => {
    server.child.kill('SIGTERM');
    await server.exited;
  };

  it('restores a consistent snapshot taken while the server writes, under the same log key, with the passwords', async () => {
    const server = await startServerProcess(live);
    servers.push(server);
    const adminToken = readFileSync(join(live.LEDGER_DATA_DIR, 'admin-token'), 'utf8').trim();
    const post = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const auditor = (await (await post('/v1/users', { name: 'Ada Auditor', role: 'auditor' })).json()) as { token: string };
    const webUser = (await (await post('/v1/users', { name: 'Wes Web', role: 'staff', username: 'wes.web' })).json()) as { userId: string };
    const password = 'correct horse battery staple, restored';
    await setPassword(server.baseUrl, adminToken, webUser.userId, password);
    const witness = (url: string) => runCli(['witness', '--url', url, '--token', auditor.token, '--state', witnessState], {});
    const first = await witness(server.baseUrl);
    expect([first.code, first.stdout]).toEqual([0, expect.stringContaining('first checkpoint kept')]);

    const acknowledged: Acknowledged[] = [];
    let attempted = 0;
    let stopWriting = false;
    const writer = async (worker: number) => {
      for (let i = 0; !stopWriting; i++) {
        const name = `Load ${worker}-${i}`;
        attempted++;
        const response = await post('/v1/users', { name, role: 'staff' });
        if (response.status !== 201) throw new Error(`write refused: ${response.status} ${await response.text()}`);
        acknowledged.push({ name, token: ((await response.json()) as { token: string }).token });
      }
    };
    const writers = Array.from({ length: 6 }, (_, worker) => writer(worker));
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));

    const beforeBackup = acknowledged.slice();
    const attemptedBefore = attempted;
    const backup = await runCli(['backup', '--records', records, '--keys', keys, '--json'], live);
    const attemptedDuring = attempted - attemptedBefore;
    stopWriting = true;
    await Promise.all(writers);
    expect([backup.code, backup.stderr]).toEqual([0, '']);
    expect(attemptedDuring).toBeGreaterThan(0); // the server was writing while the backup ran

    const manifests = JSON.parse(backup.stdout) as {
      records: { snapshot: string; files: { name: string; sha256: string }[]; checkpoint: { size: number; note: string } };
      keys: { snapshot: string; files: { name: string }[] };
    };
    expect(manifests.records.files.map((file) => file.name).sort()).toEqual(['attachments.db', 'credentials.db', 'events.db', 'log.db']);
    expect(manifests.keys.files.map((file) => file.name).sort()).toEqual(['blind-index.key', 'keys.db', 'log-signing-key.pem']);
    expect(manifests.keys.snapshot).toBe(manifests.records.snapshot);
    // Two bootstrap events, two for each user: at least every write acknowledged before the backup.
    expect(manifests.records.checkpoint.size).toBeGreaterThanOrEqual(2 + 2 * (2 + beforeBackup.length));
    for (const dir of [records, keys]) {
      expect(modeOf(dir)).toBe(0o700);
      for (const file of readdirSync(dir)) expect([file, modeOf(join(dir, file))]).toEqual([file, 0o600]);
    }

    // The restore refuses keys as records, and a data dir that is not empty; neither writes anything.
    const swapped = await runCli(['restore', '--records', keys, '--keys', records], restoredEnv);
    expect([swapped.code, swapped.stderr]).toEqual([1, expect.stringContaining('is a keys backup, given as --records')]);
    expect(existsSync(restoredEnv.LEDGER_DATA_DIR)).toBe(false);
    const overwrite = await runCli(['restore', '--records', records, '--keys', keys], live);
    expect([overwrite.code, overwrite.stderr]).toEqual([1, expect.stringContaining('is not empty')]);
    const damaged = join(temp.dir, 'damaged');
    cpSync(records, damaged, { recursive: true });
    const events = readFileSync(join(damaged, 'events.db'));
    events[events.length - 1] ^= 0xff;
    writeFileSync(join(damaged, 'events.db'), events);
    const refused = await runCli(['restore', '--records', damaged, '--keys', keys], restoredEnv);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('the backup is damaged')]);
    expect(existsSync(restoredEnv.LEDGER_DATA_DIR)).toBe(false);
    await stop(server);

    const restore = await runCli(['restore', '--records', records, '--keys', keys], restoredEnv);
    expect([restore.code, restore.stderr]).toEqual([0, '']);
    expect(modeOf(restoredEnv.LEDGER_DATA_DIR)).toBe(0o700);

    const restored = await startServerProcess(restoredEnv);
    servers.push(restored);
    // The restored server rebuilds its views from the events; tokens are known once they caught up.
    const last = beforeBackup[beforeBackup.length - 1];
    for (let tries = 0; (await fetch(`${restored.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${last.token}` } })).status !== 200; tries++) {
      if (tries > 300) throw new Error('The restored server never caught up with its views');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const user of beforeBackup) {
      const me = await fetch(`${restored.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${user.token}` } });
      expect([user.name, me.status]).toEqual([user.name, 200]);
      expect(((await me.json()) as { name: string }).name).toBe(user.name);
    }
    expect(await signInStatus(restored.baseUrl, 'wes.web', password)).toBe(303);
    expect(await signInStatus(restored.baseUrl, 'wes.web', 'not the password')).not.toBe(303);

    const grown = await witness(restored.baseUrl);
    expect([grown.code, grown.stderr, grown.stdout]).toEqual([0, '', expect.stringMatching(/grew from \d+ to \d+ entries, consistently/)]);
    await stop(restored);

    const verify = await runCli(['verify', '--checkpoint', join(witnessState, 'checkpoint')], restoredEnv);
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringContaining('Log consistent')]);
  }, SLOW);
});

/**
 * On EventStoreDB the events are EventStoreDB's own backup; `ledger backup` takes the rest (the
 * credentials, the keys, the signing key), and an instance restored from it, on the restored store,
 * rebuilds its log and views and signs under the same key.
 */
describe('ledger backup and ledger restore on EventStoreDB', () => {
  let server: EsdbTestServer;
  const temp = makeTempDir('ledger-backup-esdb-');
  const apps: LedgerAppHarness[] = [];
  const env = (dataDir: string, keysDir: string) => ({
    LEDGER_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: server.connectionString,
    LEDGER_DATA_DIR: join(temp.dir, dataDir),
    LEDGER_KEYS_DIR: join(temp.dir, keysDir),
  });

  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await server.stop();
    temp.remove();
  });

  it('backs up the credentials and the keys, and the restored instance signs as the old one with the passwords', async () => {
    const before = env('data-a', 'keys-a');
    const a = await startLedgerApp({ env: before, dataDir: before.LEDGER_DATA_DIR });
    apps.push(a);
    const web = await enrolledUser(a, 'staff', 'Wes Web');
    const publicKey = (await a.http.get('/v1/ledger/public-key').set(bearer(web.token)).expect(200)).text;

    const records = join(temp.dir, 'backup', 'records');
    const keys = join(temp.dir, 'vault', 'keys');
    const backup = await runCli(['backup', '--records', records, '--keys', keys, '--json'], before);
    expect([backup.code, backup.stderr]).toEqual([0, '']);
    const manifests = JSON.parse(backup.stdout) as { records: { store: string; files: { name: string }[] }; keys: { files: { name: string }[] } };
    expect(manifests.records.store).toBe('eventstoredb');
    expect(manifests.records.files.map((file) => file.name)).toEqual(['credentials.db', 'attachments.db']);
    expect(manifests.keys.files.map((file) => file.name).sort()).toEqual(['blind-index.key', 'keys.db', 'log-signing-key.pem']);
    await a.close();
    apps.pop();

    const after = env('data-b', 'keys-b');
    const restore = await runCli(['restore', '--records', records, '--keys', keys], after);
    expect([restore.code, restore.stderr]).toEqual([0, '']);
    const b = await startLedgerApp({ env: after, dataDir: after.LEDGER_DATA_DIR, adminToken: a.adminToken });
    apps.push(b);
    await b.http.get('/health/ready').expect(200);
    expect((await b.http.get('/v1/ledger/public-key').set(bearer(web.token)).expect(200)).text).toBe(publicKey);
    await b.http.get('/v1/me').set(bearer(web.token)).expect(200);
    const { home } = await signIn(b, web);
    expect(home).not.toBe('/sign-in');
  }, 120_000);
});

import { readFileSync, statSync } from 'node:fs';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * Issue 11, point 2: `ledger admin-token --reset` issues the first admin a new token as an event and hands
 * it over in `<data dir>/admin-token` (0600), with the server stopped or running, on either store. The CLI
 * runs as its own process (`npm run build` first), beside the server's, as an operator would run it.
 */
describe('ledger admin-token --reset', () => {
  const temps: { dir: string; remove: () => void }[] = [];
  const apps: LedgerAppHarness[] = [];
  let esdb: EsdbTestServer | undefined;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const dataDir = () => {
    const temp = makeTempDir('ledger-admin-reset-');
    temps.push(temp);
    return temp.dir;
  };
  const start = async (dir: string, env: NodeJS.ProcessEnv = {}) => {
    const app = await startLedgerApp({ dataDir: dir, env });
    apps.push(app);
    return app;
  };
  const tokenIn = (dir: string) => readFileSync(`${dir}/admin-token`, 'utf8').trim();
  /**
   * The reset's token works on the running server's very next request: the CLI appended from another
   * process, which the server's views learn of only at their next poll, so an unknown token waits for the
   * views to reach the store's head before it is refused.
   */
  const acceptedAtOnce = (app: LedgerAppHarness, token: string) => app.http.get('/v1/me').set(bearer(token));
  const reset = async (dir: string, env: NodeJS.ProcessEnv = {}, ...flags: string[]) => {
    const before = tokenIn(dir);
    const result = await runCli(['admin-token', '--reset', ...flags], { LEDGER_DATA_DIR: dir, ...env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = tokenIn(dir);
    expect(token).not.toBe(before);
    expect(token).toMatch(/^dl_[A-Za-z0-9_-]{43}$/);
    expect(statSync(`${dir}/admin-token`).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain(`${dir}/admin-token`);
    return { token, stdout: result.stdout };
  };

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await esdb?.stop();
    for (const temp of temps) temp.remove();
  });

  it('with the server stopped: the new token is an event, the old one still works, the token is never printed, the ledger verifies', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const oldToken = first.adminToken;
    const adminId = (await first.http.get('/v1/me').set(bearer(oldToken)).expect(200)).body.userId;
    await first.close();

    const { token, stdout } = await reset(dir);
    expect(stdout).not.toContain(token);
    expect(stdout).toContain(adminId);

    const again = await start(dir);
    expect((await again.http.get('/v1/me').set(bearer(token)).expect(200)).body).toMatchObject({ userId: adminId, role: 'admin' });
    await again.http.get('/v1/me').set(bearer(oldToken)).expect(200);
    await again.close();
    const verify = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dir });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: 3 });
  }, 180_000);

  it('with the embedded server running: the running server accepts the token, keeps writing, and its log and views stay whole', async () => {
    const dir = dataDir();
    const running = await start(dir);
    const { token } = await reset(dir, {}, '--print');
    expect((await acceptedAtOnce(running, token)).status).toBe(200);
    // The server appends to the same user stream after the CLI did, and to others, without a conflict.
    const created = await running.http.post('/v1/users').set(bearer(token)).send({ name: 'After Reset', role: 'staff' }).expect(201);
    await running.http.get('/v1/me').set(bearer(created.body.token)).expect(200);
    const adminId = (await running.http.get('/v1/me').set(bearer(token)).expect(200)).body.userId;
    await running.http.post(`/v1/users/${adminId}/tokens`).set(bearer(token)).expect(201);
    // The log follower took the CLI's event in: a checkpoint covers everything, and verify agrees.
    const deadline = Date.now() + 60_000;
    let health = (await running.http.get('/health')).body;
    while (health.log.checkpoint !== health.log.size || health.log.size < 6) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
      health = (await running.http.get('/health')).body;
    }
    expect(health).toMatchObject({ status: 'ok', log: { size: 6, checkpoint: 6 } });
    await running.close();
    const verify = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dir });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: 6 });
  }, 180_000);

  it('prints the token only when asked (--print)', async () => {
    const dir = dataDir();
    await (await start(dir)).close();
    const { token, stdout } = await reset(dir, {}, '--print');
    expect(stdout.trim().split('\n').pop()).toBe(token);
  }, 180_000);

  it('on EventStoreDB, with the server running: the token works on the running instance at once', async () => {
    esdb = await EsdbTestServer.start();
    const keys = dataDir();
    const dir = dataDir();
    const env = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: esdb.connectionString, LEDGER_KEYS_DIR: keys };
    const running = await start(dir, env);
    const { token } = await reset(dir, env);
    expect((await acceptedAtOnce(running, token)).body).toMatchObject({ role: 'admin' });
    await running.http.post('/v1/users').set(bearer(token)).send({ name: 'After Reset', role: 'staff' }).expect(201);
  }, 180_000);

  it('refuses without --reset, and on a ledger that has no admin yet', async () => {
    const dir = dataDir();
    const bare = await runCli(['admin-token'], { LEDGER_DATA_DIR: dir });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--reset');
    const empty = await runCli(['admin-token', '--reset'], { LEDGER_DATA_DIR: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No ledger|no admin/);
  }, 60_000);
});

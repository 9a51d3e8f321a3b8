import { readFileSync } from 'node:fs';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Nothing acknowledged is ever lost: the server is killed with SIGKILL in the middle of a burst of
 * concurrent writes, restarted on the same data dir, and every write that was answered 201 must be
 * there, and the ledger must verify.
 */
describe('durability under SIGKILL', () => {
  const temp = makeTempDir('ledger-durability-');
  const env = { LEDGER_DATA_DIR: temp.dir };
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    temp.remove();
  });

  it('keeps every acknowledged write across a crash mid-load, and the ledger verifies', async () => {
    server = await startServerProcess(env);
    const adminToken = readFileSync(`${temp.dir}/admin-token`, 'utf8').trim();
    const acknowledged: { userId: string; token: string; name: string }[] = [];
    let attempted = 0;
    let stop = false;

    const writer = async (worker: number) => {
      for (let i = 0; !stop && i < 400; i++) {
        const name = `Staff ${worker}-${i}`;
        attempted++;
        try {
          const response = await fetch(`${server!.baseUrl}/v1/users`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name, role: 'staff' }),
          });
          if (response.status === 201) {
            const body = (await response.json()) as { userId: string; token: string };
            acknowledged.push({ userId: body.userId, token: body.token, name });
          }
        } catch {
          return; // the connection died with the server: this write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, worker) => writer(worker));
    // Kill once a good number of writes has been acknowledged, while the others are still in flight.
    while (acknowledged.length < 120 && attempted < 16 * 400) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    const death = await server.exited;
    stop = true;
    await Promise.all(writers);
    expect(death.signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);
    expect(attempted).toBeGreaterThan(acknowledged.length); // some writes were in flight at the kill

    server = await startServerProcess(env);
    for (const user of acknowledged) {
      const me = await fetch(`${server.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${user.token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { name: string }).name).toBe(user.name);
    }
    server.child.kill('SIGTERM');
    const shutdown = await server.exited;
    // Nest re-raises the signal once its shutdown hooks have run; the log proves the store was closed.
    expect(shutdown.code === 0 || shutdown.signal === 'SIGTERM').toBe(true);
    expect(server.output()).toContain('Event store closed');

    const verify = await runCli(['verify', '--json'], env);
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.stdout) as { ok: boolean; events: number };
    expect(report.ok).toBe(true);
    // Each user is two events (registered + first token), plus the bootstrap admin's two.
    expect(report.events).toBeGreaterThanOrEqual(2 * acknowledged.length + 2);
  }, 90_000);
});

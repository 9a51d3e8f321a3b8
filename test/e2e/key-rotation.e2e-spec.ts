import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cosignaturesOf, openNote, parseCosignerKey, parseVerifierKey } from '@ledger/ledger';
import { CLI_ENTRY, freePort, runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SLOW = 300_000;

/**
 * `ledger rotate-signing-key`: a checkpoint signed by the old key and the new, which a witness
 * follows; the log keeps its origin, serves the new key and the rotation history, `ledger verify`
 * still holds every checkpoint (the older ones through the rotation), and the witness refuses the
 * new key offered without the old one's signature (tlog-witness.int-spec.ts shows that refusal).
 */
describe('rotating the log’s signing key', () => {
  const temp = makeTempDir('ledger-rotation-');
  const env = { LEDGER_DATA_DIR: join(temp.dir, 'data'), LEDGER_PUBLIC_URL: 'https://library.example/ledger' };
  const witnessState = join(temp.dir, 'witness');
  const monitorState = join(temp.dir, 'monitor');
  let witness: ChildProcess | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    for (const child of [witness, server?.child]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    temp.remove();
  });

  const get = async (path: string, token: string) => (await fetch(`${server!.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } })).text();
  const openCase = async (token: string) => {
    const response = await fetch(`${server!.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requester: { kind: 'patron', name: 'Pat Patron' }, channel: 'in_person', patron: { ref: `CARD-${Date.now()}` }, requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }] }),
    });
    expect(response.status).toBe(201);
  };
  /** The latest checkpoint once it is signed by `logKey` and cosigned by the witness. */
  const cosignedCheckpoint = async (token: string, witnessKey: string, logKey: string) => {
    const signedBy = (note: string) => {
      try {
        return openNote(note, parseVerifierKey(logKey)) !== '';
      } catch {
        return false;
      }
    };
    const ready = (note: string) => signedBy(note) && cosignaturesOf(note, [parseCosignerKey(witnessKey)]).valid.length > 0;
    let note = await get('/v1/ledger/checkpoint', token);
    for (const deadline = Date.now() + 20_000; !ready(note) && Date.now() < deadline; note = await get('/v1/ledger/checkpoint', token)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return note;
  };

  it('is followed by the witness; the origin stays, the new key signs, the history is served and every checkpoint still verifies', async () => {
    // The first start makes the key (beside the data dir) and records the origin: the public URL's host and path.
    server = await startServerProcess(env);
    const admin = readFileSync(join(env.LEDGER_DATA_DIR, 'admin-token'), 'utf8').trim();
    const oldKey = (await get('/v1/ledger/public-key', admin)).trim();
    expect(oldKey).toMatch(/^library\.example\/ledger\+/);
    server.child.kill('SIGTERM');
    await server.exited;

    const port = await freePort();
    witness = spawn(process.execPath, [CLI_ENTRY, 'witness', 'serve', '--state', witnessState, '--port', String(port), '--name', 'auditor.example/witness', '--log-key', oldKey], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => witness!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening on port') && resolve()));
    const witnessKey = readFileSync(join(witnessState, 'witness.vkey'), 'utf8').trim();
    const withWitness = { ...env, LEDGER_WITNESSES: `http://127.0.0.1:${port}|${witnessKey}` };

    server = await startServerProcess(withWitness);
    const staff = (JSON.parse(await (await fetch(`${server.baseUrl}/v1/users`, { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Sam Staff', role: 'staff' }) })).text()) as { token: string }).token;
    await openCase(staff);
    const before = await cosignedCheckpoint(admin, witnessKey, oldKey);
    openNote(before, parseVerifierKey(oldKey));
    // The auditor's HTTP monitor pins the old key and keeps a checkpoint.
    const monitor = (url: string) => runCli(['witness', '--url', url, '--token', admin, '--state', monitorState], {});
    expect((await monitor(server.baseUrl)).code).toBe(0);
    server.child.kill('SIGTERM');
    await server.exited;

    const rotated = await runCli(['rotate-signing-key'], withWitness);
    expect([rotated.code, rotated.stderr]).toEqual([0, '']);
    expect(rotated.stdout).toContain('1 of 1 witnesses followed the rotation');
    const newKey = /\n {2}new (\S+)\n/.exec(rotated.stdout)![1];
    expect(newKey).not.toBe(oldKey);
    expect(parseVerifierKey(newKey).name).toBe('library.example/ledger');
    const state = JSON.parse(readFileSync(join(witnessState, 'state.json'), 'utf8')) as { logs: Record<string, { keys: string[] }> };
    expect(state.logs['library.example/ledger'].keys).toEqual([newKey]);
    // The old key is kept beside the new one, not deleted.
    expect(readdirSync(`${env.LEDGER_DATA_DIR}-keys`).filter((name) => name.startsWith('log-signing-key.pem.retired-'))).toHaveLength(1);

    server = await startServerProcess(withWitness);
    expect((await get('/v1/ledger/public-key', admin)).trim()).toBe(newKey);
    await openCase(staff);
    const after = await cosignedCheckpoint(admin, witnessKey, newKey);
    openNote(after, parseVerifierKey(newKey));
    expect(() => openNote(after, parseVerifierKey(oldKey))).toThrow(/no signature by/);
    expect(cosignaturesOf(after, [parseCosignerKey(witnessKey)]).valid).toHaveLength(1);
    const history = JSON.parse(await get('/v1/ledger/key-rotations', admin)) as { publicKey: string; items: { oldKey: string; newKey: string; note: string }[] };
    expect(history.publicKey).toBe(newKey);
    expect(history.items).toEqual([expect.objectContaining({ oldKey, newKey })]);
    expect(openNote(history.items[0].note, parseVerifierKey(oldKey))).toContain(`\nsigning-key/v1 ${newKey}\n`);
    openNote(history.items[0].note, parseVerifierKey(newKey));
    // The monitor follows the rotation (signed by the key it pinned) and holds the new checkpoint to the one it kept under the old key.
    const followed = await monitor(server.baseUrl);
    expect([followed.code, followed.stderr]).toEqual([0, '']);
    expect(followed.stdout).toContain(`Followed the log's key rotation to ${newKey}`);
    expect(followed.stdout).toMatch(/grew from \d+ to \d+ entries, consistently/);
    expect(readFileSync(join(monitorState, 'log.pub'), 'utf8').trim()).toBe(newKey);
    server.child.kill('SIGTERM');
    await server.exited;

    // Every checkpoint the log kept still verifies: the older ones with the old key, trusted through the rotation.
    const verified = await runCli(['verify'], env);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('Log consistent')]);
    expect(existsSync(join(witnessState, 'state.json'))).toBe(true);
  }, SLOW);
});

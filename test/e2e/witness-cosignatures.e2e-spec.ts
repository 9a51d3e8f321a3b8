import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cosignaturesOf, noteSigner, openNote, parseCheckpoint, parseCosignerKey, parseVerifierKey, verifierKeyOf } from '@ledger/ledger';
import { patronCaseBody } from '../support/http-flows.js';
import { CLI_ENTRY, freePort, runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SLOW = 300_000;
const ORIGIN = 'library.example/ledger';

interface WitnessProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly key: string;
  readonly state: string;
}

/** `ledger witness serve` as its own process, once it says it listens. */
async function startWitness(state: string, name: string, logKey: string): Promise<WitnessProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI_ENTRY, 'witness', 'serve', '--state', state, '--port', String(port), '--name', name, '--log-key', logKey], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('listening on port')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`witness exited with ${code}: ${printed}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, key: readFileSync(join(state, 'witness.vkey'), 'utf8').trim(), state };
}

async function stop(process: { child: ChildProcess }): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  const exited = new Promise((resolve) => process.child.once('exit', resolve));
  process.child.kill('SIGTERM');
  await exited;
}

/**
 * Two independent witnesses (`ledger witness serve`) cosign the ledger's checkpoints. The honest one
 * only ever sees the library's log; the other is later shown a fork (the library's old data dir,
 * same key, other events), refuses it and keeps both signed checkpoints. Counsel checks case files
 * offline with `verify-file --witness-key … --quorum N`.
 */
describe('witnesses that cosign (C2SP tlog-witness, tlog-cosignature)', () => {
  const temp = makeTempDir('ledger-witnesses-');
  const keysDir = join(temp.dir, 'keys');
  const signingKeyFile = join(keysDir, 'log-signing-key.pem');
  const logKeyFile = join(temp.dir, 'library-log.pub');
  const processes: { child: ChildProcess }[] = [];
  let honest: WitnessProcess;
  let forked: WitnessProcess;
  let logKey: string;

  const ledgerEnv = (dataDir: string, witnesses: readonly WitnessProcess[]) => ({
    LEDGER_DATA_DIR: join(temp.dir, dataDir),
    LEDGER_KEYS_DIR: keysDir,
    LEDGER_SIGNING_KEY_FILE: signingKeyFile,
    LEDGER_LOG_ORIGIN: ORIGIN,
    LEDGER_WITNESSES: witnesses.map((witness) => `${witness.url}|${witness.key}`).join(' '),
  });
  const startLedger = async (dataDir: string, witnesses: readonly WitnessProcess[]): Promise<ServerProcess> => {
    const server = await startServerProcess(ledgerEnv(dataDir, witnesses));
    processes.push(server);
    return server;
  };
  const client = (server: ServerProcess, dataDir: string) => {
    const admin = readFileSync(join(temp.dir, dataDir, 'admin-token'), 'utf8').trim();
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text;
    };
    return {
      user: async (role: string) => (JSON.parse(await call('POST', '/v1/users', admin, { name: `A ${role}`, role })) as { token: string }).token,
      openCase: async (staff: string) => (JSON.parse(await call('POST', '/v1/cases', staff, patronCaseBody())) as { caseId: string }).caseId,
      refuse: (staff: string, caseId: string) => call('POST', `/v1/cases/${caseId}/refusals`, staff, { reason: 'Not enough to go on' }),
      exportCase: async (director: string, caseId: string, file: string) => {
        const json = await call('GET', `/v1/cases/${caseId}/export?format=json`, director);
        writeFileSync(join(temp.dir, file), json);
        return JSON.parse(json) as { log: { checkpoint: string; size: number } };
      },
      checkpoint: (token: string) => call('GET', '/v1/ledger/checkpoint', token),
    };
  };
  const verifyFile = (file: string, ...args: string[]) => runCli(['verify-file', join(temp.dir, file), '--key', logKeyFile, ...args], {});

  beforeAll(async () => {
    mkdirSync(keysDir, { mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(signingKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    logKey = verifierKeyOf(noteSigner(ORIGIN, privateKey));
    writeFileSync(logKeyFile, `${logKey}\n`);
    honest = await startWitness(join(temp.dir, 'witness-honest'), 'witness.example/honest', logKey);
    forked = await startWitness(join(temp.dir, 'witness-shown-a-fork'), 'witness.example/shown-a-fork', logKeyFile);
    processes.push(honest, forked);
  }, SLOW);
  afterAll(async () => {
    for (const process of processes) await stop(process);
    temp.remove();
  });

  it('writes each witness’s verifier key (type 0x04) to witness.vkey on first start', () => {
    for (const witness of [honest, forked]) {
      expect(parseCosignerKey(witness.key).name).toBe(witness === honest ? 'witness.example/honest' : 'witness.example/shown-a-fork');
      expect(JSON.parse(readFileSync(join(witness.state, 'state.json'), 'utf8'))).toEqual({ version: 1, logs: { [ORIGIN]: { keys: [logKey], checkpoint: null } } });
    }
  });

  let staff: string;
  let director: string;
  let caseId: string;

  it('the ledger submits its checkpoints to both; the served checkpoint and the case file carry both cosignatures, and verify-file holds it to a quorum of 2', async () => {
    let ledger = await startLedger('data', [honest, forked]);
    let http = client(ledger, 'data');
    staff = await http.user('staff');
    director = await http.user('director');
    await http.openCase(staff);
    // The library's data dir as it is now: what someone with the key could later start again and write other events to.
    await stop(ledger);
    cpSync(join(temp.dir, 'data'), join(temp.dir, 'data-copied'), { recursive: true });

    ledger = await startLedger('data', [honest, forked]);
    http = client(ledger, 'data');
    caseId = await http.openCase(staff);
    await http.refuse(staff, caseId);
    const file = await http.exportCase(director, caseId, 'case-both.json');
    const witnesses = [honest.key, forked.key].map((key) => parseCosignerKey(key));
    expect(cosignaturesOf(file.log.checkpoint, witnesses).valid.map((c) => c.witness)).toEqual([honest.key, forked.key]);
    expect(openNote(file.log.checkpoint, parseVerifierKey(logKey))).toMatch(new RegExp(`^${ORIGIN}\\n${file.log.size}\\n`));
    // The witnesses keep what they cosigned: the checkpoint the file carries, or a later one.
    for (const witness of [honest, forked]) {
      const held = (JSON.parse(readFileSync(join(witness.state, 'state.json'), 'utf8')) as { logs: Record<string, { checkpoint: string }> }).logs[ORIGIN].checkpoint;
      expect(parseCheckpoint(openNote(held, parseVerifierKey(logKey))).size).toBeGreaterThanOrEqual(file.log.size);
    }
    // The served checkpoint carries them too, once they came (the export's own access-log event is signed a moment later).
    let served = await http.checkpoint(director);
    for (const deadline = Date.now() + 20_000; cosignaturesOf(served, witnesses).valid.length < 2 && Date.now() < deadline; served = await http.checkpoint(director)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cosignaturesOf(served, witnesses).valid.map((c) => c.witness)).toEqual([honest.key, forked.key]);

    const verified = await verifyFile('case-both.json', '--witness-key', honest.key, '--witness-key', join(forked.state, 'witness.vkey'), '--quorum', '2');
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('Witnessed: cosigned by 2 of the 2 witnesses given (2 required)')]);
    // A cosignature line altered in the file fails, naming the witness.
    const altered = readFileSync(join(temp.dir, 'case-both.json'), 'utf8').replace(/(— witness\.example\/honest [A-Za-z0-9+/]{20})([A-Za-z0-9+/])/, (_, head: string, char: string) => `${head}${char === 'A' ? 'B' : 'A'}`);
    writeFileSync(join(temp.dir, 'case-altered.json'), altered);
    const refused = await verifyFile('case-altered.json', '--witness-key', honest.key, '--witness-key', forked.key, '--quorum', '1');
    expect([refused.code, refused.stdout]).toEqual([1, expect.stringContaining(`the cosignature of witness ${honest.key} does not verify`)]);

    // One witness down: a file made meanwhile has one cosignature; a quorum of 2 fails, of 1 passes.
    await stop(forked);
    const later = await http.openCase(staff);
    await http.exportCase(director, later, 'case-one.json');
    const two = await verifyFile('case-one.json', '--witness-key', honest.key, '--witness-key', forked.key);
    expect([two.code, two.stdout]).toEqual([1, expect.stringContaining('cosigned by 1 of the witnesses given, and 2 are required')]);
    const one = await verifyFile('case-one.json', '--witness-key', honest.key, '--witness-key', forked.key, '--quorum', '1');
    expect([one.code, one.stdout]).toEqual([0, expect.stringContaining('cosigned by 1 of the 2 witnesses given (1 required): witness.example/honest')]);
    await stop(ledger);
  }, SLOW);

  it('a fork shown to a witness (the old data dir, the same key, other events) is refused, both signed checkpoints kept; the fork’s files carry no cosignature', async () => {
    forked = await startWitness(forked.state, 'witness.example/shown-a-fork', logKey);
    processes.push(forked);
    const heldSize = () => {
      const held = (JSON.parse(readFileSync(join(forked.state, 'state.json'), 'utf8')) as { logs: Record<string, { checkpoint: string }> }).logs[ORIGIN].checkpoint;
      return parseCheckpoint(openNote(held, parseVerifierKey(logKey))).size;
    };
    const honestSize = heldSize();
    const fork = await startLedger('data-copied', [forked]);
    const http = client(fork, 'data-copied');
    // Other events than the library's, until the fork's log is longer than what the witness holds: its checkpoint then claims to extend it.
    let size = 0;
    while (size <= honestSize + 1) {
      await http.openCase(staff);
      size = parseCheckpoint(openNote(await http.checkpoint(director), parseVerifierKey(logKey))).size;
    }
    const deadline = Date.now() + 20_000;
    let evidence: string[] = [];
    while (evidence.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      evidence = existsSync(forked.state) ? readdirSync(forked.state).filter((name) => name.startsWith('evidence-')) : [];
    }
    expect(evidence.length).toBeGreaterThanOrEqual(1);
    const dir = join(forked.state, evidence[0]);
    const cosigned = parseCheckpoint(openNote(readFileSync(join(dir, 'cosigned.checkpoint'), 'utf8'), parseVerifierKey(logKey)));
    const offered = parseCheckpoint(openNote(readFileSync(join(dir, 'offered.checkpoint'), 'utf8'), parseVerifierKey(logKey)));
    // Both signed by the library's key, for the same log: the key holder signed two histories.
    expect([cosigned.origin, offered.origin]).toEqual([ORIGIN, ORIGIN]);
    expect(cosigned.size).toBe(honestSize);
    // The fork reaches the witness at the size it holds (another root) or beyond it (a proof that cannot verify): either way, two histories.
    if (offered.size === honestSize) {
      expect(offered.root.equals(cosigned.root)).toBe(false);
      expect(readFileSync(join(dir, 'reason.txt'), 'utf8')).toContain(`two different roots signed for size ${honestSize}`);
    } else {
      expect(offered.size).toBeGreaterThan(honestSize);
      expect(readFileSync(join(dir, 'reason.txt'), 'utf8')).toContain(`is not consistent with the cosigned one of size ${honestSize}`);
    }
    // The witness still holds the honest checkpoint.
    expect(heldSize()).toBe(honestSize);
    expect(fork.output()).toMatch(/did not cosign checkpoint \d+: (409|422) /);

    const forkCase = await http.openCase(staff);
    const file = await http.exportCase(director, forkCase, 'case-fork.json');
    expect(cosignaturesOf(file.log.checkpoint, [parseCosignerKey(forked.key), parseCosignerKey(honest.key)]).valid).toEqual([]);
    const result = await verifyFile('case-fork.json', '--witness-key', honest.key, '--witness-key', forked.key, '--quorum', '1');
    expect([result.code, result.stdout]).toEqual([1, expect.stringContaining('cosigned by 0 of the witnesses given, and 1 is required')]);
    await stop(fork);
  }, SLOW);
});

import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeEntryBundle, hashLeaf, parseCheckpoint, rebuildFromTiles, TileUnavailableError, verifyConsistency, verifyInclusion } from '@ledger/ledger';
import { runCli } from '../support/server-process.js';
import { b64, checkpointCoveringAll, eventsOf } from '../support/log-checkpoints.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, expectStatus, patronCaseBody } from '../support/http-flows.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('the verifiable log over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: { userId: string; token: string };
  let otherStaff: { userId: string; token: string };
  let auditor: { userId: string; token: string };
  let caseId: string;

  beforeAll(async () => {
    // A public log: its checkpoint, key and tiles need no token (the second app below is not public).
    ledger = await startLedgerApp({ env: { LEDGER_LOG_ORIGIN: 'library.example/ledger', LEDGER_LOG_PUBLIC: 'true' } });
    staff = await ledger.user('staff');
    otherStaff = await ledger.user('staff');
    auditor = await ledger.user('auditor');
    caseId = (await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(patronCaseBody()), 201)).caseId;
  });
  afterAll(() => ledger.close());

  it('serves the latest signed checkpoint as text/plain, verifiable with the public key, to every role', async () => {
    const first = await checkpointCoveringAll(ledger, auditor.token);
    const response = await ledger.http.get('/v1/ledger/checkpoint').set(bearer(ledger.adminToken));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    const key = await ledger.http.get('/v1/ledger/public-key').set(bearer(staff.token));
    expect(key.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(key.text).toMatch(/^library\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
    expect(first.note.startsWith(`library.example/ledger\n${first.size}\n`)).toBe(true);
    expect((await ledger.http.get('/v1/ledger/checkpoint')).status).toBe(200);
    await expectStatus(ledger.http.get('/v1/ledger/proofs/consistency?from=0&to=1'), 401);
  });

  it('proves inclusion by index and consistency between two checkpoints (RFC 9162)', async () => {
    const older = await checkpointCoveringAll(ledger, auditor.token);
    await expectStatus(ledger.http.post(`/v1/cases/${caseId}/refusals`).set(bearer(staff.token)).send({ reason: 'Not enough to go on' }), 201);
    const newer = await checkpointCoveringAll(ledger, auditor.token);
    expect(newer.size).toBeGreaterThan(older.size);

    const consistency = await expectStatus(ledger.http.get(`/v1/ledger/proofs/consistency?from=${older.size}&to=${newer.size}`).set(bearer(staff.token)), 200);
    expect(consistency).toMatchObject({ from: older.size, to: newer.size });
    expect(verifyConsistency(older.size, newer.size, older.root, newer.root, consistency.hashes.map(b64))).toBe(true);

    for (const index of [0, older.size - 1, newer.size - 1]) {
      const inclusion = await expectStatus(ledger.http.get(`/v1/ledger/proofs/inclusion?index=${index}&size=${newer.size}`).set(bearer(auditor.token)), 200);
      expect(inclusion).toMatchObject({ index, size: newer.size });
      expect(verifyInclusion(index, newer.size, b64(inclusion.leaf), inclusion.hashes.map(b64), newer.root)).toBe(true);
    }
  });

  it('refuses proofs it cannot give with problem+json: beyond the log 404, nonsense 400', async () => {
    const { size } = await checkpointCoveringAll(ledger, auditor.token);
    for (const [query, status] of [
      [`inclusion?index=${size}&size=${size}`, 400],
      ['inclusion?index=0&size=0', 400],
      ['inclusion?index=-1&size=3', 400],
      ['inclusion?index=a&size=3', 400],
      // Numbers only in plain decimal: not exponent, hex, leading zero, fraction or padded.
      ['inclusion?index=1e0&size=3', 400],
      ['inclusion?index=0x1&size=3', 400],
      ['inclusion?index=01&size=3', 400],
      ['inclusion?index=1.0&size=3', 400],
      ['inclusion?index=%201&size=3', 400],
      [`consistency?from=1&to=${size}e0`, 400],
      [`inclusion?index=0&size=${size + 1000}`, 404],
      ['consistency?from=3&to=2', 400],
      [`consistency?from=1&to=${size + 1000}`, 404],
      ['consistency?from=1&to=2&evil=1', 400],
    ] as const) {
      const response = await ledger.http.get(`/v1/ledger/proofs/${query}`).set(bearer(auditor.token));
      expect([query, response.status]).toEqual([query, status]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it("gives an event's proof to those who may read its case, and other events' proofs to the auditor and director only", async () => {
    const { size, root } = await checkpointCoveringAll(ledger, auditor.token);
    const events = eventsOf(ledger);
    const caseEvent = events.find((event) => event.stream === `case-${caseId}`)!;
    const userEvent = events.find((event) => event.stream.startsWith('user-'))!;

    const proof = await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${caseEvent.id}?size=${size}`).set(bearer(staff.token)), 200);
    expect(proof).toMatchObject({ eventId: caseEvent.id, stream: `case-${caseId}`, size, index: events.indexOf(caseEvent) });
    expect(verifyInclusion(proof.index, size, b64(proof.leaf), proof.hashes.map(b64), root)).toBe(true);
    expect(proof.checkpoint === null || parseCheckpoint(parseNoteText(proof.checkpoint)).size === size).toBe(true);

    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${caseEvent.id}`).set(bearer(auditor.token)), 200);
    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${caseEvent.id}`).set(bearer(otherStaff.token)), 403);
    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${caseEvent.id}`).set(bearer(ledger.adminToken)), 403);
    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${userEvent.id}`).set(bearer(staff.token)), 403);
    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${userEvent.id}`).set(bearer(auditor.token)), 200);
    await expectStatus(ledger.http.get('/v1/ledger/proofs/events/00000000-0000-4000-8000-000000000000').set(bearer(auditor.token)), 404);
    await expectStatus(ledger.http.get('/v1/ledger/proofs/events/not-an-id').set(bearer(auditor.token)), 400);
  });

  // The log as C2SP tlog-tiles.
  const temp = makeTempDir('ledger-tiles-');
  afterAll(() => temp.remove());

  /** The bytes served at `path` (under /v1/ledger/), without a token: the log is public. */
  const tile = async (path: string) => {
    const response = await ledger.http
      .get(`/v1/ledger/${path}`)
      .buffer(true)
      .parse((answer, done) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: response.status, body: response.body as Buffer, headers: response.headers as Record<string, string> };
  };

  it('serves full tiles as immutable and partial ones briefly, from which a mirror rebuilds the signed root; each entry hashes to its leaf', async () => {
    // More than a full tile of 256 entries: a user registered is one event.
    while (eventsOf(ledger).length < 260) await Promise.all(Array.from({ length: 20 }, () => ledger.user('staff')));
    const { size, root } = await checkpointCoveringAll(ledger, auditor.token);
    const full = await tile('tile/0/000');
    expect([full.status, full.headers['content-type'], full.headers['cache-control'], full.body.length]).toEqual([200, 'application/octet-stream', 'public, max-age=31536000, immutable', 256 * 32]);
    const partial = await tile(`tile/0/001.p/${size - 256}`);
    expect([partial.status, partial.headers['cache-control'], partial.body.length]).toEqual([200, 'public, max-age=60', (size - 256) * 32]);
    const bundle = await tile('tile/entries/000');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const entries = decodeEntryBundle(bundle.body)!;
    expect(entries).toHaveLength(256);
    // The first entry is the first event's leaf: its stream, revision, id and chain hash.
    expect(entries[0].includes(Buffer.from(eventsOf(ledger)[0].id))).toBe(true);
    expect(hashLeaf(entries[0])).toEqual(full.body.subarray(0, 32));

    const rebuilt = await rebuildFromTiles(size, root, async (path) => {
      const answer = await tile(path);
      if (answer.status !== 200) throw new TileUnavailableError(`${path}: ${answer.status}`);
      return answer.body;
    });
    expect(rebuilt.root).toEqual(root);
    expect(rebuilt.fetched).toBe(2 + 2 + 1);
  });

  it('refuses what is not a tile path with 400, and a tile it does not hold (yet) with 404, as problem+json', async () => {
    const { size } = await checkpointCoveringAll(ledger, auditor.token);
    for (const [path, status] of [
      ['tile/0/1', 400],
      ['tile/00/000', 400],
      ['tile/64/000', 400],
      ['tile/0/x000/001', 400],
      ['tile/0/000.p/256', 400],
      ['tile/0/000.p/0', 400],
      ['tile/entries/000.p/07', 400],
      ['tile/0/002', 404],
      ['tile/1/000', 404],
      [`tile/0/001.p/${size - 255}`, 404],
      ['tile/entries/001', 404],
      ['tile/entries/x001/000', 404],
    ] as const) {
      const response = await ledger.http.get(`/v1/ledger/${path}`);
      expect([path, response.status, response.headers['content-type']]).toEqual([path, status, expect.stringMatching(/^application\/problem\+json/)]);
    }
  });

  it('`ledger witness --tiles` checks the honest log from its tiles alone (exit 0), and proves a tampered tile (exit 1, evidence kept)', async () => {
    await checkpointCoveringAll(ledger, auditor.token);
    const server = ledger.app.getHttpServer() as import('node:http').Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const state = join(temp.dir, 'witness');
    const witness = () => runCli(['witness', '--tiles', '--url', url, '--state', state], {});

    const honest = await witness();
    expect([honest.code, honest.stdout]).toEqual([0, expect.stringContaining('the root is the signed one')]);
    // The full tiles it verified are kept: a later run fetches only the partial ones.
    expect(readdirSync(join(state, 'tiles', 'tile', '0'))).toEqual(['000']);
    expect(readdirSync(join(state, 'tiles', 'tile', 'entries'))).toEqual(['000']);

    // Someone with the data dir rewrites the newest leaf hash in log.db: the tile served no longer rebuilds the signed root.
    const db = new Database(ledger.config.paths.log, { timeout: 5000 });
    const newest = Number((db.prepare('SELECT MAX(idx) AS idx FROM log_leaves').get() as { idx: number }).idx);
    const original = (db.prepare('SELECT leaf_hash FROM log_leaves WHERE idx = ?').get(newest) as { leaf_hash: Buffer }).leaf_hash;
    try {
      db.prepare('UPDATE log_leaves SET leaf_hash = ? WHERE idx = ?').run(Buffer.alloc(32, 7), newest);
      const tampered = await witness();
      expect([tampered.code, tampered.stderr]).toEqual([1, expect.stringMatching(/INCONSISTENT: the tiles of the tree of \d+ rebuild root .* not the signed/)]);
      const evidence = readdirSync(state).filter((name) => name.startsWith('evidence-'));
      expect(evidence).toHaveLength(1);
      expect(existsSync(join(state, evidence[0], 'tiles.txt'))).toBe(true);
    } finally {
      db.prepare('UPDATE log_leaves SET leaf_hash = ? WHERE idx = ?').run(original, newest);
      db.close();
    }
  });
});

function parseNoteText(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1);
}

describe('the integrity alarm', () => {
  it('when the events contradict the log at start: /health shows it and every write is refused with 503 LEDGER-INTEGRITY', async () => {
    const temp = makeTempDir('ledger-alarm-');
    try {
      const env = {};
      const first = await startLedgerApp({ env, dataDir: temp.dir });
      const auditor = await first.user('auditor');
      await first.user('staff');
      await checkpointCoveringAll(first, auditor.token);
      await first.close();

      // Someone with the data dir deletes the newest event.
      const db = new Database(first.config.paths.events);
      db.prepare('DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)').run();
      db.close();

      const second = await startLedgerApp({ env, dataDir: temp.dir, adminToken: first.adminToken });
      try {
        const deadline = Date.now() + 20_000;
        let health = (await second.http.get('/health')).body;
        while (health.status !== 'integrity_alarm' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          health = (await second.http.get('/health')).body;
        }
        expect(health).toMatchObject({ status: 'integrity_alarm', integrity: { ok: false } });
        expect(health.integrity.reason).toMatch(/removed/);

        const before = eventsOf(second).length;
        const refused = await second.http.post('/v1/users').set(bearer(first.adminToken)).send({ name: 'After the cut', role: 'staff' });
        expect(refused.status).toBe(503);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body).toMatchObject({ status: 503, rule: 'LEDGER-INTEGRITY' });
        expect(eventsOf(second)).toHaveLength(before);
        // Nothing was signed over the cut history.
        const checkpoint = await second.http.get('/v1/ledger/checkpoint').set(bearer(auditor.token));
        // Not a public log: its checkpoint and tiles need a token.
        await expectStatus(second.http.get('/v1/ledger/checkpoint'), 401);
        await expectStatus(second.http.get('/v1/ledger/tile/0/000.p/1'), 401);
        expect(parseCheckpoint(parseNoteText(checkpoint.text)).size).toBe(eventsOf(second).length + 1);
      } finally {
        await second.close();
      }
    } finally {
      temp.remove();
    }
  });
});

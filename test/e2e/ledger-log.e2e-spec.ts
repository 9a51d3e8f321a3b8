import Database from 'better-sqlite3';
import { parseCheckpoint, verifyConsistency, verifyInclusion } from '@ledger/ledger';
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
    ledger = await startLedgerApp({ env: { LEDGER_LOG_ORIGIN: 'library.example/ledger' } });
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
    const key = await ledger.http.get('/v1/ledger/public-key').set(bearer(staff.token));
    expect(key.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(key.text).toMatch(/^library\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
    expect(first.note.startsWith(`library.example/ledger\n${first.size}\n`)).toBe(true);
    await expectStatus(ledger.http.get('/v1/ledger/checkpoint'), 401);
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
        expect(parseCheckpoint(parseNoteText(checkpoint.text)).size).toBe(eventsOf(second).length + 1);
      } finally {
        await second.close();
      }
    } finally {
      temp.remove();
    }
  });
});

import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { verifyCaseFile } from '@ledger/exports';
import { openNote, parseCheckpoint, parseVerifierKey, ProtectedFields, verifyConsistency, verifyInclusion } from '@ledger/ledger';
import { b64, checkpointCoveringAll, eventsOf } from '../support/log-checkpoints.js';
import { RetentionScheduler } from '../../apps/api/src/retention/retention-scheduler.service.js';
import { CommandBus } from '@nestjs/cqrs';
import { PROTECTED_FIELDS } from '../../apps/api/src/infrastructure/tokens.js';
import { PurgeCaseIdentityCommand } from '../../apps/api/src/retention/purge-case-identity/purge-case-identity.command.js';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { bearer, expectStatus, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAY_MINUTES = 24 * 60;
const PATRON_NAME = 'Philippa Quillfeather';

interface People {
  staff: string;
  director: string;
  counsel: string;
  auditor: string;
}

async function people(ledger: LedgerAppHarness): Promise<People> {
  return {
    staff: (await ledger.user('staff')).token,
    director: (await ledger.user('director')).token,
    counsel: (await ledger.user('counsel')).token,
    auditor: (await ledger.user('auditor')).token,
  };
}

/** A patron at the desk with their card, released and so closed: 90 days under the default schedule. */
async function closedSelfServiceCase(ledger: LedgerAppHarness, staff: string, ref: string): Promise<string> {
  const opened = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send({ ...patronCaseBody(ref), requester: { kind: 'patron', name: PATRON_NAME } }), 201);
  await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts', 'holds'], method: 'in_person' }), 201);
  return opened.caseId;
}

const scheduler = (ledger: LedgerAppHarness) => ledger.app.get(RetentionScheduler);

describe('records lifecycle on the embedded store', () => {
  let ledger: LedgerAppHarness;
  let who: People;
  const REF = 'CARD-LIFECYCLE-70011';
  const OTHER_REF = 'CARD-LIFECYCLE-70022';
  const clock = new TestClock(new Date('2026-02-01T10:00:00.000Z'));

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock });
    who = await people(ledger);
  });
  afterAll(async () => {
    await ledger?.close();
  });

  it('shows the default schedule, and lets only the director change it', async () => {
    const schedule = await expectStatus(ledger.http.get('/v1/retention/schedule').set(bearer(who.auditor)), 200);
    expect(schedule.version).toBe(0);
    expect(schedule.rules).toContainEqual({ id: 'RET-PATRON-SELF', caseKind: 'patron_self_service', keepDays: 90, minimumDays: 30 });
    expect(schedule.rules).toContainEqual({ id: 'RET-LAW-ENFORCEMENT', caseKind: 'law_enforcement', keepDays: 'until_released' });
    await expectStatus(ledger.http.put('/v1/retention/schedule').set(bearer(who.counsel)).send({ rules: schedule.rules }), 403);
    const bad = await expectStatus(ledger.http.put('/v1/retention/schedule').set(bearer(who.director)).send({ rules: schedule.rules.slice(1) }), 400);
    expect(bad.errors[0].field).toBe('rules');
    const set = await expectStatus(ledger.http.put('/v1/retention/schedule').set(bearer(who.director)).send({ rules: schedule.rules }), 200);
    expect(set.version).toBe(1);
    await expectStatus(ledger.http.get('/v1/retention/schedule').set(bearer(who.staff)), 403);
  });

  it('across the schedule\'s boundary the scheduler shreds what is due, keeps what a hold covers, and the ledger still verifies', async () => {
    const first = await closedSelfServiceCase(ledger, who.staff, REF);
    const held = await closedSelfServiceCase(ledger, who.staff, REF);
    const hold = await expectStatus(ledger.http.post('/v1/legal-holds').set(bearer(who.counsel)).send({ caseId: held, reason: 'Preservation letter', matter: 'CV-26-0007' }), 201);
    const keysBeforeShred = join(ledger.config.dataDir, 'keys-before-shred.db');
    copyFileSync(ledger.config.paths.keys, keysBeforeShred);

    clock.advanceMinutes(89 * DAY_MINUTES);
    expect((await scheduler(ledger).runOnce()).shredded).toEqual([]);
    expect((await expectStatus(ledger.http.get('/v1/retention/due').set(bearer(who.director)), 200)).items).toEqual([]);

    clock.advanceMinutes(2 * DAY_MINUTES);
    const due = await expectStatus(ledger.http.get('/v1/retention/due').set(bearer(who.counsel)), 200);
    const byCase = (a: { caseId: string }, b: { caseId: string }) => a.caseId.localeCompare(b.caseId);
    expect(
      [...due.items].sort(byCase).map((item: { caseId: string; willPurge: boolean; holds: string[]; rule: string }) => ({ caseId: item.caseId, willPurge: item.willPurge, holds: item.holds, rule: item.rule })),
    ).toEqual(
      [
        { caseId: first, willPurge: true, holds: [], rule: 'RET-PATRON-SELF' },
        { caseId: held, willPurge: false, holds: [hold.holdId], rule: 'RET-PATRON-SELF' },
      ].sort(byCase),
    );
    const beforePurge = await checkpointCoveringAll(ledger, who.auditor);
    const run = await scheduler(ledger).runOnce();
    expect(run.shredded).toEqual([first]);

    // The log still proves the purged case's events, and the log after the purge extends the one before it.
    const afterPurge = await checkpointCoveringAll(ledger, who.auditor);
    const opened = eventsOf(ledger).find((event) => event.stream === `case-${first}` && event.type === 'DisclosureRequested')!;
    const proof = await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${opened.id}?size=${afterPurge.size}`).set(bearer(who.auditor)), 200);
    expect(verifyInclusion(proof.index, afterPurge.size, b64(proof.leaf), proof.hashes.map(b64), afterPurge.root)).toBe(true);
    const consistency = await expectStatus(ledger.http.get(`/v1/ledger/proofs/consistency?from=${beforePurge.size}&to=${afterPurge.size}`).set(bearer(who.auditor)), 200);
    expect(verifyConsistency(beforePurge.size, afterPurge.size, beforePurge.root, afterPurge.root, consistency.hashes.map(b64))).toBe(true);

    const purged = await expectStatus(ledger.http.get(`/v1/cases/${first}`).set(bearer(who.director)), 200);
    expect(purged.patron.ref).toBeNull();
    expect(purged.patron.pseudonym).toMatch(/^P-/);
    expect(purged.identityShredded).toMatchObject({ scheduleRule: 'RET-PATRON-SELF', basis: 'schedule', keyFingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(purged.identityShredded.statement).toMatch(/^Patron identity shredded on \d{4}-\d{2}-\d{2} under rule RET-PATRON-SELF/);
    // The same patron's other case keeps its own key.
    expect((await expectStatus(ledger.http.get(`/v1/cases/${held}`).set(bearer(who.director)), 200)).patron.ref).toBe(REF);
    // The register still counts the purged case; the ledger still verifies.
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ minPosition: run.shredded.length ? undefined : '0' }).set(bearer(who.auditor)), 200);
    expect(register.items.map((row: { caseId: string }) => row.caseId)).toEqual(expect.arrayContaining([first, held]));
    expect(await expectStatus(ledger.http.get('/v1/ledger/verify').set(bearer(who.auditor)), 200)).toMatchObject({ ok: true });

    // The hold wins over a purge by hand; only counsel lifts it; then the next run shreds.
    const refused = await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(who.director)).send({ caseId: held, reason: 'Tidy up' }), 422);
    expect(refused).toMatchObject({ rule: 'LEGAL-HOLD', citation: expect.stringContaining('Computer Records') });
    await expectStatus(ledger.http.delete(`/v1/legal-holds/${hold.holdId}`).set(bearer(who.director)), 403);
    await expectStatus(ledger.http.delete(`/v1/legal-holds/${hold.holdId}`).set(bearer(who.counsel)), 204);
    const holds = await expectStatus(ledger.http.get('/v1/legal-holds').set(bearer(who.auditor)), 200);
    expect(holds.items).toEqual([expect.objectContaining({ holdId: hold.holdId, caseId: held, status: 'released', matter: 'CV-26-0007' })]);
    expect((await scheduler(ledger).runOnce()).shredded).toEqual([held]);
    expect(await expectStatus(ledger.http.get('/v1/ledger/verify').set(bearer(who.auditor)), 200)).toMatchObject({ ok: true });

    // An older keys.db restored from a backup does not bring them back: the recorded shreds are re-applied.
    copyFileSync(keysBeforeShred, ledger.config.paths.keys);
    const restored = ProtectedFields.open({ keysFile: ledger.config.paths.keys, blindIndexKeyFile: ledger.config.paths.blindIndexKey });
    try {
      expect(restored.keyRecord(`c-${first}`)?.shreddedAt).toBeNull();
    } finally {
      restored.close();
    }
    const reapplied = await runCli(['retention', '--reapply', '--json'], { LEDGER_DATA_DIR: ledger.config.dataDir });
    expect(reapplied.code).toBe(0);
    expect(JSON.parse(reapplied.stdout)).toMatchObject({ recorded: 2, destroyedNow: expect.arrayContaining([`c-${first}`, `c-${held}`]), fingerprintMismatches: [] });
    const after = ProtectedFields.open({ keysFile: ledger.config.paths.keys, blindIndexKeyFile: ledger.config.paths.blindIndexKey });
    try {
      expect(after.keyRecord(`c-${first}`)?.shreddedAt).not.toBeNull();
      expect(after.keyRecord(`c-${held}`)?.shreddedAt).not.toBeNull();
    } finally {
      after.close();
    }
  }, 120_000);

  it('a shred recorded whose key could not be destroyed then is finished by the next purge run', async () => {
    const caseId = await closedSelfServiceCase(ledger, who.staff, 'CARD-KEY-STAYED-1');
    clock.advanceMinutes(90 * DAY_MINUTES);
    const fields = ledger.app.get<symbol, ProtectedFields>(PROTECTED_FIELDS);
    const shredKey = fields.shredKey.bind(fields);
    // keys.db fails once, after the shred is recorded.
    fields.shredKey = () => {
      fields.shredKey = shredKey;
      throw new Error('disk I/O error');
    };
    // The scheduler's own purge of the case: recorded, then the key's destruction fails.
    await expect(ledger.app.get(CommandBus).execute(new PurgeCaseIdentityCommand(caseId, { basis: 'schedule' }))).rejects.toThrow('disk I/O error');
    expect(fields.keyRecord(`c-${caseId}`)?.shreddedAt).toBeNull();
    // The case shows shredded, so no run finds it due; the run destroys the key the ledger says is shredded.
    expect((await scheduler(ledger).runOnce()).shredded).not.toContain(caseId);
    expect(fields.keyRecord(`c-${caseId}`)?.shreddedAt).not.toBeNull();
  });

  it('after a shred no view and no export format holds the patron reference or the name they gave', async () => {
    const caseId = await closedSelfServiceCase(ledger, who.staff, OTHER_REF);
    clock.advanceMinutes(90 * DAY_MINUTES);
    await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(who.director)).send({ caseId, reason: 'Patron asked at the desk' }), 201);
    const views = readFileSync(ledger.config.paths.views);
    const wal = (() => {
      try {
        return readFileSync(`${ledger.config.paths.views}-wal`);
      } catch {
        return Buffer.alloc(0);
      }
    })();
    for (const secret of [OTHER_REF, PATRON_NAME, REF]) {
      expect(views.includes(secret)).toBe(false);
      expect(wal.includes(secret)).toBe(false);
    }
    for (const reader of [who.director, who.counsel, who.auditor]) {
      const read = await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(reader));
      if (read.status !== 200) continue;
      expect(JSON.stringify(read.body)).not.toContain(OTHER_REF);
      expect(JSON.stringify(read.body)).not.toContain(PATRON_NAME);
    }
    for (const format of ['json', 'csv']) {
      const file = await expectStatus(ledger.http.get(`/v1/cases/${caseId}/export`).query({ format }).set(bearer(who.director)).buffer(true), 200);
      const text = typeof file === 'string' ? file : JSON.stringify(file);
      expect(text).not.toContain(OTHER_REF);
      expect(text).not.toContain(PATRON_NAME);
    }
    const pdf = await ledger.http
      .get(`/v1/cases/${caseId}/export`)
      .query({ format: 'pdf' })
      .set(bearer(who.director))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.body as Buffer) }).getText()).text;
    expect(text).toContain(caseId.slice(0, 8));
    expect(text).not.toContain(OTHER_REF);
    expect(text).not.toContain(PATRON_NAME);
    for (const path of ['/v1/audit/disclosures', '/v1/director/cases?status=all', '/v1/audit/findings', '/v1/audit/access-log', '/v1/legal-holds', '/v1/incidents']) {
      const reader = path.startsWith('/v1/director') ? who.director : who.auditor;
      const body = JSON.stringify((await ledger.http.get(path).set(bearer(reader))).body);
      expect(body).not.toContain(OTHER_REF);
      expect(body).not.toContain(PATRON_NAME);
    }
  });

  it('answers a patron\'s erasure request: shreds what may go, keeps the open case, says why in plain words', async () => {
    const ref = 'CARD-FORGET-ME-1';
    const closed = await closedSelfServiceCase(ledger, who.staff, ref);
    const open = await expectStatus(ledger.http.post('/v1/cases').set(bearer(who.staff)).send(patronCaseBody(ref)), 201);
    const erasure = (body: object) => ledger.http.post('/v1/patrons/erasure-requests').set(bearer(who.staff)).send({ patronRef: ref, ...body });
    // Only the patron, in person, with a card not reported lost or a photo id: ERASURE-ID, CARD-LOST.
    for (const body of [
      { identification: [{ kind: 'card_barcode' }] },
      { identification: [{ kind: 'library_card' }], requesterKind: 'parent_or_guardian' },
      { identification: [{ kind: 'library_card' }], channel: 'phone' },
    ]) {
      expect(await expectStatus(erasure(body), 422)).toMatchObject({ rule: 'ERASURE-ID' });
    }
    await expectStatus(ledger.http.post('/v1/patrons/card-lost').set(bearer(who.staff)).send({ patronRef: ref }), 201);
    expect(await expectStatus(erasure({ identification: [{ kind: 'library_card' }] }), 422)).toMatchObject({ rule: 'CARD-LOST' });
    const recorded = await expectStatus(erasure({ identification: [{ kind: 'photo_id' }] }), 201);
    expect(recorded).toMatchObject({ status: 'awaiting_approval', requestId: expect.any(String) });
    // Nothing is shredded until the Director approves it; staff cannot.
    expect((await expectStatus(ledger.http.get(`/v1/cases/${closed}`).set(bearer(who.director)), 200)).patron.ref).toBe(ref);
    await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(who.staff)), 403);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(who.director)), 200);
    await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(who.director)), 404);
    expect(answer.outcomes).toHaveLength(2);
    expect(answer.outcomes).toEqual(
      expect.arrayContaining([
        { caseId: closed, result: 'shredded' },
        { caseId: open.caseId, result: 'kept', rule: 'CASE-OPEN', reason: 'the case is still open' },
      ]),
    );
    expect(answer.statement).toContain('Your card number or patron id in 1 record can no longer be read');
    expect(answer.statement).toContain('What remains in that record: a pseudonym');
    expect(answer.statement).toContain('still being handled');
    expect(JSON.stringify(answer)).not.toContain(ref);
    expect((await expectStatus(ledger.http.get(`/v1/cases/${closed}`).set(bearer(who.director)), 200)).patron.ref).toBeNull();
    expect((await expectStatus(ledger.http.get(`/v1/cases/${open.caseId}`).set(bearer(who.director)), 200)).patron.ref).toBe(ref);
  });

  it('records a breach and its notices; a patron not notified within 60 days is a BREACH-NOTICE-LATE violation the auditor sees', async () => {
    const discoveredAt = clock.now().toISOString();
    const incident = await expectStatus(
      ledger.http
        .post('/v1/incidents')
        .set(bearer(who.director))
        .send({ discoveredAt, description: 'The newsletter service reported a copied mailing list', systems: ['newsletter service'], affected: { patronRefs: ['CARD-BREACH-1', 'CARD-BREACH-2'], group: 'Newsletter subscribers' }, dataElements: ['name', 'other'] }),
      201,
    );
    await expectStatus(ledger.http.post('/v1/incidents').set(bearer(who.auditor)).send({ discoveredAt, description: 'x', systems: ['y'], affected: { group: 'z' }, dataElements: ['other'] }), 403);
    await expectStatus(ledger.http.post('/v1/incidents').set(bearer(who.director)).send({ discoveredAt, description: 'x', systems: ['y'], affected: { group: 'z' } }), 400);
    clock.advanceMinutes(10);
    const notifiedAt = clock.now().toISOString();
    await expectStatus(ledger.http.post(`/v1/incidents/${incident.incidentId}/notifications`).set(bearer(who.director)).send({ patronRef: 'CARD-BREACH-1', method: 'email', notifiedAt }), 201);
    const lastNotice = await expectStatus(ledger.http.post(`/v1/incidents/${incident.incidentId}/notifications`).set(bearer(who.director)).send({ group: 'Newsletter subscribers', method: 'public_notice', notifiedAt }), 201);
    await expectStatus(ledger.http.post(`/v1/incidents/${incident.incidentId}/notifications`).set(bearer(who.director)).send({ patronRef: 'CARD-NOT-AFFECTED', method: 'email', notifiedAt }), 400);
    await expectStatus(ledger.http.post('/v1/incidents/no-such-incident/notifications').set(bearer(who.director)).send({ group: 'x', method: 'email', notifiedAt }), 404);

    clock.advanceMinutes(61 * DAY_MINUTES);
    // Read your own writes: the views answer once they have applied the last notice (they follow the ledger on their own thread).
    const listed = await expectStatus(ledger.http.get('/v1/incidents').query({ minPosition: lastNotice.position }).set(bearer(who.auditor)), 200);
    const mine = listed.items.find((item: { incidentId: string }) => item.incidentId === incident.incidentId);
    expect(mine).toMatchObject({ notifications: { count: 2, patronsNotified: 1, groupNotified: true }, overdue: true });
    expect(mine.awaitingNotice.pseudonyms).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toMatch(/CARD-BREACH/);
    const findings = await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'BREACH-NOTICE-LATE' }).set(bearer(who.auditor)), 200);
    expect(findings.items).toEqual([
      expect.objectContaining({ rule: 'BREACH-NOTICE-LATE', severity: 'violation', caseId: incident.incidentId, findingId: `BREACH-NOTICE-LATE:${incident.incidentId}:${mine.awaitingNotice.pseudonyms[0]}` }),
    ]);
    // A notice may be dated at most LEDGER_MAX_BACKDATE_DAYS (30) before it is recorded: day 1 is refused on day 61.
    const tooEarly = await expectStatus(
      ledger.http.post(`/v1/incidents/${incident.incidentId}/notifications`).set(bearer(who.director)).send({ patronRef: 'CARD-BREACH-2', method: 'email', notifiedAt }),
      400,
    );
    expect(tooEarly.errors[0].field).toBe('notifiedAt');
    // A notice recorded now (day 61) but dated day 59 does not withdraw the finding: it is annotated.
    const backDated = new Date(Date.parse(discoveredAt) + 59 * DAY_MINUTES * 60_000).toISOString();
    const lateNotice = await expectStatus(
      ledger.http.post(`/v1/incidents/${incident.incidentId}/notifications`).set(bearer(who.director)).send({ patronRef: 'CARD-BREACH-2', method: 'email', notifiedAt: backDated }),
      201,
    );
    const after = await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'BREACH-NOTICE-LATE', minPosition: lateNotice.position }).set(bearer(who.auditor)), 200);
    expect(after.items).toEqual([expect.objectContaining({ severity: 'violation', message: expect.stringContaining(`notified late, on ${backDated} by its own date, recorded only on`) })]);
  });

  it('ledger retention --dry-run lists what a purge would shred and why, without shredding', async () => {
    await closedSelfServiceCase(ledger, who.staff, 'CARD-DRY-RUN-1');
    const result = await runCli(['retention', '--dry-run', '--json'], { LEDGER_DATA_DIR: ledger.config.dataDir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.scheduleVersion).toBe(1);
    // The CLI's clock is the machine's: nothing closed "today" (by the test clock) is due yet by the real one.
    expect(Array.isArray(report.items)).toBe(true);
    const human = await runCli(['retention', '--dry-run'], { LEDGER_DATA_DIR: ledger.config.dataDir });
    expect(human.stdout).toMatch(/^Retention dry run at .* \(schedule version 1\): \d+ identities would be shredded/);
    expect((await runCli(['retention'], { LEDGER_DATA_DIR: ledger.config.dataDir })).code).not.toBe(0);
  }, 180_000);
});

describe('records lifecycle on EventStoreDB', () => {
  let server: EsdbTestServer;
  let ledger: LedgerAppHarness;
  const dir = makeTempDir('ledger-lifecycle-esdb-');
  const clock = new TestClock(new Date('2026-02-01T10:00:00.000Z'));

  beforeAll(async () => {
    server = await EsdbTestServer.start();
    ledger = await startLedgerApp({ clock, dataDir: dir.dir, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString } });
  });
  afterAll(async () => {
    await ledger?.close();
    await server?.stop();
    dir.remove();
  });

  it('crosses the schedule\'s boundary: due after 90 days, shredded by the scheduler, still read and verified', async () => {
    const who = await people(ledger);
    const caseId = await closedSelfServiceCase(ledger, who.staff, 'CARD-ESDB-LIFECYCLE-1');
    const caseFile = async () => {
      const response = await ledger.http.get(`/v1/cases/${caseId}/export?format=json`).set(bearer(who.director)).expect(200);
      return JSON.parse(response.text) as { log: { size: number; root: string } };
    };
    const beforePurge = (await caseFile()).log;
    clock.advanceMinutes(89 * DAY_MINUTES);
    expect((await scheduler(ledger).runOnce()).shredded).toEqual([]);
    clock.advanceMinutes(2 * DAY_MINUTES);
    expect((await scheduler(ledger).runOnce()).shredded).toEqual([caseId]);

    // The log on EventStoreDB still proves the purged case's events, and its tree after the purge extends the one before.
    const afterFile = await caseFile();
    const publicKey = (await ledger.http.get('/v1/ledger/public-key').set(bearer(who.auditor)).expect(200)).text;
    expect(verifyCaseFile(afterFile, publicKey)).toMatchObject({ ok: true });
    // The purge itself is an event (on retention-main): wait for a signed checkpoint that covers it.
    const deadline = Date.now() + 20_000;
    let afterPurge = parseCheckpoint(openNote((await ledger.http.get('/v1/ledger/checkpoint').set(bearer(who.auditor))).text, parseVerifierKey(publicKey)));
    while (afterPurge.size <= beforePurge.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      afterPurge = parseCheckpoint(openNote((await ledger.http.get('/v1/ledger/checkpoint').set(bearer(who.auditor))).text, parseVerifierKey(publicKey)));
    }
    expect(afterPurge.size).toBeGreaterThan(beforePurge.size);
    const consistency = await expectStatus(ledger.http.get(`/v1/ledger/proofs/consistency?from=${beforePurge.size}&to=${afterPurge.size}`).set(bearer(who.auditor)), 200);
    expect(verifyConsistency(beforePurge.size, afterPurge.size, b64(beforePurge.root), afterPurge.root, consistency.hashes.map(b64))).toBe(true);
    const read = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(who.director)), 200);
    expect(read.patron.ref).toBeNull();
    expect(read.identityShredded.scheduleRule).toBe('RET-PATRON-SELF');
    expect(await expectStatus(ledger.http.get('/v1/ledger/verify').set(bearer(who.auditor)), 200)).toMatchObject({ ok: true });
    const verify = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dir.dir, LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  }, 120_000);
});

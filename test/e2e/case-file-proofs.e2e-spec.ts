import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { verifyCaseFile } from '@ledger/exports';
import { withAlteredPage, withEditedAttachment, withoutAttachment } from '../../libs/exports/src/testing/pdf-tampering.js';
import { checkpointCoveringAll } from '../support/log-checkpoints.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, expectStatus, lawEnforcementCaseBody, patronCaseBody } from '../support/http-flows.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/** A CLI start can take seconds on a loaded machine. */
const SLOW = 240_000;

describe('case files carry proofs that counsel checks offline', () => {
  let ledger: LedgerAppHarness;
  let director: { token: string };
  let caseId: string;
  let publicKey: string;
  const temp = makeTempDir('ledger-case-proofs-');

  beforeAll(async () => {
    ledger = await startLedgerApp();
    director = await ledger.user('director');
    const staff = await ledger.user('staff');
    caseId = (await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(patronCaseBody()), 201)).caseId;
    await expectStatus(ledger.http.post(`/v1/cases/${caseId}/refusals`).set(bearer(staff.token)).send({ reason: 'Not enough to go on' }), 201);
    publicKey = (await ledger.http.get('/v1/ledger/public-key').set(bearer(director.token))).text;
  });
  afterAll(async () => {
    await ledger.close();
    temp.remove();
  });

  const exportJson = async () => {
    const response = await ledger.http.get(`/v1/cases/${caseId}/export?format=json`).set(bearer(director.token));
    expect(response.status).toBe(200);
    return JSON.parse(response.text ?? response.body.toString()) as {
      manifest: { leafIndex?: number }[];
      chronology: unknown[];
      log: {
        checkpoint: string;
        publicKey: string;
        size: number;
        events: { data: string; leafIndex: number; inclusionProof: string[] }[];
        streamHead?: { stream: string; revision: string; leafIndex: number; mapProof: string[] };
      };
    };
  };

  it('the JSON file has each event’s leaf index and inclusion proof, a signed checkpoint and the key; it verifies', async () => {
    const file = await exportJson();
    expect(file.log.events).toHaveLength(3);
    expect(file.log.publicKey).toBe(publicKey.trim());
    expect(file.manifest.map((entry) => entry.leafIndex)).toEqual(file.log.events.map((event) => event.leafIndex));
    expect(verifyCaseFile(file, publicKey)).toMatchObject({ ok: true, events: 3, keyFromFile: false, checkpoint: { size: file.log.size } });
  });

  it('proves it holds every event of the case: a file with its last event left out (events, manifest and chronology) fails', async () => {
    const file = await exportJson();
    expect(file.log.checkpoint).toMatch(/\nstream-heads\/v1 [A-Za-z0-9+/]{43}=\n\n/);
    expect(file.log.streamHead).toEqual({ stream: `case-${caseId}`, revision: '2', leafIndex: file.log.events[2].leafIndex, mapProof: expect.any(Array) });
    expect(verifyCaseFile(file, publicKey)).toMatchObject({ ok: true, completeness: 'proven' });
    const cut = structuredClone(file);
    for (const list of [cut.log.events, cut.manifest, cut.chronology]) list.pop();
    expect(verifyCaseFile(cut, publicKey)).toMatchObject({ ok: false, problem: expect.stringMatching(/file's last event is revision 1 .*: events are missing from the file/) });
  });

  it('derives its readable sections again from the event bytes, and refuses a file whose sections were edited, naming the first difference', async () => {
    const file = (await exportJson()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a case file read field by field, as counsel's tools would
    expect(verifyCaseFile(file, publicKey)).toMatchObject({ ok: true, sections: 'checked' });
    const outcome = structuredClone(file);
    outcome.summary.outcome = 'released';
    expect(verifyCaseFile(outcome, publicKey).problem).toMatch(/the file's summary\.outcome \(the file shows "released", its events give "refused"\): its readable sections are not the ones its events give/);
    const rationale = structuredClone(file);
    rationale.decisions[0].reason = 'Plenty to go on';
    expect(verifyCaseFile(rationale, publicKey).problem).toMatch(/the file's decisions\[0\]\.reason/);
    const told = structuredClone(file);
    told.chronology[1].detail = 'Released everything';
    expect(verifyCaseFile(told, publicKey).problem).toMatch(/the file's chronology\[1\]\.detail/);
  });

  it('carries the finding settings and derives again the findings that rest on the case’s events: a late referral’s finding edited or removed is refused', async () => {
    const staff = await ledger.user('staff');
    const late = (await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(lawEnforcementCaseBody()), 201)).caseId as string;
    ledger.clock.advanceMinutes(24 * 60); // past any referral limit the server is set to
    const response = await ledger.http.get(`/v1/cases/${late}/export?format=json`).set(bearer(director.token));
    expect(response.status).toBe(200);
    const file = JSON.parse(response.text ?? response.body.toString()) as { findingSettings: unknown; findings: { findingId: string; rule: string; message: string }[] };
    expect(file.findingSettings).toEqual({ referralSlaMinutes: expect.any(Number), counselSlaHours: expect.any(Number) });
    expect(file.findings).toContainEqual(expect.objectContaining({ findingId: `LE-REFERRAL-LATE:${late}`, rule: 'LE-REFERRAL-LATE' }));
    expect(verifyCaseFile(file, publicKey)).toMatchObject({ ok: true, sections: 'checked', findings: 'checked' });
    const at = file.findings.findIndex((entry) => entry.rule === 'LE-REFERRAL-LATE');
    const edited = structuredClone(file);
    edited.findings[at].message = 'The request reached the director in time.';
    expect(verifyCaseFile(edited, publicKey).problem).toMatch(new RegExp(`^the file's findings\\[${at}\\]\\.message \\(the file shows "The request reached the director in time\\."`));
    const removed = { ...file, findings: file.findings.filter((entry) => entry.rule !== 'LE-REFERRAL-LATE') };
    expect(verifyCaseFile(removed, publicKey)).toMatchObject({ ok: false, problem: expect.stringContaining('LE-REFERRAL-LATE') });
  });

  it('fails and names the event when the file is altered, and fails with another key', async () => {
    const file = await exportJson();
    const altered = structuredClone(file);
    altered.log.events[1].data = altered.log.events[1].data.replace('Not enough', 'Plenty');
    expect(verifyCaseFile(altered, publicKey)).toMatchObject({ ok: false, problem: expect.stringMatching(/event 1 \(revision 1, RequestRefused\): its hash does not match/) });
    const badProof = structuredClone(file);
    badProof.log.events[0].leafIndex += 1;
    expect(verifyCaseFile(badProof, publicKey).problem).toMatch(/inclusion proof does not lead to the checkpoint/);
    const other = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
    expect(verifyCaseFile(file, other).problem).toMatch(/signature does not verify/);
  });

  it('a file that withholds the patron carries no raw bytes that name them, and still verifies by hash and inclusion', async () => {
    const auditor = await ledger.user('auditor');
    const response = await ledger.http.get(`/v1/cases/${caseId}/export?format=json`).set(bearer(auditor.token)).expect(200);
    const file = JSON.parse(response.text ?? response.body.toString()) as { pseudonymised: boolean; log: { events: { type: string; data: string | null; metadata: string }[] } };
    expect(file.pseudonymised).toBe(true);
    expect(response.text).not.toContain('Pat Patron');
    expect(file.log.events.map((event) => [event.type, event.data === null])).toEqual([
      ['DisclosureRequested', true],
      ['RequestRefused', false],
      ['CaseClosed', false],
    ]);
    expect(verifyCaseFile(file, publicKey)).toMatchObject({ ok: true, events: 3, withheld: 1, sections: expect.stringMatching(/^not_checked: the file withholds/) });
    const forged = structuredClone(file);
    forged.log.events[0].metadata = forged.log.events[0].metadata.replace(/"hash":"[0-9a-f]{4}/, '"hash":"0000');
    expect(verifyCaseFile(forged, publicKey).ok).toBe(false);
  });

  it('`ledger verify-file` exits 0 on the exported file and 1 on an altered one, with no server and no data dir', async () => {
    const file = await exportJson();
    const good = join(temp.dir, 'case.json');
    const bad = join(temp.dir, 'altered.json');
    const key = join(temp.dir, 'library-log.pub');
    writeFileSync(good, JSON.stringify(file));
    writeFileSync(key, publicKey);
    const altered = structuredClone(file);
    altered.log.events[0].data = altered.log.events[0].data.replace('in_person', 'online');
    writeFileSync(bad, JSON.stringify(altered));
    const env = { LEDGER_DATA_DIR: join(temp.dir, 'no-ledger-here') };
    const ok = await runCli(['verify-file', good, '--key', key], env);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('Case file verified: 3 events')]);
    expect(ok.stdout).toContain("Complete: the checkpoint commits to the stream's head, revision 2");
    expect(ok.stdout).toContain('Readable sections (summary, evaluation, instruments');
    expect(ok.stdout).toContain("Findings that rest on the case's events derived again");
    const notOk = await runCli(['verify-file', bad, '--key', key], env);
    expect([notOk.code, notOk.stdout]).toEqual([1, expect.stringContaining('Case file NOT verified: event 0')]);
  }, SLOW);

  it('the CSV has leaf index and hash columns; the PDF prints the checkpoint and how to verify the file', async () => {
    const csv = await ledger.http.get(`/v1/cases/${caseId}/export?format=csv`).set(bearer(director.token)).expect(200);
    const [header, first] = csv.text.split('\n');
    expect(header).toMatch(/^caseId,leafIndex,revision,.*,hash,prev,/);
    expect(first.split(',')[1]).toMatch(/^\d+$/);
    const pdf = await ledger.http.get(`/v1/cases/${caseId}/export?format=pdf`).set(bearer(director.token)).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
    const text = (await new PDFParse({ data: pdf.body as Buffer }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('Verifiable log');
    expect(text).toContain('Signing key id');
    expect(text).toContain('ledger verify-file');
  });

  const exportPdf = async (): Promise<Buffer> =>
    (
      await ledger.http
        .get(`/v1/cases/${caseId}/export?format=pdf`)
        .set(bearer(director.token))
        .expect(200)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
    ).body as Buffer;

  it('`ledger verify-file` takes the PDF: verifies the JSON case file it embeds and holds the pages to it; an altered attachment, altered pages or no attachment fail', async () => {
    const pdf = await exportPdf();
    const key = join(temp.dir, 'library-log.pub');
    writeFileSync(key, publicKey);
    const files = {
      good: pdf,
      attachment: withEditedAttachment(pdf, (json) => json.replace('Not enough to go on', 'Plenty to go on')),
      pages: withAlteredPage(pdf),
      bare: withoutAttachment(pdf),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(temp.dir, `${name}.pdf`), bytes);
    const env = { LEDGER_DATA_DIR: join(temp.dir, 'no-ledger-here') };
    const run = (name: keyof typeof files) => runCli(['verify-file', join(temp.dir, `${name}.pdf`), '--key', key], env);

    const good = await run('good');
    expect([good.code, good.stdout]).toEqual([0, expect.stringContaining(`PDF: the embedded case file case-${caseId}.json verified`)]);
    expect(good.stdout).toContain('Case file verified: 3 events');
    expect(good.stdout).toContain("PDF pages: rendered again from the verified case file, they are this PDF's, byte for byte.");
    const attachment = await run('attachment');
    expect([attachment.code, attachment.stdout]).toEqual([1, expect.stringContaining(`PDF: the embedded case file case-${caseId}.json NOT verified: the file's decisions[0].reason (the file shows "Plenty to go on", its events give "Not enough to go on")`)]);
    const pages = await run('pages');
    expect([pages.code, pages.stdout]).toEqual([1, expect.stringContaining("NOT verified: the PDF's pages are not the rendering of the case file it embeds")]);
    const bare = await run('bare');
    expect([bare.code, bare.stderr + bare.stdout]).toEqual([1, expect.stringContaining('the PDF embeds no case file (no JSON attachment)')]);
  }, SLOW);

  it('`ledger verify-file --checkpoint LATER` holds an old file to a later checkpoint: consistent (the ledger’s proof) 0, no proof at hand 3, a proof that fails 1', async () => {
    const file = await exportJson();
    const staff = await ledger.user('staff');
    await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(patronCaseBody()), 201);
    const later = await checkpointCoveringAll(ledger, director.token);
    expect(later.size).toBeGreaterThan(file.log.size);
    const key = join(temp.dir, 'library-log.pub');
    const laterFile = join(temp.dir, 'later.checkpoint');
    const old = join(temp.dir, 'old.json');
    writeFileSync(key, publicKey);
    writeFileSync(laterFile, later.note);
    writeFileSync(old, JSON.stringify(file));
    await ledger.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
    const env = { LEDGER_DATA_DIR: join(temp.dir, 'no-ledger-here') };

    const asked = await runCli(['verify-file', old, '--key', key, '--checkpoint', laterFile, '--url', url, '--token', director.token], env);
    expect([asked.code, asked.stdout]).toEqual([0, expect.stringContaining(`Later checkpoint: consistent: the later checkpoint (size ${later.size}) extends the file's (size ${file.log.size})`)]);
    const offline = await runCli(['verify-file', old, '--key', key, '--checkpoint', laterFile], env);
    expect([offline.code, offline.stdout]).toEqual([3, expect.stringContaining('Later checkpoint NOT checked (could not check): no consistency proof')]);

    // The file carries the proof (offline), with one hash altered (the proof as the ledger gave it is what --url checked above).
    const proof = await expectStatus(ledger.http.get(`/v1/ledger/proofs/consistency?from=${file.log.size}&to=${later.size}`).set(bearer(director.token)), 200);
    const carried = join(temp.dir, 'carried.json');
    const forged = { ...proof, hashes: [Buffer.alloc(32, 7).toString('base64'), ...proof.hashes.slice(1)] };
    writeFileSync(carried, JSON.stringify({ ...file, log: { ...file.log, consistencyProofs: [forged] } }));
    const contradicted = await runCli(['verify-file', carried, '--key', key, '--checkpoint', laterFile], env);
    expect([contradicted.code, contradicted.stdout]).toEqual([1, expect.stringContaining('NOT verified: the consistency proof from the file')]);
  }, SLOW);
});

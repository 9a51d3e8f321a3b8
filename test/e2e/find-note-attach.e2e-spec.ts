import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { bothStores, type StartedLedger } from '../support/both-stores.js';
import { type Actors, bearer, expectStatus, lawEnforcementCaseBody, makeActors } from '../support/http-flows.js';
import type { LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';

/**
 * Find, note, attach (issue #32 item 7), over HTTP on both stores: notes on a case with their author and
 * time; scans of an instrument stored encrypted under the case's key (never in clear at rest), their
 * SHA-256 in the event, downloadable by who may read the case; a sealed case's notes and scans shown to
 * nobody it does not name; and the search, which never finds a sealed case by what it holds.
 */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('SUBPOENA-SCAN-MARKER-7Q docket CV-24-0117 '.repeat(40)), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(bothStores('ledger-find-note-attach-esdb-'))('find, note, attach, on %s', (_name, start) => {
  let started: StartedLedger;
  let ledger: LedgerAppHarness;
  let actors: Actors;

  beforeAll(async () => {
    started = await start();
    ledger = started.ledger;
    actors = await makeActors(ledger);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });

  const post = (token: string, path: string, body: object) => ledger.http.post(path).set(bearer(token)).send(body);
  const act = (token: string, caseId: string, path: string, body: object) => post(token, `/v1/cases/${caseId}/${path}`, body);
  const read = (token: string, caseId: string) => ledger.http.get(`/v1/cases/${caseId}`).set(bearer(token));
  const upload = (token: string, caseId: string, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }) => {
    const request = ledger.http.post(`/v1/cases/${caseId}/attachments`).set(bearer(token));
    for (const [name, value] of Object.entries(fields)) request.field(name, value);
    return file ? request.attach('file', file.bytes, { filename: file.name, contentType: file.type }) : request;
  };
  const withInstrument = async (nondisclosureOrder: boolean, docketNumber: string) => {
    const opened = await expectStatus(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()), 201);
    const caseId = opened.caseId as string;
    const servedAt = new Date(ledger.clock.now().getTime() - 60_000).toISOString();
    const instrument = await expectStatus(
      act(actors.director.token, caseId, 'legal-instruments', { type: 'subpoena', issuedBy: 'Superior Court', docketNumber, servedAt, scope: { categories: ['circulation_history'] }, nondisclosureOrder }),
      201,
    );
    return { caseId, instrumentId: instrument.instrumentId as string };
  };

  it('keeps notes with their author and time, for those on the case only; bad input records nothing', async () => {
    const { caseId } = await withInstrument(false, 'CV-24-0001');
    const byStaff = await expectStatus(act(actors.staff.token, caseId, 'notes', { text: 'Officer called back: return date may move.' }), 201);
    await expectStatus(act(actors.director.token, caseId, 'notes', { text: 'Spoke to counsel by phone.' }), 201);
    const empty = await act(actors.staff.token, caseId, 'notes', { text: '' });
    expect({ status: empty.status, type: empty.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    expect((await act(actors.staff.token, caseId, 'notes', { text: 'x', extra: 1 })).status).toBe(400);
    const outsider = await act(actors.otherStaff.token, caseId, 'notes', { text: 'Not my case' });
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ rule: 'ROLE-NOT-PERMITTED' });
    expect((await act(actors.auditor.token, caseId, 'notes', { text: 'Auditors observe' })).status).toBe(403);

    const view = await expectStatus(read(actors.director.token, caseId).query({ minPosition: byStaff.position }), 200);
    expect(view.notes).toEqual([
      { noteId: expect.any(String), text: 'Officer called back: return date may move.', by: actors.staff.userId, at: expect.any(String) },
      { noteId: expect.any(String), text: 'Spoke to counsel by phone.', by: actors.director.userId, at: expect.any(String) },
    ]);
    expect(view.timeline.filter((item: { type: string }) => item.type === 'CaseNoteAdded')).toHaveLength(2);
    const file = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'json' }).set(bearer(actors.director.token));
    expect(file.status).toBe(200);
    expect(file.text).toContain('Spoke to counsel by phone.');
  }, 60_000);

  it('stores a scan encrypted under the case key, records its SHA-256, and gives it back to who may read the case', async () => {
    const { caseId, instrumentId } = await withInstrument(false, 'CV-24-0002');
    const added = await expectStatus(upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }, { bytes: PDF, name: 'subpoena scan.pdf', type: 'application/pdf' }), 201);
    expect(added).toMatchObject({ caseId, attachmentId: expect.any(String), sha256: sha256(PDF) });

    // Refused, and nothing recorded: no file, a file that is not a PDF/PNG/JPEG, a type the bytes belie, no such instrument, a consent naming an instrument.
    const refusals = [
      await upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }),
      await upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }, { bytes: Buffer.from('MZ not a scan'), name: 'x.exe', type: 'application/pdf' }),
      await upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }, { bytes: PNG, name: 'scan.pdf', type: 'application/pdf' }),
      await upload(actors.director.token, caseId, { kind: 'consent', instrumentId }, { bytes: PNG, name: 'consent.png', type: 'image/png' }),
      await upload(actors.director.token, caseId, { kind: 'letter' }, { bytes: PNG, name: 'consent.png', type: 'image/png' }),
    ];
    expect(refusals.map((answer) => [answer.status, answer.headers['content-type']?.split(';')[0]])).toEqual(Array(5).fill([400, 'application/problem+json']));
    expect((await upload(actors.director.token, caseId, { kind: 'instrument', instrumentId: 'no-such-instrument' }, { bytes: PNG, name: 's.png', type: 'image/png' })).status).toBe(404);
    expect((await upload(actors.otherStaff.token, caseId, { kind: 'consent' }, { bytes: PNG, name: 's.png', type: 'image/png' })).status).toBe(403);
    const tooBig = await upload(actors.director.token, caseId, { kind: 'consent' }, { bytes: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), name: 'big.png', type: 'image/png' });
    expect(tooBig.status).toBe(413);

    const view = await expectStatus(read(actors.director.token, caseId), 200);
    expect(view.attachments).toEqual([
      { attachmentId: added.attachmentId, kind: 'instrument', instrumentId, filename: 'subpoena scan.pdf', mediaType: 'application/pdf', size: PDF.length, sha256: sha256(PDF), by: actors.director.userId, at: expect.any(String) },
    ]);
    for (const reader of [actors.director, actors.staff, actors.auditor]) {
      const download = await ledger.http.get(`/v1/cases/${caseId}/attachments/${added.attachmentId}`).set(bearer(reader.token)).buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect({ status: download.status, type: download.headers['content-type'], sha256: sha256(download.body as Buffer) }).toEqual({ status: 200, type: 'application/pdf', sha256: sha256(PDF) });
    }
    expect((await ledger.http.get(`/v1/cases/${caseId}/attachments/${added.attachmentId}`).set(bearer(actors.otherStaff.token))).status).toBe(403);
    expect((await ledger.http.get(`/v1/cases/${caseId}/attachments/no-such`).set(bearer(actors.director.token))).status).toBe(404);

    const file = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'json' }).set(bearer(actors.director.token));
    expect(file.text).toContain(sha256(PDF));
    // At rest: the bytes only encrypted, in attachments.db; nothing of them in the events.
    const stored = new Database(ledger.config.paths.attachments, { readonly: true });
    try {
      const rows = stored.prepare('SELECT sealed FROM attachments').all() as { sealed: Buffer }[];
      expect(rows).toHaveLength(1);
      expect(rows[0].sealed.includes(Buffer.from('SUBPOENA-SCAN-MARKER-7Q'))).toBe(false);
    } finally {
      stored.close();
    }
    if (started.embedded && existsSync(ledger.config.paths.events)) {
      const db = new Database(ledger.config.paths.events, { readonly: true });
      try {
        const events = (db.prepare('SELECT data FROM events').all() as { data: Buffer | string }[]).map((row) => String(row.data)).join('\n');
        expect(events).not.toContain('SUBPOENA-SCAN-MARKER-7Q');
        expect(events).toContain(sha256(PDF));
      } finally {
        db.close();
      }
    }
  }, 60_000);

  it('shows the notes and scans of a sealed case to nobody it does not name', async () => {
    const { caseId, instrumentId } = await withInstrument(true, 'CV-24-SEALED-9');
    await expectStatus(act(actors.director.token, caseId, 'notes', { text: 'SEALED-NOTE-MARKER' }), 201);
    const added = await expectStatus(upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }, { bytes: PNG, name: 'sealed-scan.png', type: 'image/png' }), 201);
    // Auditors write nothing on any case (403 by role); the opener and a counsel it is not referred to are refused as on reading.
    expect((await act(actors.auditor.token, caseId, 'notes', { text: 'Let me in' })).status).toBe(403);
    for (const reader of [actors.staff, actors.auditor, actors.counsel]) {
      if (reader !== actors.auditor) {
        const note = await act(reader.token, caseId, 'notes', { text: 'Let me in' });
        expect({ status: note.status, rule: note.body.rule }).toEqual({ status: 403, rule: 'SEALED' });
      }
      const download = await ledger.http.get(`/v1/cases/${caseId}/attachments/${added.attachmentId}`).set(bearer(reader.token));
      expect({ status: download.status, rule: download.body.rule }).toEqual({ status: 403, rule: 'SEALED' });
      expect(download.text).not.toContain('sealed-scan');
    }
  }, 60_000);

  it('finds cases by id, docket number, requester name and (director, auditor) patron reference, never a sealed case by what it holds', async () => {
    const open = await withInstrument(false, 'CV-77-0311');
    const sealed = await withInstrument(true, 'CV-77-0312');
    const search = (token: string, body: object) => post(token, '/v1/cases/search', body);
    const found = (answer: { body: { items: { caseId: string }[] } }) => answer.body.items.map((item) => item.caseId);
    const minPosition = (await expectStatus(act(actors.director.token, sealed.caseId, 'notes', { text: 'Sealed note' }), 201)).position as string;

    const byDocket = await expectStatus(search(actors.director.token, { docketNumber: 'cv 77 031', minPosition }), 200);
    expect(byDocket.items.map((item: { caseId: string }) => item.caseId).sort()).toEqual([open.caseId, sealed.caseId].sort());
    expect(byDocket.items.find((item: { caseId: string }) => item.caseId === open.caseId)).toMatchObject({ sealed: false, docketNumbers: ['CV-77-0311'], requesterNames: ['Det. Lane', 'State Police'], status: 'with_director' });
    // The opener is not named in the seal: the docket and the requester find only the open case; the id finds the sealed one as sealed.
    expect(found(await search(actors.staff.token, { docketNumber: 'CV-77-0312' }))).toEqual([]);
    expect(found(await search(actors.staff.token, { requesterName: 'lane' }))).not.toContain(sealed.caseId);
    expect(found(await search(actors.staff.token, { requesterName: 'lane' }))).toContain(open.caseId);
    const byId = await expectStatus(search(actors.staff.token, { caseId: sealed.caseId }), 200);
    expect(byId.items).toEqual([{ caseId: sealed.caseId, sealed: true }]);
    expect(JSON.stringify(byId)).not.toContain('CV-77');
    // Another staff member has no part in either case: found by nothing.
    expect(found(await search(actors.otherStaff.token, { docketNumber: 'CV-77' }))).toEqual([]);

    // By patron reference: the director and auditors, in the body; others 403.
    const ref = (await ledger.http.get(`/v1/cases/${open.caseId}`).set(bearer(actors.director.token))).body.patron.ref as string;
    const byPatron = await expectStatus(search(actors.auditor.token, { patronRef: ref }), 200);
    expect(found({ body: byPatron })).toEqual([open.caseId]);
    expect(JSON.stringify(byPatron)).not.toContain(ref);
    expect((await search(actors.staff.token, { patronRef: ref })).status).toBe(403);
    expect((await search(actors.counsel.token, { patronRef: ref })).status).toBe(403);
    expect((await search(actors.admin.token, { caseId: open.caseId })).status).toBe(403);
    // Nothing to search by, or a field it does not know: 400.
    expect((await search(actors.director.token, {})).status).toBe(400);
    expect((await search(actors.director.token, { docket: 'CV' })).status).toBe(400);

    // A card number typed where the case number goes finds nothing, and is not kept.
    const mistyped = '21000004455667';
    await expectStatus(search(actors.director.token, { caseId: mistyped }), 200);

    // The access log keeps what was searched by, never the reference, a docket or a mistyped number.
    const log = await expectStatus(ledger.http.get('/v1/audit/access-log').query({ limit: 500 }).set(bearer(actors.auditor.token)), 200);
    const searches = log.items.filter((item: { action: string }) => item.action === 'case_search');
    expect(JSON.stringify(log)).not.toContain(ref);
    expect(JSON.stringify(log)).not.toContain('CV-77-0312');
    expect(JSON.stringify(log)).not.toContain(mistyped);
    expect(searches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ query: { patronRef: 'given' }, outcome: 'allowed' }),
        expect.objectContaining({ query: { docketNumber: 'given' } }),
        expect.objectContaining({ query: { caseId: '[withheld]' } }),
        expect.objectContaining({ query: { caseId: open.caseId } }),
      ]),
    );
  }, 60_000);

  it('the case page lists notes in full with author and local time, takes a note from its form, and links each document', async () => {
    const { caseId, instrumentId } = await withInstrument(false, 'CV-24-0099');
    await expectStatus(upload(actors.director.token, caseId, { kind: 'instrument', instrumentId }, { bytes: PDF, name: 'order.pdf', type: 'application/pdf' }), 201);
    const webDirector = await enrolledUser(ledger, 'director', 'Wendy Webdirector');
    const { agent, csrf } = await signIn(ledger, webDirector);
    const empty = await agent.post(`/cases/${caseId}/actions/add-note`).type('form').send({ _csrf: csrf, text: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    const posted = await agent.post(`/cases/${caseId}/actions/add-note`).type('form').send({ _csrf: csrf, text: 'Return date moved\nto the 20th.' });
    expect(posted.status).toBe(303);
    const page = await agent.get(posted.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<p class="note-text">Return date moved\nto the 20th\.<\/p><span class="meta">[^<]* · Wendy Webdirector<\/span>/);
    expect(page.text).toContain(sha256(PDF));
    // The column says what the long code is for before naming the algorithm (item 9: plain language first).
    expect(page.text).toContain('<th scope="col">Fingerprint (SHA-256)</th>');
    // On paper too: the print of the case carries its notes in full and its documents.
    const printed = await agent.get(`/cases/${caseId}/print`);
    expect(printed.text).toMatch(/<p class="note-text">Return date moved\nto the 20th\.<\/p>/);
    expect(printed.text).toContain(sha256(PDF));
    const link = /href="(\/cases\/[^"]+\/attachments\/[^"]+)" download>order\.pdf/.exec(page.text)?.[1];
    expect(link).toBeDefined();
    const download = await agent.get(link!).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect({ status: download.status, sha256: sha256(download.body as Buffer) }).toEqual({ status: 200, sha256: sha256(PDF) });

    // The search page: a form that posts (a card number never in a URL), its results as the API finds them.
    const form = await agent.get('/search');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Patron card number or ID');
    const nothing = await agent.post('/search').type('form').send({ _csrf: csrf });
    expect({ status: nothing.status, problem: nothing.text.includes('There is a problem') }).toEqual({ status: 400, problem: true });
    const results = await agent.post('/search').type('form').send({ _csrf: csrf, docketNumber: 'cv 24 0099' });
    expect(results.status).toBe(200);
    expect(results.text).toContain(`href="/cases/${caseId}"`);
    expect(results.text).toContain('CV-24-0099');
    const webStaff = await enrolledUser(ledger, 'staff', 'Stan Websearch');
    const staffSession = await signIn(ledger, webStaff);
    expect((await staffSession.agent.get('/search')).text).not.toContain('Patron card number');
    expect((await staffSession.agent.post('/search').type('form').send({ _csrf: staffSession.csrf, patronRef: '12345' })).status).toBe(403);
    expect((await staffSession.agent.post('/search').type('form').send({ _csrf: staffSession.csrf, docketNumber: 'CV-24-0099' })).text).not.toContain(`href="/cases/${caseId}"`);
  }, 60_000);

  it('the case page attaches a scan from its multipart form: the CSRF token checked first, the API\u2019s type and size limits, errors at the field', async () => {
    const { caseId, instrumentId } = await withInstrument(false, 'CV-24-0123');
    const webDirector = await enrolledUser(ledger, 'director', 'Uma Uploader');
    const { agent, csrf } = await signIn(ledger, webDirector);
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.text).toMatch(/<form method="post" action="\/cases\/[^"]+\/actions\/attach" id="attach-form" enctype="multipart\/form-data"/);
    expect(page.text).toContain(`<option value="${instrumentId}"`);
    const attach = (fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }) => {
      const request = agent.post(`/cases/${caseId}/actions/attach`);
      for (const [name, value] of Object.entries(fields)) request.field(name, value);
      return file ? request.attach('file', file.bytes, { filename: file.name, contentType: file.type }) : request;
    };
    const scan = { bytes: PDF, name: 'subpoena-scan.pdf', type: 'application/pdf' };

    expect((await attach({ kind: 'instrument', instrumentId }, scan)).status).toBe(403);
    expect((await attach({ _csrf: 'not-the-token', kind: 'instrument', instrumentId }, scan)).status).toBe(403);
    const wrongType = await attach({ _csrf: csrf, kind: 'instrument', instrumentId }, { bytes: Buffer.from('just some text'), name: 'scan.pdf', type: 'application/pdf' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.text).toMatch(/<title>Error: /);
    expect(wrongType.text).toContain('There is a problem');
    expect(wrongType.text).toContain('href="#attach-file">The selected file must be a PDF, a PNG or a JPEG');
    const noFile = await attach({ _csrf: csrf, kind: 'consent' });
    expect({ status: noFile.status, message: noFile.text.includes('href="#attach-file">Select the scanned document') }).toEqual({ status: 400, message: true });
    const tooLarge = await attach({ _csrf: csrf, kind: 'consent' }, { bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), name: 'huge.pdf', type: 'application/pdf' });
    expect({ status: tooLarge.status, message: tooLarge.text.includes('The selected file must be smaller than 10 MB') }).toEqual({ status: 413, message: true });
    expect((await expectStatus(read(actors.director.token, caseId), 200)).attachments).toEqual([]);

    const attached = await attach({ _csrf: csrf, kind: 'instrument', instrumentId }, scan);
    expect({ status: attached.status, location: attached.headers.location }).toEqual({ status: 303, location: `/cases/${caseId}?recorded=attach` });
    const shown = await agent.get(attached.headers.location);
    expect(shown.text).toContain('The document is attached to the case.');
    expect(shown.text).toMatch(/download>subpoena-scan\.pdf/);
    const view = await expectStatus(read(actors.director.token, caseId), 200);
    expect(view.attachments).toEqual([expect.objectContaining({ kind: 'instrument', instrumentId, filename: 'subpoena-scan.pdf', sha256: sha256(PDF), by: webDirector.userId })]);
  }, 60_000);

  it('does not read a document posted without a live session: the browser is sent to sign in while the body is still arriving', async () => {
    const server = ledger.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    const boundary = 'a-boundary';
    const socket = connect(port, '127.0.0.1');
    // Five megabytes announced, a few bytes sent: a server that read the document first would wait for the rest.
    socket.write(
      `POST /cases/00000000-0000-4000-8000-000000000000/actions/attach HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ledger_session=not-a-live-session\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 5000000\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const head = await new Promise<string>((answered, failed) => {
      let received = '';
      const timer = setTimeout(() => failed(new Error('No answer while the body was still arriving: the document was being read')), 5000);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) {
          clearTimeout(timer);
          answered(received);
        }
      });
      socket.on('error', failed);
    }).finally(() => socket.destroy());
    expect(head).toMatch(/^HTTP\/1\.1 303 /);
    expect(head).toMatch(/\r\nLocation: \/sign-in/i);
  });
});


import { caseStream, TRANSPARENCY_STREAM } from '@ledger/domain';
import { decodeRecorded, EVENT_STORE, type EventStore, LEDGER_LOG, type LedgerLog, type RecordedEvent } from '@ledger/ledger';
import { type PublishedTransparencyReport, verifyTransparencyReport } from '@ledger/runtime';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bothStores } from '../support/both-stores.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { bearer, expectStatus, instrumentBody, lawEnforcementCaseBody, patronCaseBody } from '../support/http-flows.js';
import { enrolledUser, signIn } from '../support/web-session.js';
import type { LedgerAppHarness, TestClock } from '../support/ledger-app.harness.js';

/**
 * The public transparency report over HTTP, on both stores: the director prepares it at a checkpoint,
 * counsel publishes it, anyone reads it without signing in (page, JSON, CSV), the auditor's check
 * recomputes it from the ledger and verifies the log key's signature, and a correction supersedes it.
 */
const DAY_MINUTES = 24 * 60;
const stores = bothStores('ledger-transparency-esdb-', '2026-03-02T10:00:00.000Z');

describe.each(stores)('transparency reports on %s', (_name, start) => {
  let embedded: boolean;
  let ledger: LedgerAppHarness;
  let clock: TestClock;
  let stop: () => Promise<void>;
  let director: string;
  let counsel: string;
  let staff: string;
  let auditor: string;
  let publishedReportId: string;
  let correctionReportId: string;
  let apiPreparedEvent: { type: string; data: Record<string, unknown> };
  let apiAnsweredCaseId: string;

  beforeAll(async () => {
    ({ ledger, clock, stop, embedded } = await start());
    director = (await ledger.user('director')).token;
    counsel = (await ledger.user('counsel')).token;
    staff = (await ledger.user('staff')).token;
    auditor = (await ledger.user('auditor')).token;
  });
  afterAll(async () => {
    await stop?.();
  });

  const post = (path: string, token: string, body: object, status = 201) => expectStatus(ledger.http.post(path).set(bearer(token)).send(body), status);
  /** A stream's events as recorded: type and data. */
  const eventsOf = async (stream: string) =>
    (await ledger.app.get<EventStore>(EVENT_STORE).readStream(stream)).map((recorded: RecordedEvent) => {
      const { event } = decodeRecorded<{ type: string; data: Record<string, unknown> }>(recorded);
      return { type: event.type, data: event.data };
    });

  it('is prepared by the director at a checkpoint, published by counsel, read by anyone, recomputed by the auditor, and corrected only by a new report', async () => {
    // Before the first report, the page says what will appear on it.
    expect((await ledger.http.get('/transparency')).text).toContain('No report has been published yet. When the Library publishes one, for a year or another period, it is listed here');
    // 2026-03-02: one request refused at the desk, one law-enforcement request under a sealed national security letter.
    const refused = await post('/v1/cases', staff, patronCaseBody());
    await post(`/v1/cases/${refused.caseId}/refusals`, staff, { reason: 'Asked for another patron' });
    const sealed = await post('/v1/cases', staff, lawEnforcementCaseBody());
    await post(`/v1/cases/${sealed.caseId}/director-referrals`, staff, { note: 'Agent at the desk' });
    await post(`/v1/cases/${sealed.caseId}/legal-instruments`, director, instrumentBody(ledger, 'national_security_letter', true));
    clock.advanceMinutes(DAY_MINUTES);
    const period = { from: '2026-03-02', to: '2026-03-02' };

    await post('/v1/transparency/reports', staff, { period, nationalSecurityStructure: 3 }, 403);
    expect((await post('/v1/transparency/reports', director, { period: { from: '2026-03-02', to: '2026-03-03' }, nationalSecurityStructure: 3 }, 400)).detail).toMatch(/period.to must be before today/);
    await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 5 }, 400);
    await post('/v1/transparency/reports', director, { period: { from: '2026-01-01', to: '2026-03-02' }, nationalSecurityStructure: 4, extra: 1 }, 400);
    const prepared = await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 3 });
    expect(prepared.checkpointSize).toBeGreaterThan(0);
    apiPreparedEvent = (await eventsOf(TRANSPARENCY_STREAM)).at(-1)!;

    // A draft is nobody's to read yet.
    await expectStatus(ledger.http.get(`/transparency/${prepared.reportId}.json`), 404);
    await post(`/v1/transparency/reports/${prepared.reportId}/approval`, director, {}, 403);
    const published = await post(`/v1/transparency/reports/${prepared.reportId}/approval`, counsel, {}, 200);
    publishedReportId = prepared.reportId;
    expect(published.url).toBe(`/transparency/${prepared.reportId}`);
    await post(`/v1/transparency/reports/${prepared.reportId}/approval`, counsel, {}, 409);
    await post('/v1/transparency/reports/no-such-report/approval', counsel, {}, 404);

    // Anyone, without a token.
    const index = await ledger.http.get('/transparency');
    expect(index.status).toBe(200);
    expect(index.text).toContain(`href="/transparency/${prepared.reportId}"`);
    const page = await ledger.http.get(`/transparency/${prepared.reportId}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<svg class="chart" role="img"/);
    expect(page.text).toContain('0\u2013249');
    const json = await ledger.http.get(`/transparency/${prepared.reportId}.json`);
    expect(json.status).toBe(200);
    const report = JSON.parse(json.text) as PublishedTransparencyReport;
    expect(report).toMatchObject({ schema: 'disclosure-ledger/transparency-report/v1', reportId: prepared.reportId, period, nationalSecurityStructure: 3, timeZone: 'America/New_York' });
    expect(report.counts.requests.total).toEqual({ low: 1, high: 1 });
    expect(report.counts.requests.byOutcome).toMatchObject({ refused: { low: 1, high: 1 }, released: { low: 0, high: 0 }, open: { low: 0, high: 0 } });
    // The sealed case is only in the band: not among the requests, not among law enforcement.
    expect(report.counts.requests.byRequesterKind.law_enforcement).toEqual({ low: 0, high: 0 });
    expect(report.counts.nationalSecurity.rows).toEqual([{ item: 'all_national_security_process', band: { low: 0, high: 249 } }]);
    const csv = await ledger.http.get(`/transparency/${prepared.reportId}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')).toEqual(expect.arrayContaining(['section,item,low,high,shown', 'requests,total,1,1,1', 'national_security,all_national_security_process,0,249,0\u2013249']));

    // The auditor's check: signed by the log key, and the same counts again from the first `size` entries.
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const log = ledger.app.get<LedgerLog>(LEDGER_LOG);
    expect((await verifyTransparencyReport(report, store, log)).problems).toEqual([]);
    const altered = { ...report, counts: { ...report.counts, productions: { low: 7, high: 7 } } };
    expect((await verifyTransparencyReport(altered, store, log)).problems).toContain('The signed note does not commit to this document (it was changed after signing)');
    if (embedded) {
      // The same check as the auditor runs it, on the data dir (npm run build first).
      const env = { LEDGER_DATA_DIR: ledger.config.dataDir, LEDGER_KEYS_DIR: ledger.config.keysDir };
      const downloads = makeTempDir('ledger-transparency-report-');
      const file = join(downloads.dir, 'report.json');
      writeFileSync(file, json.text);
      const verified = await runCli(['transparency', 'verify', file], env);
      expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: '' });
      expect(verified.stdout).toContain(`Transparency report ${prepared.reportId} verified`);
      writeFileSync(file, JSON.stringify(altered));
      const refused = await runCli(['transparency', 'verify', file], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('does NOT verify');
      downloads.remove();
    }

    // A correction is a new report; the old one stays published, marked.
    const correction = await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 3, smallNumberThreshold: 5, supersedes: prepared.reportId });
    await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 3, supersedes: correction.reportId }, 409);
    await post(`/v1/transparency/reports/${correction.reportId}/approval`, counsel, {}, 200);
    correctionReportId = correction.reportId;
    const corrected = JSON.parse((await ledger.http.get(`/transparency/${correction.reportId}.json`)).text) as PublishedTransparencyReport;
    expect(corrected.counts.requests.total).toEqual({ low: 1, high: 4 });
    expect((await verifyTransparencyReport(corrected, store, log)).problems).toEqual([]);
    const old = await ledger.http.get(`/transparency/${prepared.reportId}`);
    expect(old.text).toContain(`href="/transparency/${correction.reportId}"`);
    expect(old.text).toContain('Superseded');
  });

  it('a newspaper\u2019s public-records request for statistics goes to the director, is answered from a published report, and is late after four business days (FOI-REPLY-LATE)', async () => {
    const question = { requester: { kind: 'public_records', name: 'Hartford Courant' }, channel: 'email', requestedCategories: ['statistics'], identification: [], purpose: 'How many subpoenas did the library receive in 2026?' };
    // Patron records asked for under FOIA are still refused.
    const patronRecords = await post('/v1/cases', staff, { ...question, requestedCategories: ['statistics', 'circulation_history'], patron: { ref: 'CARD-FOIA-1' } });
    expect(patronRecords.evaluation).toMatchObject({ route: 'deny', rules: [expect.objectContaining({ id: 'FOIA-EXEMPT' })] });
    const onTime = await post('/v1/cases', staff, question);
    expect(onTime.evaluation).toMatchObject({ route: 'refer_to_director', permittedCategories: ['statistics'], rules: [] });
    const late = await post('/v1/cases', staff, question);

    await post(`/v1/cases/${onTime.caseId}/releases`, staff, { categories: ['statistics'], method: 'email', transparencyReportId: publishedReportId }, 403);
    await post(`/v1/cases/${onTime.caseId}/releases`, director, { categories: ['statistics'], method: 'email' }, 400);
    await post(`/v1/cases/${onTime.caseId}/releases`, director, { categories: ['statistics'], method: 'email', transparencyReportId: 'no-such-report' }, 400);
    // A report a correction superseded is published still, but its figures were corrected: it answers nobody, and nothing is recorded.
    const eventsBefore = (await eventsOf(caseStream(onTime.caseId))).length;
    const superseded = await post(`/v1/cases/${onTime.caseId}/releases`, director, { categories: ['statistics'], method: 'email', transparencyReportId: publishedReportId }, 400);
    expect(superseded).toMatchObject({ detail: `${publishedReportId} was superseded by ${correctionReportId}: answer with the report that corrects it`, errors: [{ field: 'transparencyReportId' }] });
    expect((await eventsOf(caseStream(onTime.caseId))).length).toBe(eventsBefore);
    const answered = await post(`/v1/cases/${onTime.caseId}/releases`, director, { categories: ['statistics'], method: 'email', transparencyReportId: correctionReportId });
    apiAnsweredCaseId = onTime.caseId;
    expect(answered).toMatchObject({ status: 'closed', outcome: 'released' });
    const history = await expectStatus(ledger.http.get(`/v1/cases/${onTime.caseId}`).set(bearer(director)), 200);
    expect(JSON.stringify(history)).toContain(correctionReportId);
    // The one still unanswered waits on the director's board and in the deadlines with its reply date, the end of Monday 9 March in
    // the library's zone (New York, on daylight time since Sunday 8 March: 04:00 UTC); the answered one does not.
    const viewsAfter = { minPosition: answered.position };
    const board = await expectStatus(ledger.http.get('/v1/director/cases').query({ ...viewsAfter, sort: 'deadline' }).set(bearer(director)), 200);
    const replyDue = '2026-03-10T04:00:00.000Z';
    expect(board.items.find((item: { caseId: string }) => item.caseId === late.caseId)).toMatchObject({ nextAction: 'Reply to the public-records request', nextDeadline: replyDue });
    expect(board.items.find((item: { caseId: string }) => item.caseId === onTime.caseId)).toBeUndefined();
    const deadlines = await expectStatus(ledger.http.get('/v1/director/deadlines').query({ ...viewsAfter, within: '30d' }).set(bearer(director)), 200);
    expect(deadlines.items.filter((item: { kind: string }) => item.kind === 'public_records_reply')).toEqual([
      expect.objectContaining({ caseId: late.caseId, instrumentId: null, instrumentType: null, dueAt: replyDue, missed: false }),
    ]);
    expect(history.publicRecordsReplyDueAt).toBeNull();
    expect((await expectStatus(ledger.http.get(`/v1/cases/${late.caseId}`).set(bearer(director)), 200)).publicRecordsReplyDueAt).toBe(replyDue);

    // The director's pages name the library's date: the last minute of Monday 9 March, not 8 pm that evening.
    const { agent } = await signIn(ledger, await enrolledUser(ledger, 'director', 'Fiona Foi'));
    for (const page of ['/board', '/board/deadlines', `/cases/${late.caseId}`]) expect((await agent.get(page).expect(200)).text).toContain('9 Mar 2026, 23:59 EDT');

    // Received Tuesday 3 March (5 am EST): the fourth business day after is Monday 9 March. At 11:59 pm that night in New York
    // (after midnight UTC, when UTC days would have ended it) not yet late; at the library's midnight, late.
    clock.advanceMinutes(6 * DAY_MINUTES + 17 * 60 + 59);
    expect((await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'FOI-REPLY-LATE' }).set(bearer(auditor)), 200)).items).toEqual([]);
    clock.advanceMinutes(1);
    const findings = await expectStatus(ledger.http.get('/v1/audit/findings').query({ rule: 'FOI-REPLY-LATE' }).set(bearer(auditor)), 200);
    expect(findings.items).toEqual([expect.objectContaining({ rule: 'FOI-REPLY-LATE', severity: 'warning', caseId: late.caseId, detectedAt: replyDue, citation: 'CGS § 1-206(a); CGS § 11-25(b)(4)' })]);
  });
  it('in the web app: the director prepares a report with the form, counsel approves and publishes it, the desk opens the journalist’s request, and the director answers it from the report, recording what the API records', async () => {
    const people = { director: await enrolledUser(ledger, 'director', 'Dora Director'), counsel: await enrolledUser(ledger, 'counsel', 'Carl Counsel'), staff: await enrolledUser(ledger, 'staff', 'Desk Dee') };
    const directorWeb = await signIn(ledger, people.director);
    const counselWeb = await signIn(ledger, people.counsel);
    const deskWeb = await signIn(ledger, people.staff);
    const reportsNow = async () => (await eventsOf(TRANSPARENCY_STREAM)).length;

    const page = await directorWeb.agent.get('/transparency-reports').expect(200);
    expect(page.text).toContain('<a href="/transparency-reports" aria-current="page">Transparency reports</a>');
    expect(page.text).toMatch(/<input type="radio" id="nationalSecurityStructure-3" name="nationalSecurityStructure" value="3"[^>]*><label for="nationalSecurityStructure-3">3\. Semiannual, all national security process combined, in bands of 250<\/label>/);
    await deskWeb.agent.get('/transparency-reports').expect(403);

    // Forms left wrong: 400 with the error summary linked to each field, and nothing recorded.
    const before = await reportsNow();
    const prepare = (fields: Record<string, string>) => directorWeb.agent.post('/transparency-reports').type('form').send({ _csrf: directorWeb.csrf, ...fields });
    const empty = await prepare({});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<title>Error: Transparency reports · Disclosure Ledger</title>');
    expect(empty.text).toContain('<a href="#period-from">Enter the first day of the period</a>');
    expect(empty.text).toContain('<a href="#period-to">Enter the last day of the period</a>');
    expect(empty.text).toContain('<a href="#nationalSecurityStructure">Select how national security letters and orders are reported</a>');
    const day = (name: string, d: string, m: string, y = '2026') => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });
    const impossible = await prepare({ ...day('period.from', '31', '2'), ...day('period.to', '5', '3'), nationalSecurityStructure: '3', smallNumberThreshold: 'a few' });
    expect(impossible.status).toBe(400);
    expect(impossible.text).toContain('<a href="#period-from">Enter the first day of the period</a>');
    expect(impossible.text).toContain('<a href="#smallNumberThreshold">Enter the small-number threshold as a whole number from 0 to 100</a>');
    // The form comes back as typed, box by box.
    expect(impossible.text).toMatch(/id="period-from" name="period\.from-day"[^>]*value="31"/);
    expect(impossible.text).toMatch(/id="nationalSecurityStructure-3"[^>]*value="3"[^>]* checked>/);
    const notOver = await prepare({ ...day('period.from', '3', '3'), ...day('period.to', '10', '3'), nationalSecurityStructure: '3' });
    expect(notOver.status).toBe(400);
    expect(notOver.text).toContain('<a href="#period-to">The last day must be before today: a report covers a period that is over</a>');
    const tooLong = await prepare({ ...day('period.from', '1', '1', '2025'), ...day('period.to', '5', '3'), nationalSecurityStructure: '3' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('<a href="#period-from">The period is too long for the structure chosen');
    const forged = await directorWeb.agent.post('/transparency-reports').type('form').send({ ...day('period.from', '3', '3'), ...day('period.to', '5', '3'), nationalSecurityStructure: '3' });
    expect(forged.status).toBe(403);
    expect(await reportsNow()).toBe(before);

    // Prepared with the form: the same event as POST /v1/transparency/reports records.
    const prepared = await prepare({ ...day('period.from', '3', '3'), ...day('period.to', '5', '3'), nationalSecurityStructure: '3', smallNumberThreshold: '5' });
    expect(prepared.status).toBe(303);
    expect(prepared.headers.location).toBe('/transparency-reports?recorded=prepared');
    const recorded = (await eventsOf(TRANSPARENCY_STREAM)).slice(before);
    expect(recorded.map((event) => event.type)).toEqual(['TransparencyReportPrepared']);
    const webPrepared = recorded[0].data as { reportId: string; by: string; document: Record<string, unknown> };
    expect(Object.keys(webPrepared).sort()).toEqual(Object.keys(apiPreparedEvent.data).sort());
    expect(webPrepared).toMatchObject({ by: people.director.userId, document: { period: { from: '2026-03-03', to: '2026-03-05' }, nationalSecurityStructure: 3, smallNumberThreshold: 5 } });
    expect(Object.keys(webPrepared.document).sort()).toEqual(Object.keys((apiPreparedEvent.data as { document: object }).document).sort());
    const reportId = webPrepared.reportId;
    const listed = await directorWeb.agent.get(prepared.headers.location).expect(200);
    expect(listed.text).toContain('The report is prepared.');
    expect(listed.text).toMatch(/<th scope="row">2026-03-03 to 2026-03-05<\/th>\s*<td><span class="tag tag-draft">Awaiting counsel’s approval<\/span>/);
    expect(listed.text).toMatch(/<th scope="row">2026-03-02 to 2026-03-02<\/th>\s*<td><span class="tag tag-superseded">Superseded<\/span>/);
    expect(listed.text).not.toContain('Approve and publish');
    await expectStatus(ledger.http.get(`/transparency/${reportId}`), 404);

    // Counsel finds it on their own page and approves it: the same command as the API's; the director cannot.
    expect((await counselWeb.agent.get('/counsel').expect(200)).text).toContain('<a href="/transparency-reports">A transparency report waits for your approval</a>');
    expect((await counselWeb.agent.get('/transparency-reports').expect(200)).text).toContain(`action="/transparency-reports/${reportId}/approval"`);
    expect((await directorWeb.agent.post(`/transparency-reports/${reportId}/approval`).type('form').send({ _csrf: directorWeb.csrf })).status).toBe(403);
    const approve = () => counselWeb.agent.post(`/transparency-reports/${reportId}/approval`).type('form').send({ _csrf: counselWeb.csrf });
    const approved = await approve();
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe('/transparency-reports?recorded=published');
    const [approval] = (await eventsOf(TRANSPARENCY_STREAM)).slice(before + 1);
    expect(approval).toMatchObject({ type: 'TransparencyReportApproved', data: { reportId, by: people.counsel.userId } });
    const again = await approve();
    expect(again.status).toBe(409);
    expect(again.text).toContain('Nothing was recorded.');
    expect(await reportsNow()).toBe(before + 2);
    expect((await ledger.http.get('/transparency').expect(200)).text).toContain(`href="/transparency/${reportId}"`);

    // The desk opens the newspaper's request for statistics: no patron, the question in its text.
    const opened = await deskWeb.agent.post('/desk').type('form').send({
      _csrf: deskWeb.csrf, 'requester.kind': 'public_records', 'requester.name': 'Hartford Courant', channel: 'email', about: 'statistics',
      requestedCategories: 'statistics', purpose: 'How many subpoenas did the library receive in March 2026?',
    });
    expect(opened.status).toBe(303);
    const caseId = /^\/cases\/([^/?]+)$/.exec(opened.headers.location)![1];
    const asApi = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(director)), 200);
    expect(asApi).toMatchObject({ requester: { kind: 'public_records' }, requestedCategories: ['statistics'], purpose: 'How many subpoenas did the library receive in March 2026?', patron: null, evaluation: { route: 'refer_to_director' } });

    // The director answers it on the case page from a published report: only reports in force are offered.
    const casePage = await directorWeb.agent.get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain('Reply to the public-records request by');
    expect(casePage.text).toContain(`<option value="${reportId}">The report for 2026-03-03 to 2026-03-05, published`);
    expect(casePage.text).not.toContain(`<option value="${publishedReportId}"`);
    const caseBefore = (await eventsOf(caseStream(caseId))).length;
    const release = (fields: Record<string, string>) => directorWeb.agent.post(`/cases/${caseId}/actions/release`).type('form').send({ _csrf: directorWeb.csrf, categories: 'statistics', method: 'email', ...fields });
    const unnamed = await release({});
    expect(unnamed.status).toBe(400);
    expect(unnamed.text).toContain('<a href="#release-transparencyReportId">Select the published transparency report that answers the request</a>');
    const unknown = await release({ transparencyReportId: 'no-such-report' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<a href="#release-transparencyReportId">Select the published transparency report that answers the request</a>');
    expect((await eventsOf(caseStream(caseId))).length).toBe(caseBefore);
    const answered = await release({ transparencyReportId: reportId });
    expect(answered.status).toBe(303);
    expect(answered.headers.location).toBe(`/cases/${caseId}?recorded=release`);
    // The same events as the API's answer, naming the report given.
    const shape = (events: { type: string; data: Record<string, unknown> }[]) => events.map(({ type, data }) => ({ type, keys: Object.keys(data).sort(), categories: data.categories, outcome: data.outcome }));
    const webEvents = (await eventsOf(caseStream(caseId))).slice(caseBefore);
    const apiEvents = (await eventsOf(caseStream(apiAnsweredCaseId))).filter((event) => event.type === 'RecordsReleased' || event.type === 'CaseClosed');
    expect(shape(webEvents)).toEqual(shape(apiEvents));
    expect(webEvents[0]).toMatchObject({ type: 'RecordsReleased', data: { transparencyReportId: reportId, by: people.director.userId } });
    expect((await directorWeb.agent.get(answered.headers.location).expect(200)).text).toContain(`<dt>Transparency report given</dt><dd>/transparency/${reportId}</dd>`);
  });

  it('counts the period on the library\u2019s calendar days, judges it over at the library\u2019s midnight, records the zone, and the auditor\u2019s check recomputes it in that zone', async () => {
    // Now Tuesday 10 March, 00:00 EDT. At 23:30 EDT on Wednesday 11 March (03:30 UTC on the 12th) a request is refused at the desk.
    clock.advanceMinutes(DAY_MINUTES + 23 * 60 + 30);
    const lateRequest = await post('/v1/cases', staff, patronCaseBody());
    await post(`/v1/cases/${lateRequest.caseId}/refusals`, staff, { reason: 'Asked for another patron' });
    const period = { from: '2026-03-11', to: '2026-03-11' };
    // 11 March is over in UTC, not in Connecticut: refused until the library's midnight.
    const notOver = await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 3 }, 400);
    expect(notOver.detail).toBe('A report covers a period that is over: period.to must be before today (America/New_York)');
    clock.advanceMinutes(30);
    const prepared = await post('/v1/transparency/reports', director, { period, nationalSecurityStructure: 3 });
    expect((await eventsOf(TRANSPARENCY_STREAM)).at(-1)).toMatchObject({ type: 'TransparencyReportPrepared', data: { reportId: prepared.reportId, document: { period, timeZone: 'America/New_York' } } });
    await post(`/v1/transparency/reports/${prepared.reportId}/approval`, counsel, {}, 200);

    // The request received at 23:30 on 11 March is 11 March's (UTC days would have given 0).
    const json = await ledger.http.get(`/transparency/${prepared.reportId}.json`).expect(200);
    const report = JSON.parse(json.text) as PublishedTransparencyReport;
    expect(report).toMatchObject({ period, timeZone: 'America/New_York' });
    expect(report.counts.requests.total).toEqual({ low: 1, high: 1 });
    expect(report.counts.requests.byOutcome.refused).toEqual({ low: 1, high: 1 });
    const csv = (await ledger.http.get(`/transparency/${prepared.reportId}.csv`).expect(200)).text.split('\r\n');
    expect(csv.slice(0, 5)).toEqual(['section,item,low,high,shown', 'period,from,,,2026-03-11', 'period,to,,,2026-03-11', 'period,time_zone,,,America/New_York', 'requests,total,1,1,1']);
    expect((await ledger.http.get(`/transparency/${prepared.reportId}`).expect(200)).text).toContain('the period’s days are calendar days in America/New_York');
    const directorWeb = await signIn(ledger, await enrolledUser(ledger, 'director', 'Zoe Zone'));
    expect((await directorWeb.agent.get('/transparency-reports').expect(200)).text).toContain('Days are the library’s calendar days (Eastern Time), as the published report states them.');

    // Recomputed in the zone the report names: the counts agree though UTC days would not.
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const log = ledger.app.get<LedgerLog>(LEDGER_LOG);
    expect((await verifyTransparencyReport(report, store, log)).problems).toEqual([]);
    if (embedded) {
      // The auditor's CLI on a ledger configured for UTC now: the report's own zone is what it is recomputed in.
      const downloads = makeTempDir('ledger-transparency-zone-');
      const file = join(downloads.dir, 'report.json');
      writeFileSync(file, json.text);
      const verified = await runCli(['transparency', 'verify', file], { LEDGER_DATA_DIR: ledger.config.dataDir, LEDGER_KEYS_DIR: ledger.config.keysDir, LEDGER_TIMEZONE: 'UTC' });
      expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: '' });
      expect(verified.stdout).toContain(`Transparency report ${prepared.reportId} verified`);
      downloads.remove();
    }
  });
});

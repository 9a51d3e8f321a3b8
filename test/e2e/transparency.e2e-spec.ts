import { EVENT_STORE, type EventStore, LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
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

  it('is prepared by the director at a checkpoint, published by counsel, read by anyone, recomputed by the auditor, and corrected only by a new report', async () => {
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
    expect(report).toMatchObject({ schema: 'disclosure-ledger/transparency-report/v1', reportId: prepared.reportId, period, nationalSecurityStructure: 3 });
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
    const answered = await post(`/v1/cases/${onTime.caseId}/releases`, director, { categories: ['statistics'], method: 'email', transparencyReportId: publishedReportId });
    expect(answered).toMatchObject({ status: 'closed', outcome: 'released' });
    const history = await expectStatus(ledger.http.get(`/v1/cases/${onTime.caseId}`).set(bearer(director)), 200);
    expect(JSON.stringify(history)).toContain(publishedReportId);
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
});

import { PDFParse } from 'pdf-parse';
import { CASE_EVENT_LABELS, type Role } from '@ledger/domain';
import { PRIVILEGE_NOTICE } from '@ledger/exports';
import { CaseDriver } from '../support/case-driver.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';
import { bearer } from '../support/http-flows.js';

type User = { userId: string; token: string; role: Role };

describe("the director's, the auditor's and counsel's views over HTTP", () => {
  let ledger: LedgerAppHarness;
  let cases: CaseDriver;
  let director: User, counsel: User, otherCounsel: User, auditor: User, staff: User;
  const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
  const as = async (role: Role): Promise<User> => ({ ...(await ledger.user(role)), role });
  let last = '0';

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock, env: { LEDGER_REFERRAL_SLA_MINUTES: '30' } });
    cases = new CaseDriver(ledger.app, clock);
    [director, counsel, otherCounsel, auditor, staff] = [await as('director'), await as('counsel'), await as('counsel'), await as('auditor'), await as('staff')];
    const le = (name = 'Det. Smith') => ({ kind: 'law_enforcement' as const, name, agency: 'State Police', badgeNumber: '7' });
    const open = async (caseId: string, requester: object, categories: string[], extra: object = {}) =>
      cases.run(caseId, staff, {
        type: 'OpenCase',
        requester,
        channel: 'in_person',
        patron: await cases.patron('CARD-0001'),
        requestedCategories: categories,
        identification: [{ kind: 'officer_credentials' }],
        ...extra,
      } as never);

    // A subpoena case that went all the way: referred, instrument, counsel, advice, decision, production —
    // on the patron's written permission for the State Police (the statute's second door).
    const permission = {
      patron: { cardReportedLost: false, consents: [{ consentId: 'c-le1', grantee: 'State Police', categories: ['circulation_history' as const], givenAt: '2026-03-01T00:00:00.000Z' }] },
    };
    await open('1e000001-0000-4000-8000-000000000000', le(), ['circulation_history']);
    await cases.run('1e000001-0000-4000-8000-000000000000', staff, { type: 'ReferToDirector' } as never);
    await cases.run('1e000001-0000-4000-8000-000000000000', director, {
      type: 'RecordLegalInstrument', instrumentId: 'sub-1', instrumentType: 'subpoena', issuedBy: 'Superior Court', docketNumber: 'HHD-CV26-1', servedAt: '2026-03-02T09:00:00.000Z',
      returnDate: '2026-03-30T16:00:00.000Z', scope: { categories: ['circulation_history'] }, nondisclosureOrder: false,
    } as never);
    await cases.run('1e000001-0000-4000-8000-000000000000', director, { type: 'ReferToCounsel', counselUserId: counsel.userId } as never, { counsel: { userId: counsel.userId, role: 'counsel' } });
    await cases.run('1e000001-0000-4000-8000-000000000000', counsel, { type: 'RecordCounselAdvice', advice: 'comply' } as never);
    await cases.run('1e000001-0000-4000-8000-000000000000', director, { type: 'DecideRelease', decision: 'release', rationale: 'Counsel advises compliance' } as never, permission);
    await cases.run('1e000001-0000-4000-8000-000000000000', director, { type: 'RecordProduction', categories: ['circulation_history'], recipient: 'State Police', method: 'in_person' } as never, permission);
    // A sealed case under a gag order, with counsel.
    await open('1e5ea1ed-0000-4000-8000-000000000000', le('Agent Jones'), ['name']);
    await cases.run('1e5ea1ed-0000-4000-8000-000000000000', director, {
      type: 'RecordLegalInstrument', instrumentId: 'co-1', instrumentType: 'court_order', issuedBy: 'US District Court', servedAt: '2026-03-02T09:00:00.000Z',
      returnDate: '2026-03-05T16:00:00.000Z', scope: { categories: ['name'] }, nondisclosureOrder: true,
    } as never);
    await cases.run('1e5ea1ed-0000-4000-8000-000000000000', director, { type: 'ReferToCounsel', counselUserId: counsel.userId } as never, { counsel: { userId: counsel.userId, role: 'counsel' } });
    // A patron at the desk.
    last = await cases.run('a7000001-0000-4000-8000-000000000000', staff, {
      type: 'OpenCase', requester: { kind: 'patron', name: 'Ann' }, channel: 'phone', patron: await cases.patron('CARD-0002'),
      requestedCategories: ['checkouts'], identification: [{ kind: 'card_barcode' }],
    } as never);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('staff see the cases they opened, newest first, a sealed one as sealed only; others opened none; the auditor is refused', async () => {
    const mine = await ledger.http.get('/v1/desk/cases').query({ minPosition: last }).set(bearer(staff.token)).expect(200);
    expect(mine.body.items.map((row: { caseId: string }) => row.caseId)).toEqual([
      'a7000001-0000-4000-8000-000000000000',
      '1e5ea1ed-0000-4000-8000-000000000000',
      '1e000001-0000-4000-8000-000000000000',
    ]); // opened at the same instant on the test clock: newest first, then by case id, descending
    expect(mine.body.items.find((row: { caseId: string }) => row.caseId === '1e5ea1ed-0000-4000-8000-000000000000')).toEqual({
      caseId: '1e5ea1ed-0000-4000-8000-000000000000', openedAt: '2026-03-02T09:00:00.000Z', sealed: true,
    });
    expect(mine.body.items.find((row: { caseId: string }) => row.caseId === 'a7000001-0000-4000-8000-000000000000')).toMatchObject({
      kind: 'disclosure_request', requesterKind: 'patron', requesterAgency: null, sealed: false, status: expect.any(String),
    });
    expect(mine.body.items.find((row: { caseId: string }) => row.caseId === '1e000001-0000-4000-8000-000000000000')).toMatchObject({ status: 'closed', outcome: 'released', nextAction: null });
    const page = await ledger.http.get('/v1/desk/cases').query({ limit: 1 }).set(bearer(staff.token)).expect(200);
    expect(page.body.items).toHaveLength(1);
    const rest = await ledger.http.get('/v1/desk/cases').query({ cursor: page.body.nextCursor }).set(bearer(staff.token)).expect(200);
    expect([...page.body.items, ...rest.body.items]).toEqual(mine.body.items);
    expect((await ledger.http.get('/v1/desk/cases').set(bearer(director.token)).expect(200)).body.items).toEqual([]);
    await ledger.http.get('/v1/desk/cases').set(bearer(auditor.token)).expect(403);
    const bad = await ledger.http.get('/v1/desk/cases').query({ cursor: 'forged' }).set(bearer(staff.token)).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("the director's board: open cases with what each waits for; staff who are not designees are refused", async () => {
    const board = await ledger.http.get('/v1/director/cases').query({ minPosition: last }).set(bearer(director.token)).expect(200);
    expect(board.body.items.map((row: { caseId: string }) => row.caseId).sort()).toEqual(['1e5ea1ed-0000-4000-8000-000000000000', 'a7000001-0000-4000-8000-000000000000']);
    expect(board.body.items.find((row: { caseId: string }) => row.caseId === '1e5ea1ed-0000-4000-8000-000000000000')).toEqual({
      caseId: '1e5ea1ed-0000-4000-8000-000000000000', kind: 'disclosure_request', requesterKind: 'law_enforcement', status: 'awaiting_counsel',
      nextAction: "Record counsel's advice", nextDeadline: '2026-03-05T16:00:00.000Z', openedAt: '2026-03-02T09:00:00.000Z', sealed: true,
      requesterAgency: 'State Police', needsDecision: false,
    });
    const closed = await ledger.http.get('/v1/director/cases').query({ status: 'closed', kind: 'law_enforcement' }).set(bearer(director.token)).expect(200);
    expect(closed.body).toEqual({ items: [expect.objectContaining({ caseId: '1e000001-0000-4000-8000-000000000000', status: 'closed', nextAction: null })], nextCursor: null });
    const page = await ledger.http.get('/v1/director/cases').query({ status: 'all', limit: 2 }).set(bearer(director.token)).expect(200);
    expect(page.body.items).toHaveLength(2);
    const rest = await ledger.http.get('/v1/director/cases').query({ status: 'all', limit: 2, cursor: page.body.nextCursor }).set(bearer(director.token)).expect(200);
    expect(rest.body).toEqual({ items: [expect.any(Object)], nextCursor: null });

    const refused = await ledger.http.get('/v1/director/cases').set(bearer(staff.token)).expect(403);
    expect(refused.body.rule).toBe('LE-DIRECTOR-ONLY');
    for (const user of [auditor, counsel]) await ledger.http.get('/v1/director/cases').set(bearer(user.token)).expect(403);
    await ledger.http.get('/v1/director/cases').query({ status: 'pending' }).set(bearer(director.token)).expect(400);
  });

  it('deadlines: missed first, then the soonest; a subpoena has an objection date', async () => {
    clock.set('2026-03-06T09:00:00.000Z');
    const deadlines = await ledger.http.get('/v1/director/deadlines').query({ within: '30d' }).set(bearer(director.token)).expect(200);
    // 1e000001-0000-4000-8000-000000000000 is closed: its dates no longer matter. The gag-order case missed its return date.
    expect(deadlines.body.items).toEqual([expect.objectContaining({ caseId: '1e5ea1ed-0000-4000-8000-000000000000', kind: 'return_date', dueAt: '2026-03-05T16:00:00.000Z', missed: true })]);
    await ledger.http.get('/v1/director/deadlines').query({ within: 'soon' }).set(bearer(director.token)).expect(400);
  });

  it("counsel sees the cases referred to them, and nobody else's", async () => {
    const mine = await ledger.http.get('/v1/counsel/cases').set(bearer(counsel.token)).expect(200);
    expect(mine.body.items.map((row: { caseId: string }) => row.caseId).sort()).toEqual(['1e000001-0000-4000-8000-000000000000', '1e5ea1ed-0000-4000-8000-000000000000']);
    // What counsel works to, as on the director's board: the open case's return date; none once closed.
    const deadlines = Object.fromEntries(mine.body.items.map((row: { caseId: string; nextDeadline: string | null }) => [row.caseId, row.nextDeadline]));
    expect(deadlines).toEqual({ '1e000001-0000-4000-8000-000000000000': null, '1e5ea1ed-0000-4000-8000-000000000000': '2026-03-05T16:00:00.000Z' });
    expect((await ledger.http.get('/v1/counsel/cases').set(bearer(otherCounsel.token)).expect(200)).body.items).toEqual([]);
    await ledger.http.get('/v1/counsel/cases').set(bearer(director.token)).expect(403);
  });

  it('the register: contract rows, filters, a sealed case without content, and patron only as a pseudonym', async () => {
    const all = await ledger.http.get('/v1/audit/disclosures').set(bearer(auditor.token)).expect(200);
    const le1 = all.body.items.find((row: { caseId: string }) => row.caseId === '1e000001-0000-4000-8000-000000000000');
    expect(le1).toMatchObject({
      caseId: '1e000001-0000-4000-8000-000000000000', requesterKind: 'law_enforcement', channel: 'in_person', patronPseudonym: expect.stringMatching(/^P-[0-9a-f]{12}$/),
      requestedCategories: ['circulation_history'], releasedCategories: ['circulation_history'], outcome: 'released', rules: ['LE-REFER'],
      instrumentType: 'subpoena', counselAdvice: 'comply', decidedBy: director.userId, closedAt: expect.any(String),
    });
    expect(all.body.items.find((row: { caseId: string }) => row.caseId === '1e5ea1ed-0000-4000-8000-000000000000')).toMatchObject({ sealed: true, patronPseudonym: null, requesterKind: null, requestedCategories: [] });
    const byPatron = await ledger.http.get('/v1/audit/disclosures').query({ patron: le1.patronPseudonym }).set(bearer(auditor.token)).expect(200);
    expect(byPatron.body.items.map((row: { caseId: string }) => row.caseId)).toEqual(['1e000001-0000-4000-8000-000000000000']);
    const byRef = await ledger.http.post('/v1/audit/disclosures/search').send({ patronRef: 'CARD-0002' }).set(bearer(auditor.token)).expect(200);
    expect(byRef.body.items.map((row: { caseId: string }) => row.caseId)).toEqual(['a7000001-0000-4000-8000-000000000000']);
    const bad = await ledger.http.get('/v1/audit/disclosures').query({ patron: 'CARD-0001' }).set(bearer(auditor.token)).expect(400);
    expect(JSON.stringify(bad.body)).not.toContain('CARD-0001');
    const filtered = await ledger.http.get('/v1/audit/disclosures').query({ channel: 'phone', category: 'checkouts', from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }).set(bearer(auditor.token)).expect(200);
    expect(filtered.body.items.map((row: { caseId: string }) => row.caseId)).toEqual(['a7000001-0000-4000-8000-000000000000']);
    await ledger.http.get('/v1/audit/disclosures').set(bearer(director.token)).expect(403);
    await ledger.http.get('/v1/audit/disclosures').query({ limit: '501' }).set(bearer(auditor.token)).expect(400);

    const stats = await ledger.http.get('/v1/audit/stats').set(bearer(auditor.token)).expect(200);
    expect(stats.body).toMatchObject({ total: 3, sealed: 1, byRequesterKind: { law_enforcement: 1, patron: 1 }, byOutcome: { released: 1, open: 1 }, byInstrumentType: { subpoena: 1 } });
  });

  it('a law-enforcement case not referred in time becomes a finding when the clock passes, with no new event', async () => {
    clock.set('2026-03-06T10:00:00.000Z');
    const position = await cases.run('1e1a7e00-0000-4000-8000-000000000000', staff, {
      type: 'OpenCase', requester: { kind: 'law_enforcement', name: 'Officer Late', agency: 'Town PD' }, channel: 'in_person',
      patron: await cases.patron('CARD-0003'), requestedCategories: ['address'], identification: [{ kind: 'officer_credentials' }],
    } as never);
    const before = await ledger.http.get('/v1/audit/findings').query({ rule: 'LE-REFERRAL-LATE', minPosition: position }).set(bearer(auditor.token)).expect(200);
    expect(before.body.items.filter((f: { caseId: string }) => f.caseId === '1e1a7e00-0000-4000-8000-000000000000')).toEqual([]);

    clock.advanceMinutes(31);
    const after = await ledger.http.get('/v1/audit/findings').query({ rule: 'LE-REFERRAL-LATE' }).set(bearer(director.token)).expect(200);
    expect(after.body.items.find((f: { caseId: string }) => f.caseId === '1e1a7e00-0000-4000-8000-000000000000')).toEqual({
      findingId: 'LE-REFERRAL-LATE:1e1a7e00-0000-4000-8000-000000000000', rule: 'LE-REFERRAL-LATE', severity: 'warning', caseId: '1e1a7e00-0000-4000-8000-000000000000', detectedAt: '2026-03-06T10:30:00.000Z',
      message: expect.stringContaining('30 minutes'), citation: expect.stringContaining('Disclosure to Law Enforcement'),
    });
    // The subpoena case was produced on the patron's written permission: no finding. The gag-order case
    // missed its return date: the director sees it; the auditor, without need-to-know, sees no finding of it.
    const rulesFor = async (user: User) =>
      ((await ledger.http.get('/v1/audit/findings').set(bearer(user.token)).expect(200)).body.items as { rule: string; caseId: string }[]).map((f) => `${f.rule} ${f.caseId}`).sort();
    expect(await rulesFor(auditor)).toEqual(['LE-REFERRAL-LATE 1e1a7e00-0000-4000-8000-000000000000']);
    expect(await rulesFor(director)).toEqual(['DEADLINE-MISSED 1e5ea1ed-0000-4000-8000-000000000000', 'LE-REFERRAL-LATE 1e1a7e00-0000-4000-8000-000000000000']);
    const sealedFor = async (user: User) =>
      (await ledger.http.get('/v1/audit/findings').query({ caseId: '1e5ea1ed-0000-4000-8000-000000000000' }).set(bearer(user.token)).expect(200)).body.items[0]?.message as string | undefined;
    expect(await sealedFor(auditor)).toBeUndefined();
    expect(await sealedFor(director)).toContain('court order');
    await ledger.http.get('/v1/audit/findings').query({ severity: 'critical' }).set(bearer(auditor.token)).expect(400);
    await ledger.http.get('/v1/audit/findings').set(bearer(staff.token)).expect(403);
  });

  it('a query naming a position the views never reach answers 503 after waiting', async () => {
    const response = await ledger.http.get('/v1/audit/stats').query({ minPosition: '99999999' }).set(bearer(auditor.token)).expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }, 15_000);

  it('verifies the ledger for the auditor', async () => {
    const report = await ledger.http.get('/v1/ledger/verify').set(bearer(auditor.token)).expect(200);
    expect(report.body).toMatchObject({ ok: true, streams: expect.any(Number), events: expect.any(Number) });
    expect(report.body.firstBroken).toBeUndefined();
    await ledger.http.get('/v1/ledger/verify').set(bearer(director.token)).expect(403);
  });

  it('exports the case file: full for the referred counsel, pseudonymised for the auditor, refused to others', async () => {
    const pdf = await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').query({ format: 'pdf' }).set(bearer(counsel.token)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(pdf.body as Buffer) });
    const { text } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(PRIVILEGE_NOTICE);
    expect(flat).toContain('1e000001-0000-4000-8000-000000000000');
    for (const label of ['DisclosureRequested', 'ReferredToDirector', 'NotificationQueued', 'LegalInstrumentRecorded', 'ReferredToCounsel', 'CounselAdviceRecorded', 'ReleaseDecided', 'RecordsProduced', 'CaseClosed'] as const) {
      expect(flat).toContain(CASE_EVENT_LABELS[label]);
    }
    expect(flat).toContain('CARD-0001');

    const json = await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').set(bearer(auditor.token)).expect(200);
    const file = JSON.parse(Buffer.isBuffer(json.body) ? json.body.toString('utf8') : json.text);
    // Eight acts, two of them with the e-mail notice they queue.
    expect(file.chain).toEqual({ ok: true, events: 10 });
    expect(file.manifest).toHaveLength(10);
    expect(json.text ?? '').not.toContain('CARD-0001');
    expect(JSON.stringify(file)).not.toContain('CARD-0001');
    expect(file.summary.patron).toEqual({ pseudonym: expect.stringMatching(/^P-/), isMinor: false, ref: null, shredded: false });

    const csv = await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').query({ format: 'csv' }).set(bearer(director.token)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.trim().split('\n')).toHaveLength(11);

    const sealed = await ledger.http.get('/v1/cases/1e5ea1ed-0000-4000-8000-000000000000/export').set(bearer(auditor.token)).expect(403);
    expect(sealed.body.rule).toBe('SEALED');
    await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').set(bearer(otherCounsel.token)).expect(403);
    await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').set(bearer(staff.token)).expect(403);
    await ledger.http.get('/v1/cases/no-such-case/export').set(bearer(director.token)).expect(404);
    await ledger.http.get('/v1/cases/1e000001-0000-4000-8000-000000000000/export').query({ format: 'docx' }).set(bearer(director.token)).expect(400);

    const log = await ledger.http.get('/v1/audit/access-log').query({ caseId: '1e000001-0000-4000-8000-000000000000' }).set(bearer(auditor.token)).expect(200);
    expect(log.body.items.map((entry: { action: string; userId: string }) => `${entry.action} ${entry.userId}`)).toContain(`case_export ${counsel.userId}`);
  });

  it('deadlines say "objection filed", with its date, for an instrument whose objection counsel filed in time, on the API and on the page', async () => {
    const caseId = '0b1ec7ed-0000-4000-8000-000000000000';
    await cases.run(caseId, staff, {
      type: 'OpenCase', requester: { kind: 'law_enforcement', name: 'Det. Reyes', agency: 'State Police', badgeNumber: '9' }, channel: 'in_person',
      patron: await cases.patron('CARD-0003'), requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
    } as never);
    await cases.run(caseId, director, {
      type: 'RecordLegalInstrument', instrumentId: 'sub-obj', instrumentType: 'subpoena', issuedBy: 'Superior Court', servedAt: '2026-03-06T08:00:00.000Z',
      returnDate: '2026-03-12T16:00:00.000Z', scope: { categories: ['circulation_history'] }, nondisclosureOrder: false,
    } as never);
    const referred = await cases.run(caseId, director, { type: 'ReferToCounsel', counselUserId: counsel.userId } as never, { counsel: { userId: counsel.userId, role: 'counsel' } });
    const before = await ledger.http.get('/v1/director/deadlines').query({ within: '30d', minPosition: referred }).set(bearer(director.token)).expect(200);
    expect(before.body.items.filter((item: { caseId: string }) => item.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'objection_date', dueAt: '2026-03-12T16:00:00.000Z', missed: false, objectionFiledAt: null }),
      expect.objectContaining({ kind: 'return_date', dueAt: '2026-03-12T16:00:00.000Z', missed: false, objectionFiledAt: null }),
    ]);
    const advice = await ledger.http
      .post(`/v1/cases/${caseId}/counsel-advice`)
      .set(bearer(counsel.token))
      .send({ advice: 'move_to_quash', notes: 'The subpoena is overbroad', filedAt: '2026-03-06T08:30:00.000Z' })
      .expect(201);
    clock.set('2026-03-13T09:00:00.000Z');
    const after = await ledger.http.get('/v1/director/deadlines').query({ within: '30d', minPosition: advice.body.position }).set(bearer(director.token)).expect(200);
    expect(after.body.items.filter((item: { caseId: string }) => item.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'objection_date', missed: false, objectionFiledAt: '2026-03-06T08:30:00.000Z' }),
      expect.objectContaining({ kind: 'return_date', dueAt: '2026-03-12T16:00:00.000Z', missed: false, objectionFiledAt: '2026-03-06T08:30:00.000Z' }),
    ]);

    const web = await enrolledUser(ledger, 'director', 'Dee Deadline');
    const { agent } = await signIn(ledger, web);
    const page = await agent.get('/board/deadlines').expect(200);
    const objected = page.text.slice(page.text.indexOf('Objection filed: the clock stopped'));
    expect(objected).toContain(`/cases/${caseId}`);
    expect(objected).toContain('Objection filed');
    expect(page.text.slice(0, page.text.indexOf('Objection filed: the clock stopped'))).not.toContain(`/cases/${caseId}`);
  });
});

import { PDFParse } from 'pdf-parse';
import type { Outcome, Role } from '@ledger/domain';
import { CaseDriver } from '../support/case-driver.js';
import { bearer } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn, type WebUser } from '../support/web-session.js';

type Person = WebUser & { role: Role };

/**
 * The cases the browser journeys make — a partial release under a court order that followed a subpoena,
 * a full release, a refusal at the desk, a policy explanation — replayed through the real command
 * pipeline, then read back by every reader that states an outcome: the case (API and page), the
 * register (API, page, its outcome filter, its CSV), the statistics, and the case file (CSV and PDF).
 * They must all say the same thing.
 */
describe('released, released in part and refused read the same on the case, the register, the stats and the case file', () => {
  let ledger: LedgerAppHarness;
  let cases: CaseDriver;
  const clock = new TestClock(new Date('2026-01-05T09:00:00.000Z'));
  let staff: Person, director: Person, counsel: Person, auditor: Person;
  const PARTIAL = '0a000001-0000-4000-8000-000000000000';
  const FULL = '0a000002-0000-4000-8000-000000000000';
  const REFUSED = '0a000003-0000-4000-8000-000000000000';
  const EXPLAINED = '0a000004-0000-4000-8000-000000000000';
  const expected: Record<string, Outcome> = { [PARTIAL]: 'released_in_part', [FULL]: 'released', [REFUSED]: 'refused', [EXPLAINED]: 'refused_no_instrument' };
  const words: Record<Outcome, string> = { released: 'Released', released_in_part: 'Released in part', refused: 'Refused', refused_no_instrument: 'Refused: no legal instrument' };
  let last = '0';

  const person = async (role: Role, name: string): Promise<Person> => ({ ...(await enrolledUser(ledger, role, name)), role });
  const instrument = (instrumentId: string, instrumentType: string, servedAt: string) =>
    ({ type: 'RecordLegalInstrument', instrumentId, instrumentType, issuedBy: 'Superior Court, Hartford', docketNumber: `HHD-${instrumentId}`, servedAt, scope: { categories: ['circulation_history'] }, nondisclosureOrder: false }) as never;
  const lawEnforcement = async (caseId: string) => {
    await cases.run(caseId, staff, {
      type: 'OpenCase', requester: { kind: 'law_enforcement', name: 'Det. Rowan Hale', agency: 'Hartford Police Department' }, channel: 'in_person',
      patron: await cases.patron(`P-${caseId.slice(0, 8)}`), requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
    } as never);
    await cases.run(caseId, staff, { type: 'ReferToDirector' } as never);
  };
  const advised = async (caseId: string) => {
    await cases.run(caseId, director, { type: 'ReferToCounsel', counselUserId: counsel.userId } as never, { counsel: { userId: counsel.userId, role: 'counsel' } });
    await cases.run(caseId, counsel, { type: 'RecordCounselAdvice', advice: 'comply', notes: 'Comply once a court order is served.' } as never);
  };
  const produced = async (caseId: string) =>
    cases.run(caseId, director, { type: 'RecordProduction', categories: ['circulation_history'], recipient: 'Det. Rowan Hale', method: 'in_person' } as never);

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock });
    cases = new CaseDriver(ledger.app, clock);
    [staff, director, counsel, auditor] = [await person('staff', 'Sam Desk'), await person('director', 'Dana Director'), await person('counsel', 'Cora Counsel'), await person('auditor', 'Audrey Auditor')];

    // The director's journey: a subpoena, counsel, then the court order; "release in part" of all that was asked.
    await lawEnforcement(PARTIAL);
    await cases.run(PARTIAL, director, instrument('sub-1', 'subpoena', '2026-01-05T08:00:00.000Z'));
    await advised(PARTIAL);
    await cases.run(PARTIAL, director, instrument('co-1', 'court_order', '2026-01-05T08:30:00.000Z'));
    await cases.run(PARTIAL, director, { type: 'DecideRelease', decision: 'release_in_part', categories: ['circulation_history'], rationale: 'Only the months the order names' } as never);
    await produced(PARTIAL);
    // A court order, released in full.
    await lawEnforcement(FULL);
    await cases.run(FULL, director, instrument('co-2', 'court_order', '2026-01-05T08:00:00.000Z'));
    await advised(FULL);
    await cases.run(FULL, director, { type: 'DecideRelease', decision: 'release', rationale: 'Court order; counsel advises compliance' } as never);
    await produced(FULL);
    // A patron refused at the desk.
    await cases.run(REFUSED, staff, {
      type: 'OpenCase', requester: { kind: 'patron', name: 'Pat Patron' }, channel: 'in_person', patron: await cases.patron('P-REFUSED-1'),
      requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }],
    } as never);
    await cases.run(REFUSED, staff, { type: 'RefuseRequest', reason: 'No card shown' } as never);
    // Law enforcement without an instrument: the director explains the policy.
    await lawEnforcement(EXPLAINED);
    last = await cases.run(EXPLAINED, director, { type: 'ExplainPolicy', note: 'Come back with a court order' } as never);
  }, 120_000);

  afterAll(async () => {
    await ledger?.close();
  });

  it('the case view, its timeline and the case page say the outcome the record shows', async () => {
    const page = await signIn(ledger, director);
    for (const [caseId, outcome] of Object.entries(expected)) {
      const view = await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(director.token)).expect(200);
      expect(view.body.outcome).toBe(outcome);
      expect(view.body.timeline.at(-1)).toMatchObject({ type: 'CaseClosed', detail: words[outcome] });
      const html = (await page.agent.get(`/cases/${caseId}`).expect(200)).text;
      expect(html).toContain(`<span class="tag">Closed</span>`);
      expect(html).toContain(`<span class="tag">${words[outcome]}</span>`);
    }
  });

  it('the register lists every instrument, marks those that authorised the release, and filters by each outcome', async () => {
    const register = await ledger.http.get('/v1/audit/disclosures').query({ minPosition: last }).set(bearer(auditor.token)).expect(200);
    const rows = new Map<string, { outcome: Outcome; instrumentType: string | null; instruments: unknown[] }>(register.body.items.map((row: { caseId: string }) => [row.caseId, row]));
    for (const [caseId, outcome] of Object.entries(expected)) expect(rows.get(caseId)!.outcome).toBe(outcome);
    expect(rows.get(PARTIAL)).toMatchObject({
      instrumentType: 'subpoena',
      instruments: [{ type: 'subpoena', authorisedRelease: false }, { type: 'court_order', authorisedRelease: true }],
    });
    expect(rows.get(FULL)!.instruments).toEqual([{ type: 'court_order', authorisedRelease: true }]);
    expect(rows.get(EXPLAINED)!.instruments).toEqual([]);
    for (const outcome of Object.values(expected)) {
      const filtered = await ledger.http.get('/v1/audit/disclosures').query({ outcome }).set(bearer(auditor.token)).expect(200);
      expect(filtered.body.items.map((row: { caseId: string }) => row.caseId)).toEqual(Object.keys(expected).filter((caseId) => expected[caseId] === outcome));
    }

    const web = await signIn(ledger, auditor);
    const partialOnly = (await web.agent.get('/audit/register').query({ outcome: 'released_in_part' }).expect(200)).text;
    expect(partialOnly).toContain(`/cases/${PARTIAL}`);
    expect(partialOnly).not.toContain(`/cases/${FULL}`);
    const rowOf = (html: string, caseId: string) => html.slice(html.indexOf(`/cases/${caseId}`), html.indexOf('</tr>', html.indexOf(`/cases/${caseId}`)));
    expect(rowOf(partialOnly, PARTIAL)).toMatch(/Released in part<\/td>/);
    expect(rowOf(partialOnly, PARTIAL)).toMatch(/Subpoena<\/li><li>Court order <span class="tag">Authorised the release<\/span>/);

    const csv = (await web.agent.get('/audit/register.csv').expect(200)).text.trim().split('\n');
    const header = csv[0].split(',');
    const line = (caseId: string) => csv.find((l) => l.startsWith(caseId))!.split(',');
    for (const [caseId, outcome] of Object.entries(expected)) expect(line(caseId)[header.indexOf('outcome')]).toBe(outcome);
    expect(line(PARTIAL)[header.indexOf('instruments')]).toBe('subpoena court_order');
    expect(line(PARTIAL)[header.indexOf('authorisedBy')]).toBe('court_order');
  });

  it('the statistics count each outcome once, and each instrument type per case', async () => {
    const stats = await ledger.http.get('/v1/audit/stats').set(bearer(auditor.token)).expect(200);
    expect(stats.body).toMatchObject({
      total: 4,
      byOutcome: { released: 1, released_in_part: 1, refused: 1, refused_no_instrument: 1 },
      byInstrumentType: { subpoena: 1, court_order: 2 },
    });
  });

  it('the case file, as CSV and as PDF, closes with the same outcome', async () => {
    for (const [caseId, outcome] of Object.entries(expected)) {
      const csv = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'csv' }).set(bearer(director.token)).expect(200);
      const closing = csv.text.trim().split('\n').find((row) => row.includes(',CaseClosed,'))!;
      expect(closing).toContain(`,${words[outcome]},`);
      const pdf = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'pdf' }).set(bearer(director.token)).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      const parser = new PDFParse({ data: new Uint8Array(pdf.body as Buffer) });
      const flat = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      expect(flat).toContain(`Outcome: ${words[outcome]} `);
      expect(flat).toContain(`Case closed. Outcome: ${words[outcome].replace(/^./, (c) => c.toLowerCase())}.`);
    }
  });
});

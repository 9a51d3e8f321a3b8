import { jest } from '@jest/globals';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { LEDGER_LOG, type LedgerLog, openNote, parseCheckpoint, parseVerifierKey } from '@ledger/ledger';
import { checkpointCoveringAll } from '../support/log-checkpoints.js';
import { bearer, expectStatus, instrumentBody, lawEnforcementCaseBody } from '../support/http-flows.js';
import { enrolledUser, signIn, type WebUser } from '../support/web-session.js';

const CARD = '29876543210987';

/** The director's roster page over HTTP, and the friendly pages that answer anything the web app does not have. */
describe('web pages: the designee roster and friendly error pages', () => {
  jest.setTimeout(120_000);
  let ledger: LedgerAppHarness;
  let director: WebUser;
  let staff: WebUser;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    ledger.clock.set('2026-03-10T12:00:00.000Z');
    director = await enrolledUser(ledger, 'director', 'Dana Director');
    staff = await enrolledUser(ledger, 'staff', 'Sam Desk');
  });
  afterAll(() => ledger.close());

  /** A patron's own request at the desk, opened by staff through the API. */
  const openCase = () =>
    ledger.http.post('/v1/cases').set('Authorization', `Bearer ${staff.token}`).send({
      requester: { kind: 'patron', name: 'Patron at the desk' },
      channel: 'in_person',
      patron: { ref: CARD },
      requestedCategories: ['checkouts'],
      identification: [{ kind: 'library_card' }],
    });
  const roster = () => ledger.http.get('/v1/me').set('Authorization', `Bearer ${staff.token}`);

  it('the director appoints a designee with the form: the same command as POST /v1/designees, with the days as typed', async () => {
    const { agent, csrf } = await signIn(ledger, director);
    const page = await agent.get('/roster');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No one has been appointed a designee.');
    expect(page.text).toMatch(/<legend>First day<\/legend>\s*<span class="hint" id="firstDay-hint">The powers start at the beginning of this day \(Eastern Time\)/);

    const appointed = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: staff.userId, firstDay: '2026-03-10', lastDay: '2026-03-20' });
    expect(appointed.status).toBe(303);
    expect(appointed.headers.location).toBe('/roster?recorded=appointed');
    // Whole days in the library's zone (New York, on daylight time since 8 March).
    expect((await roster()).body.designee).toEqual({ active: true, from: '2026-03-10T04:00:00.000Z', to: '2026-03-21T04:00:00.000Z' });

    const after = await agent.get(appointed.headers.location);
    expect(after.text).toContain('The designee is appointed.');
    expect(after.text).toMatch(/<th scope="row">Sam Desk<\/th>\s*<td data-label="From">10 Mar 2026, 00:00 EDT<\/td>\s*<td data-label="Until">21 Mar 2026, 00:00 EDT<\/td>\s*<td data-label="State"><span class="tag tag-in-force">In force<\/span>/);
  });

  it('a form with errors is answered with the error summary linking to each field, and records nothing', async () => {
    const { agent, csrf } = await signIn(ledger, director);
    const before = (await ledger.http.get('/health')).body.position;
    const empty = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: '', firstDay: '', lastDay: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    // Every form sent back with what to fix says so first in the title, as GOV.UK's do (the case page's forms did already).
    expect(empty.text).toContain('<title>Error: Designees · Disclosure Ledger</title>');
    expect(empty.text).toContain('<a href="#userId">Select the member of staff to appoint</a>');
    expect(empty.text).toContain('<a href="#firstDay">Enter the first day of the appointment');
    expect(empty.text).toContain('<a href="#lastDay">Enter the last day of the appointment');
    // A link to a fieldset (a group of radios or checkboxes) cannot move focus by itself: the page's script focuses its first choice.
    const script = (await ledger.http.get('/assets/app.js').expect(200)).text;
    expect(script).toContain(`closest('.error-summary a[href^="#"]')`);
    expect(script).toMatch(/target\.querySelector\('input:not\(\[type="hidden"\]\), select, textarea'\)[^]*input\.focus\(/);

    const days = (first: number, last: number) => ({ 'firstDay-day': String(first), 'firstDay-month': '3', 'firstDay-year': '2026', 'lastDay-day': String(last), 'lastDay-month': '3', 'lastDay-year': '2026' });
    const backwards = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: staff.userId, ...days(20, 10) });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('<a href="#lastDay">The last day must be the first day or after it</a>');
    // The form comes back as typed, box by box.
    expect(backwards.text).toMatch(/id="firstDay" name="firstDay-day"[^>]*value="20"/);
    expect(backwards.text).toMatch(/id="lastDay" name="lastDay-day"[^>]*value="10"/);
    const impossible = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: staff.userId, ...days(31, 31), 'firstDay-month': '2' });
    expect(impossible.status).toBe(400);
    expect(impossible.text).toContain('<a href="#firstDay">Enter the first day of the appointment');

    const notStaff = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: director.userId, firstDay: '2026-03-20', lastDay: '2026-03-21' });
    expect(notStaff.status).toBe(400);
    expect(notStaff.text).toContain('<a href="#userId">Only a member of staff can be a designee</a>');

    const forged = await agent.post('/roster').type('form').send({ userId: staff.userId, firstDay: '2026-04-01', lastDay: '2026-04-02' });
    expect(forged.status).toBe(403);
    expect((await ledger.http.get('/health')).body.position).toBe(before);
  });

  it('the director ends the appointment with one button; staff cannot open the roster', async () => {
    const desk = await signIn(ledger, staff);
    // An appointed designee finds the case board in their navigation, and loses it with the appointment.
    const designeeLink = '<a href="/board">Case board (designee)</a>';
    expect((await desk.agent.get('/desk')).text).toContain(designeeLink);
    const refused = await desk.agent.get('/roster');
    expect(refused.status).toBe(403);
    expect(refused.type).toBe('text/html');
    expect(refused.text).toContain('You cannot see this page');

    const { agent, csrf } = await signIn(ledger, director);
    const ended = await agent.post(`/roster/${staff.userId}/end`).type('form').send({ _csrf: csrf });
    expect(ended.status).toBe(303);
    expect((await roster()).body.designee).toEqual({ active: false, from: null, to: null });
    const page = await agent.get('/roster?recorded=ended');
    expect(page.text).toContain('The appointment is ended');
    expect((await desk.agent.get('/desk')).text).not.toContain(designeeLink);
    expect(page.text).toMatch(/<td data-label="Until">10 Mar 2026, 08:00 EDT<\/td>\s*<td data-label="State"><span class="tag tag-ended-early">Ended early<\/span>/);

    const again = await agent.post(`/roster/${staff.userId}/end`).type('form').send({ _csrf: csrf });
    expect(again.status).toBe(404);
    expect(again.text).toContain('<h1>Page not found</h1>');
  });

  it('the auditor’s integrity panel shows the latest signed checkpoint and public key the API serves, and how to check them', async () => {
    const auditor = await enrolledUser(ledger, 'auditor', 'Audrey Auditor');
    const { note, size, root } = await checkpointCoveringAll(ledger, auditor.token);
    const publicKey = (await ledger.http.get('/v1/ledger/public-key').set('Authorization', `Bearer ${auditor.token}`)).text.trim();
    const { agent } = await signIn(ledger, auditor);
    const page = await agent.get('/audit/integrity');
    expect(page.status).toBe(200);
    const shown = /<pre class="checkpoint" aria-labelledby="note-label" tabindex="0">([^<]*)<\/pre>/.exec(page.text)![1].replaceAll('&#39;', "'");
    // A note the log signed with its published key, covering at least what the API served a moment before.
    const body = parseCheckpoint(openNote(shown, parseVerifierKey(publicKey)));
    expect(body.size).toBeGreaterThanOrEqual(size);
    if (shown === note) expect(body.root.equals(root)).toBe(true);
    const [origin, , shownRoot] = shown.split('\n');
    expect(page.text).toContain(`<dt>Origin</dt><dd><code class="wrap-anywhere">${origin}</code>`);
    expect(page.text).toContain(`<dt>Tree root</dt><dd><code class="wrap-anywhere">${shownRoot}</code>`);
    expect(page.text).toContain(`key id <code>${publicKey.split('+')[1]}</code>`);
    expect(page.text).toContain(publicKey);
    expect(page.text).toContain('ledger -- witness --url');
    expect(page.text).toContain('ledger -- verify --checkpoint');
    // Plain words first: no API path before "For technical staff" (the mail log's is inside it).
    const technical = page.text.indexOf('<details class="technical">');
    expect(page.text.slice(0, technical)).not.toMatch(/GET \//);
    expect(page.text.slice(technical)).toContain('<code>GET /v1/audit/mail</code>');
  });

  it('the stylesheet sets date boxes side by side, stacks summary lists and keeps words whole on a phone, and heads every printed sheet "Confidential"', async () => {
    const css = (await ledger.http.get('/assets/app.css').expect(200)).text;
    // As specific as input[type="text"] and after it, so they outweigh its width: 100% (which stacked Day, Month, Year a box a line).
    expect(css.indexOf('input[type="text"]')).toBeLessThan(css.indexOf('input.input-width-2 { width: 3.5rem; }'));
    expect(css).not.toMatch(/^\.input-width-2/m);
    // overflow-wrap: anywhere let a column shrink below its longest word ("Sta/tus"); break-word does not. Only a table
    // that stays a table on a phone (not cards) may still break a word to fit.
    expect(css).toMatch(/ th, td \{ padding-right: 0\.5rem; overflow-wrap: break-word; \}/);
    expect(css).toMatch(/table:not\(\.cards-narrow\) th, table:not\(\.cards-narrow\) td \{ overflow-wrap: anywhere; \}/);
    expect(css).toMatch(/@media \(max-width: 40rem\) \{\s*\.summary-list > div \{ grid-template-columns: 1fr;/);
    // A page-margin box repeats on every sheet; the banner in the page prints on the first only.
    expect(css).toMatch(/@page \{[^}]*@top-center \{ content: "Confidential: library records";/);
  });

  it('a decision the statute refuses says what to do in words at its field, the rule’s own wording beneath; the case prints without its forms or the full card number; an order’s period and a production’s are entered as days', async () => {
    const counsel = await enrolledUser(ledger, 'counsel', 'Cora Counsel');
    const post = (token: string, path: string, body: object) => expectStatus(ledger.http.post(path).set(bearer(token)).send(body), 201);
    const caseId = (await post(staff.token, '/v1/cases', lawEnforcementCaseBody(CARD))).caseId as string;
    await post(staff.token, `/v1/cases/${caseId}/director-referrals`, {});
    await post(director.token, `/v1/cases/${caseId}/legal-instruments`, instrumentBody(ledger, 'subpoena'));
    await post(director.token, `/v1/cases/${caseId}/counsel-referrals`, { counselUserId: counsel.userId });
    await post(counsel.token, `/v1/cases/${caseId}/counsel-advice`, { advice: 'comply' });
    const { agent, csrf } = await signIn(ledger, director);
    const timeline = async () => (await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(director.token))).body.timeline.length as number;
    const before = await timeline();

    const refused = await agent.post(`/cases/${caseId}/actions/decide`).type('form').send({ _csrf: csrf, decision: 'release', categories: 'circulation_history', rationale: 'Counsel advises compliance' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<title>Error: Case ');
    // What to do first, linked to the choice to change; the statute's wording (with its codes) only under "What the rule says".
    expect(refused.text).toContain('<a href="#decide-decision">No court order or search warrant on this case covers what you chose, and no written permission of the patron names the requester: record the order or warrant first, or choose “Deny”</a>');
    expect(refused.text).toMatch(/<details><summary>What the rule says<\/summary><p>[^<]*circulation_history[^<]*<\/p><\/details>/);
    expect(refused.text.slice(0, refused.text.indexOf('<summary>What the rule says'))).not.toContain('circulation_history');
    expect(await timeline()).toBe(before);

    // The browser's own Print of the case page: the number masked on paper, the downloads and forms left off.
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.text).toContain(`<dt>Patron</dt><dd><span class="no-print">${CARD}</span><span class="print-only">•••• 0987 (masked)</span></dd>`);
    expect(page.text).toMatch(/<div class="no-print">\s*<h2>Case file<\/h2>/);
    // The words of the instrument link to what they mean.
    expect(page.text).toContain('<dt>Type</dt><dd><a href="/glossary#subpoena">Subpoena</a></dd>');
    expect(page.text).toContain('<dt><a href="/glossary#deadline">Return date</a></dt>');
    expect(page.text).toContain('<dt><a href="/glossary#non-disclosure-order">Non-disclosure (gag) order</a></dt>');
    expect((await agent.get('/glossary')).text).toContain('<div id="legal-instrument" tabindex="-1">');

    // The auditor reads a pseudonym, linked to what it is, and the Director keeps their capital letter.
    const auditorPage = await (await signIn(ledger, await enrolledUser(ledger, 'auditor', 'Ada Audit'))).agent.get(`/cases/${caseId}`);
    expect(auditorPage.text).toMatch(/<dt>Patron<\/dt><dd><a href="\/glossary#pseudonym">Pseudonym P-[0-9a-f]+<\/a><\/dd>/);
    expect(auditorPage.text).toContain('The case is waiting for the Director’s decision.');

    // A court order for borrowing history of the first half of 2026 only, recorded on the form: its period as whole days in New York.
    const day = (name: string, d: number, m: number, y = 2026) => ({ [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y) });
    const recordOrder = (period: object) =>
      agent.post(`/cases/${caseId}/actions/record-instrument`).type('form').send({ _csrf: csrf, type: 'court_order', issuedBy: 'Superior Court, Hartford', ...day('servedAt', 9, 3), 'servedAt-time': '10:00', 'scope.categories': 'circulation_history', nondisclosureOrder: 'no', ...period });
    const impossible = await recordOrder({ ...day('scopeFrom', 31, 2), ...day('scopeTo', 30, 6) });
    expect(impossible.status).toBe(400);
    expect(impossible.text).toContain('<a href="#record-instrument-scope-from">Enter the first day of the period as a real date, for example 1 1 2026</a>');
    expect(impossible.text).toMatch(/id="record-instrument-scope-from" name="scopeFrom-day"[^>]*value="31"/);
    const order = await recordOrder({ ...day('scopeFrom', 1, 1), ...day('scopeTo', 30, 6) });
    expect(order.status).toBe(303);
    const view = async () => (await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(director.token))).body;
    expect((await view()).instruments[1].scope).toEqual({ categories: ['circulation_history'], from: '2026-01-01T05:00:00.000Z', to: '2026-07-01T04:00:00.000Z' });

    // The Director releases that part; the production form then offers what was decided, not the address the
    // request also asked for (which LE-SCOPE would refuse), and asks for the records' period inside the order's.
    const decided = await agent.post(`/cases/${caseId}/actions/decide`).type('form').send({ _csrf: csrf, decision: 'release_in_part', categories: 'circulation_history', rationale: 'The order covers borrowing history' });
    expect(decided.status).toBe(303);
    const production = /<section class="action" aria-labelledby="produce-heading">[^]*?<\/section>/.exec((await agent.get(`/cases/${caseId}`)).text)![0];
    expect(production).toContain('id="produce-cat-circulation_history"');
    expect(production).not.toContain('id="produce-cat-address"');
    expect(production).toContain('inside the period the instrument names: 1 Jan 2026 to 30 Jun 2026 (Eastern Time)');
    const produce = (period: object) => agent.post(`/cases/${caseId}/actions/produce`).type('form').send({ _csrf: csrf, categories: 'circulation_history', recipient: 'Det. Lane', method: 'in_person', ...period });
    const noPeriod = await produce({});
    expect(noPeriod.status).toBe(422);
    expect(noPeriod.text).toContain('<a href="#produce-recordsFrom">Enter the period of the records handed over, inside the period the instrument names</a>');
    expect((await produce({ ...day('recordsFrom', 1, 2), ...day('recordsTo', 30, 6) })).status).toBe(303);
    expect((await view()).productions[0]).toMatchObject({ categories: ['circulation_history'], recordsFrom: '2026-02-01T05:00:00.000Z', recordsTo: '2026-07-01T04:00:00.000Z' });
  });

  it('a government agency’s request with the Director is on the law-enforcement path, as the domain reads it: record the instrument or explain, no release form', async () => {
    const post = (token: string, path: string, body: object) => expectStatus(ledger.http.post(path).set(bearer(token)).send(body), 201);
    const caseId = (
      await post(staff.token, '/v1/cases', { requester: { kind: 'government_agency', name: 'Ms. Official', agency: 'Town Social Services' }, channel: 'in_person', patron: { ref: CARD }, requestedCategories: ['address'], identification: [{ kind: 'photo_id' }] })
    ).caseId as string;
    await post(staff.token, `/v1/cases/${caseId}/director-referrals`, {});
    const page = (await (await signIn(ledger, director)).agent.get(`/cases/${caseId}`)).text;
    expect(page).toContain('id="record-instrument-form"');
    expect(page).toContain('id="explain-policy-form"');
    expect(page).not.toContain('id="release-form"');
  });

  it('the access log records a download and a register query from the web exactly as the API’s: the format and the filters', async () => {
    const auditor = await enrolledUser(ledger, 'auditor', 'Alex Auditor');
    const opened = await openCase();
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const web = await signIn(ledger, director);
    const auditorWeb = await signIn(ledger, auditor);
    const lastRecord = async (query: Record<string, string>) => {
      const position = (await ledger.http.get('/health')).body.position as string;
      const log = await ledger.http.get('/v1/audit/access-log').query({ ...query, minPosition: position }).set('Authorization', `Bearer ${auditor.token}`);
      const { action, caseId: recordedCase, query: recordedQuery, format, outcome, status } = log.body.items[0];
      return { action, caseId: recordedCase, query: recordedQuery, format, outcome, status };
    };

    for (const format of ['pdf', 'csv', 'json']) {
      expect((await ledger.http.get(`/v1/cases/${caseId}/export?format=${format}`).set('Authorization', `Bearer ${director.token}`)).status).toBe(200);
      const fromApi = await lastRecord({ caseId });
      expect((await web.agent.get(`/cases/${caseId}/export?format=${format}`)).status).toBe(200);
      const fromWeb = await lastRecord({ caseId });
      expect(fromApi).toMatchObject({ action: 'case_export', format, query: { format } });
      expect(fromWeb).toEqual(fromApi);
    }

    expect((await ledger.http.get('/v1/audit/disclosures?requesterKind=patron&channel=in_person').set('Authorization', `Bearer ${auditor.token}`)).status).toBe(200);
    const registerFromApi = await lastRecord({ userId: auditor.userId });
    expect((await auditorWeb.agent.get('/audit/register?requesterKind=patron&channel=in_person')).status).toBe(200);
    const registerFromWeb = await lastRecord({ userId: auditor.userId });
    expect(registerFromApi).toMatchObject({ action: 'register_query', query: { requesterKind: 'patron', channel: 'in_person' } });
    expect(registerFromWeb).toEqual(registerFromApi);
  });

  it('the register, statistics and access log read their date filters as whole days in the library’s zone', async () => {
    // 22:30 on 10 March in New York is already 11 March in UTC.
    ledger.clock.set('2026-03-11T02:30:00.000Z');
    const opened = await openCase();
    expect(opened.status).toBe(201);
    const auditor = await enrolledUser(ledger, 'auditor', 'Dora Dates');
    const { agent } = await signIn(ledger, auditor);
    const day = (name: string, d: number) => ({ [`${name}-day`]: String(d), [`${name}-month`]: '3', [`${name}-year`]: '2026' });
    await ledger.http.get('/v1/audit/disclosures').query({ minPosition: opened.body.position }).set('Authorization', `Bearer ${auditor.token}`);
    const tenth = await agent.get('/audit/register').query({ ...day('from', 10), ...day('to', 10) });
    expect(tenth.status).toBe(200);
    expect(tenth.text).toContain(`/cases/${opened.body.caseId}`);
    expect(tenth.text).toMatch(/id="from" name="from-day" type="text" inputmode="numeric" autocomplete="off" value="10"/);
    expect(tenth.text).toContain('10 Mar 2026, 22:30 EDT');
    // On a phone each request is a card, each value under its column's name.
    expect(tenth.text).toContain('<table class="cards-narrow">');
    expect(tenth.text).toContain('<td data-label="Outcome">Open</td>');
    const eleventh = await agent.get('/audit/register').query({ ...day('from', 11), ...day('to', 11) });
    expect(eleventh.text).not.toContain(`/cases/${opened.body.caseId}`);
    // The "next rows" link and the CSV carry the days as the instants they name.
    expect(tenth.text).toContain('from=2026-03-10T04%3A00%3A00.000Z&amp;to=2026-03-11T04%3A00%3A00.000Z');

    const stats = await agent.get('/audit/stats').query({ ...day('from', 10), ...day('to', 10) });
    expect(stats.text).toMatch(/[1-9]\d* requests? from 10 Mar 2026 to 10 Mar 2026/);
    // The tables beside the charts name the month as a reader says it.
    expect(stats.text).toContain('<th scope="row">Mar 2026</th>');
    expect((await agent.get('/audit/stats').query({ ...day('from', 11), ...day('to', 11) })).text).toMatch(/0 requests from 11 Mar 2026 to 11 Mar 2026/);
    const log = await agent.get('/audit/access-log').query({ ...day('from', 10), ...day('to', 10) });
    expect(log.text).toMatch(/id="to" name="to-day" type="text" inputmode="numeric" autocomplete="off" value="10"/);
    expect(log.text).toMatch(/<table class="cards-narrow">[^]*<td data-label="What">/);

    const impossible = await agent.get('/audit/register').query({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' });
    expect(impossible.status).toBe(400);
    expect(impossible.text).toContain('Enter the first day as a real date, for example 27 3 2026.');
    // Under htmx the listing swaps its results region for this one, so the old rows do not stay under the new filters:
    // the answer carries the region, with an error summary linked to the field, and htmx is told to swap a 400.
    expect(impossible.text).toMatch(/<div id="results">\s*<div class="error-summary"[^>]*>\s*<h2 class="error-summary-title">There is a problem<\/h2>\s*<ul>\s*<li><a href="\/audit\/register#from">Enter the first day as a real date, for example 27 3 2026\.<\/a><\/li>/);
    expect(impossible.text).toContain('{"code":"400","swap":true,"error":false}');
    // A range that ends before it starts (the "impossible date range") is the reader's to fix too: said at the last day, in the results region.
    const backwards = await agent.get('/audit/register').query({ ...day('from', 12), ...day('to', 10) });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toMatch(/<div id="results">\s*<div class="error-summary"[^>]*>[^]*<a href="\/audit\/register#to">Enter a last day that is the same as or after the first day\.<\/a>/);
    // Under htmx the region is swapped into the listing, whose field the link then reaches on the same page.
    const swapped = await agent.get('/audit/register').set('HX-Request', 'true').query({ ...day('from', 12), ...day('to', 10) });
    expect(swapped.text).toContain('<a href="#to">Enter a last day that is the same as or after the first day.</a>');
  });

  it('a form posted after its session ran out is kept, not acted on, and given back on the same page once the user signs in again', async () => {
    const { agent, csrf } = await signIn(ledger, director);
    ledger.clock.advanceMinutes(31);
    const before = (await ledger.http.get('/health')).body.position;
    const lapsed = await agent.post('/roster').type('form').send({ _csrf: csrf, _page: '/roster', userId: staff.userId, 'firstDay-day': '12', 'firstDay-month': '3', 'firstDay-year': '2026', 'lastDay-day': '<script>' });
    expect(lapsed.status).toBe(303);
    expect(lapsed.headers.location).toBe('/sign-in?expired=1');
    expect((await ledger.http.get('/health')).body.position).toBe(before);
    // Signing in again (a new session on the same browser) goes back to the roster, the answers in the page for its script to put back.
    const again = await signIn(ledger, director);
    expect(again.home).toBe('/roster');
    const page = await again.agent.get('/roster');
    const kept = /<script type="application\/json" id="kept-draft">([^<]*)<\/script>/.exec(page.text);
    expect(JSON.parse(kept![1])).toEqual({ action: '/roster', fields: { userId: staff.userId, 'firstDay-day': '12', 'firstDay-month': '3', 'firstDay-year': '2026', 'lastDay-day': '<script>' } });
    expect(page.text).not.toContain('"lastDay-day":"<script>"');
    // Signed out on purpose, nothing is kept.
    await again.agent.post('/sign-out').type('form').send({ _csrf: again.csrf });
    expect((await signIn(ledger, director)).home).toBe('/board');
  });

  it('an address the web application does not have answers a friendly page; the API keeps problem+json', async () => {
    const { agent } = await signIn(ledger, director);
    for (const path of ['/no-such-page', `/desk/${CARD}`, `/cases/${CARD}/nothing`, `/assets/${CARD}.css`]) {
      const page = await agent.get(path);
      expect(page.status).toBe(404);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('<h1>Page not found</h1>');
      expect(page.text).toContain('<a href="/">Go to your home page</a>');
      expect(page.text).not.toContain(CARD);
      expect(page.text).not.toMatch(/Cannot GET|at \w+ \(|node_modules/);
    }
    const signedOut = await ledger.http.post(`/nowhere/${CARD}`).type('form').send({ note: 'x' });
    expect(signedOut.status).toBe(404);
    expect(signedOut.type).toBe('text/html');
    expect(signedOut.text).not.toContain(CARD);

    for (const path of [`/v1/nothing/${CARD}`, `/health/${CARD}`]) {
      const api = await ledger.http.get(path).set('Authorization', `Bearer ${director.token}`);
      expect(api.status).toBe(404);
      expect(api.type).toBe('application/problem+json');
      expect(api.text).not.toContain(CARD);
    }
  });

  it('a form too large or unreadable on a page answers a friendly page, not a stack trace', async () => {
    const { agent, csrf } = await signIn(ledger, director);
    const large = await agent.post('/roster').type('form').send({ _csrf: csrf, userId: staff.userId, note: 'x'.repeat(70 * 1024) });
    expect(large.status).toBe(413);
    expect(large.type).toBe('text/html');
    expect(large.text).toContain('The form is too large');
    const garbled = await agent.post('/roster').set('Content-Type', 'application/json').send(`{"userId": "${CARD}`);
    expect(garbled.status).toBe(400);
    expect(garbled.type).toBe('text/html');
    expect(garbled.text).not.toContain(CARD);
    expect(garbled.text).not.toMatch(/SyntaxError|at \w+ \(/);
  });
  // Last: the integrity alarm, once raised, stays raised for this ledger.
  it('a case page or download is sent only once its access record is durable: when it cannot be recorded, nothing is shown', async () => {
    const opened = await openCase();
    const caseId = opened.body.caseId as string;
    const { agent } = await signIn(ledger, director);
    expect((await agent.get(`/cases/${caseId}`)).text).toContain('Patron at the desk');
    ledger.app.get<LedgerLog>(LEDGER_LOG).alarm.raise('a test raises the alarm: no write may succeed');
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/export?format=pdf`, '/board']) {
      const page = await agent.get(path);
      expect(page.status).toBe(503);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('The ledger is not recording');
      expect(page.text).not.toContain('Patron at the desk');
      expect(page.text).not.toContain(caseId.slice(0, 8));
    }
  });
});

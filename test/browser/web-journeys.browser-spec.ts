/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations, browserSuite, launchChromium, matchesRoute, PAGES_WITH_JOURNEYS_OF_THEIR_OWN, screenshot, webPageRoutes, enrolJourneyPeople, type JourneyPeople } from './browser-support.js';
import { REQUESTER_KINDS } from '@ledger/domain';
import { WebModule } from '../../apps/api/src/web/web.module.js';
import { estimatedTextWidth, stackedMonthlyBars } from '../../apps/api/src/web/audit/disclosures-chart.js';
import { requesterKindSeries } from '../../apps/api/src/web/audit/stats-series.js';
import { SignInPageController } from '../../apps/api/src/web/sign-in/sign-in.page.controller.js';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser } from '../support/web-session.js';
import { totpCode } from '../../apps/api/src/identity/second-factors/totp.js';

/** Types a date (and time) into a GOV.UK date input, found by its legend, as a person does: day, month, year, time. */
async function fillDate(scope: Page | Locator, legend: string, ymd: string, time?: string): Promise<void> {
  const group = scope.getByRole('group', { name: legend });
  const [year, month, day] = ymd.split('-');
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
  if (time !== undefined) await group.getByLabel('Time').fill(time);
}

/** The calendar date of an instant in the library's zone (the product's default, America/New_York). */
const libraryDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(at);

/**
 * One case, told by the people who work it, each at their task, end to end through the real server in a
 * real Chromium: the desk with an officer waiting, the Director deciding under a return date, counsel
 * advising within the subpoena's scope, the auditor reading it all back. Each step's title names whose
 * task it is. Every page the journey opens, and every htmx swap it makes, is checked with axe-core
 * (WCAG 2.2 AA); the whole desk task with the keyboard alone, the timeout and the phone are in
 * keyboard-and-phone.browser-spec.ts, and 200% zoom at the end of this file.
 */
browserSuite('web application in Chromium', () => {
  // A real browser on a shared two-core machine: generous, and no test measures time.
  jest.setTimeout(180_000);
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  const people: JourneyPeople = {} as never;
  let caseId = '';
  /** The paths axe-core has checked, to show at the end that every page of the app was. */
  const checked = new Set<string>();

  beforeAll(async () => {
    ledger = await startLedgerApp();
    await ledger.app.listen(0, '127.0.0.1');
    const address = ledger.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    Object.assign(people, await enrolJourneyPeople(ledger));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  async function signedIn(who: keyof typeof people, screen: { viewport: { width: number; height: number }; deviceScaleFactor?: number } = { viewport: { width: 1280, height: 800 } }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...screen, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Username').fill(people[who].username);
    await page.getByLabel('Password').fill(people[who].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('domcontentloaded');
    return { context, page };
  }

  async function accessible(page: Page, name?: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    checked.add(new URL(page.url()).pathname);
    if (name) await screenshot(page, name);
  }

  it('the sign-in page is accessible and sends a signed-out visitor there', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/board`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await accessible(page, '01-sign-in');
    await context.close();
  });

  it('desk, an officer waiting: staff record the police request, are told what to say and do, and refer it to the Director', async () => {
    const { context, page } = await signedIn('staff');
    expect(new URL(page.url()).pathname).toBe('/desk');
    await accessible(page, '02-desk');
    await page.getByLabel('Law enforcement', { exact: true }).check();
    await page.getByLabel('Their name').fill('Det. Rowan Hale');
    await page.getByLabel('Agency or organisation (if any)').fill('Hartford Police Department');
    await page.getByLabel('In person', { exact: true }).check();
    await page.getByLabel('Which patron?').fill('P-0042-7731');
    await page.getByLabel('Borrowing history').check();
    await page.getByLabel('Officer’s credentials').check();
    await page.getByRole('button', { name: 'Check against the policy' }).click();
    await page.waitForURL(/\/cases\//);
    caseId = new URL(page.url()).pathname.split('/')[2]!;
    expect(page.url()).not.toContain('P-0042');
    expect(await page.getByText('Refer this request to the Director now. Release nothing.').isVisible()).toBe(true);
    // What to say while the officer waits, and the one citation the words stand on (the rule's own, as in the rules table).
    const words = page.getByRole('region', { name: 'Refer this request to the Director now. Release nothing.' });
    expect(await words.locator('p', { hasText: 'Say:' }).textContent()).toContain('I can’t release library records myself.');
    expect(await words.locator('.rule-line').textContent()).toBe((await page.getByRole('row', { name: /LE-REFER/ }).locator('td').last().textContent())!);
    expect(await page.getByRole('row', { name: /LE-REFER/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Record the release/ }).count()).toBe(0);
    await accessible(page, '03-case-law-enforcement-at-desk');
    // The clerk refers it an hour later, busy but signed in (each page view keeps the session alive):
    // past the 60-minute SLA, which the auditor will find.
    for (let i = 0; i < 3; i++) {
      ledger.clock.advanceMinutes(21);
      await page.reload();
    }
    await page.getByRole('button', { name: 'Refer to the Director' }).click();
    await page.waitForURL(/recorded=refer-to-director/);
    expect(await page.getByText('The case is now with the Director.').isVisible()).toBe(true);
    await accessible(page);
    // The clerk follows their own cases: the one just referred waits for the Director.
    await page.getByRole('link', { name: 'My cases' }).click();
    await page.waitForURL(/\/desk\/my-cases$/);
    const row = page.getByRole('row', { name: new RegExp(caseId.slice(0, 8)) });
    expect(await row.textContent()).toMatch(/Law enforcement.*With the Director.*Explain the policy or record the instrument/s);
    await accessible(page, '03b-my-cases');
    await context.close();
  });

  it('staff cannot reach the Director’s pages', async () => {
    const { context, page } = await signedIn('staff');
    const response = await page.goto(`${base}/board`);
    expect(response!.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You cannot see this page');
    expect(await page.content()).not.toMatch(/at \w+ \(|node_modules/);
    await accessible(page);
    await context.close();
  });

  it('Director, under a return date: finds the case on the board, records the subpoena with its dates in local time, and refers it to counsel', async () => {
    const { context, page } = await signedIn('director');
    expect(new URL(page.url()).pathname).toBe('/board');
    await accessible(page, '04-director-board');
    // Filtering swaps the table in place: focus moves to it and the live region says what changed.
    await page.getByLabel('Who asked').selectOption('law_enforcement');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('shown'));
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CAPTION');
    expect(page.url()).toContain('kind=law_enforcement');
    await accessible(page);
    await page.getByRole('link', { name: caseId.slice(0, 8) }).click();
    await page.waitForURL(new RegExp(`/cases/${caseId}`));
    expect(await page.getByText('P-0042-7731').isVisible()).toBe(true);

    const instrument = page.getByRole('region', { name: 'Record a subpoena, warrant or order' });
    await instrument.getByLabel('Type of instrument').selectOption('subpoena');
    await instrument.getByLabel('Issued by').fill('Superior Court, Hartford');
    await instrument.getByLabel('Docket number (optional)').fill('HHD-CR26-0001');
    await fillDate(instrument, 'Served on the library', '2026-01-05', '10:00');
    await fillDate(instrument, 'Return date (optional)', '2026-01-25', '16:00');
    await instrument.getByLabel('Borrowing history').check();
    await instrument.getByRole('button', { name: 'Record the instrument' }).click();
    await page.waitForURL(/recorded=record-instrument/);
    // The case page tells the instrument in full, the deadlines counsel works to included.
    const recorded = (await page.getByRole('region', { name: 'Legal instrument: Subpoena' }).textContent())!;
    expect(recorded).toMatch(/Docket number\s*HHD-CR26-0001/);
    expect(recorded).toMatch(/Return date\s*25 Jan 2026, 16:00 EST/);
    expect(recorded).toMatch(/Last day to object\s*19 Jan 2026, 23:59 EST/);
    expect(recorded).toMatch(/Non-disclosure \(gag\) order\s*No/);
    await accessible(page, '05-case-director');

    const referral = page.getByRole('region', { name: 'Refer to counsel' });
    await referral.getByLabel('Counsel', { exact: true }).selectOption({ label: 'Cora Counsel' });
    await referral.getByLabel('Note for counsel (optional)').fill('The return date is close: please advise this week.');
    await referral.getByRole('button', { name: 'Refer to counsel' }).click();
    await page.waitForURL(/recorded=refer-to-counsel/);
    await context.close();
  });

  it('counsel: finds the deadline and the Director’s note on the page, advises within the subpoena’s scope, and downloads the case file', async () => {
    const { context, page } = await signedIn('counsel');
    expect(new URL(page.url()).pathname).toBe('/counsel');
    await accessible(page, '06-counsel-queue');
    await page.getByRole('link', { name: caseId.slice(0, 8) }).click();
    // Counsel finds the deadline and the Director's note on the page, without opening the PDF.
    expect(await page.getByRole('region', { name: 'Referral to counsel' }).getByText('The return date is close: please advise this week.').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Legal instrument: Subpoena' }).getByText('25 Jan 2026, 16:00 EST').isVisible()).toBe(true);
    const advice = page.getByRole('region', { name: 'Record your advice' });
    // The categories counsel may tick are the subpoena's, and "comply in part" with none ticked says what to do, at the field.
    expect(await advice.locator('#advise-scope-categories input[type=checkbox]').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).labels![0].textContent))).toEqual(['Borrowing history']);
    await advice.getByLabel('Comply in part').check();
    await advice.getByRole('button', { name: 'Record the advice' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByRole('link', { name: 'Select the categories you advise releasing in part, or choose other advice' }).click();
    expect(page.url()).toMatch(/#advise-scope-categories$/);
    expect(await page.locator('#advise-scope-categories.field-error .error-message').textContent()).toContain('Select the categories you advise releasing in part');
    await advice.getByLabel('Comply', { exact: true }).check();
    await advice.getByLabel('Notes (optional)').fill('The subpoena alone does not satisfy CGS § 11-25; comply once a court order is served.');
    await advice.getByRole('button', { name: 'Record the advice' }).click();
    await page.waitForURL(/recorded=advise/);
    await accessible(page, '07-case-counsel');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^PDF/ }).click()]);
    const bytes = readFileSync((await download.path()));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });

  it('Director, under a return date: is told what is missing before deciding, records the court order, decides and produces', async () => {
    const { context, page } = await signedIn('director');
    await page.goto(`${base}/cases/${caseId}`);
    // The Director decides with counsel's notes in full before them.
    expect(await page.getByRole('region', { name: 'Counsel’s advice' }).getByText('The subpoena alone does not satisfy CGS § 11-25; comply once a court order is served.').isVisible()).toBe(true);
    // With only the subpoena on file, the decision form says what is missing before anything is chosen.
    expect(await page.getByRole('region', { name: 'Decide' }).getByText(/^No court order or search warrant is recorded: record one, or deny\./).isVisible()).toBe(true);
    const instrument = page.getByRole('region', { name: 'Record a subpoena, warrant or order' });
    expect(await instrument.getByText('Subpoena from Superior Court, Hartford (docket HHD-CR26-0001), served 5 Jan 2026, 10:00 EST').isVisible()).toBe(true);
    await instrument.getByLabel('Type of instrument').selectOption('court_order');
    await instrument.getByLabel('Issued by').fill('Superior Court, Hartford');
    await fillDate(instrument, 'Served on the library', '2026-01-06', '09:00');
    await instrument.getByLabel('Borrowing history').check();
    await instrument.getByRole('button', { name: 'Record the instrument' }).click();
    await page.waitForURL(/recorded=record-instrument/);

    const refused = page.getByRole('region', { name: 'Decide' });
    await refused.getByRole('button', { name: 'Record the decision' }).click();
    expect(await page.getByText('There is a problem').isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('link', { name: 'Select the decision' }).isVisible()).toBe(true);
    // The court order is on file now: no inset, and the form offers what counsel's advice permits.
    expect(await page.getByRole('region', { name: 'Decide' }).getByText(/No court order or search warrant/).count()).toBe(0);
    await accessible(page, '08-case-form-errors');

    const decideAgain = page.getByRole('region', { name: 'Decide' });
    await decideAgain.getByLabel('Release', { exact: true }).check();
    await decideAgain.getByLabel('Borrowing history').check();
    await decideAgain.getByLabel('Rationale').fill('Court order served; counsel advises compliance.');
    await decideAgain.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForURL(/recorded=decide/);

    const produce = page.getByRole('region', { name: 'Record the production of records' });
    await produce.getByLabel('Borrowing history').check();
    await produce.getByLabel('Given to').fill('Det. Rowan Hale');
    await produce.getByLabel('How').selectOption('in_person');
    await produce.getByRole('button', { name: 'Record the production' }).click();
    await page.waitForURL(/recorded=produce/);
    expect(await page.getByText('Released', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'The Director’s decision' }).getByText('Court order served; counsel advises compliance.').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Production' }).getByText('Det. Rowan Hale').isVisible()).toBe(true);
    const summaries = (await page.locator('main dl.summary-list').allTextContents()).join('\n');
    expect(summaries).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    // The timeline speaks words: the vocabulary's, and people by name, never codes or user ids.
    const timeline = (await page.locator('ol.timeline').textContent())!;
    expect(timeline).toContain('Law enforcement, in person, asked for borrowing history; policy route: refer to the Director');
    expect(timeline).toContain('Counsel: Cora Counsel');
    // Each referral queued its e-mail notice in the same append: the timeline says who is told.
    expect(timeline).toContain('The Director and active designees are told of the referral by e-mail');
    expect(timeline).toContain('Counsel (Cora Counsel) is told of the referral by e-mail');
    expect(timeline).toContain('Court order from Superior Court, Hartford for borrowing history');
    expect(timeline).not.toMatch(/\b[a-z]+_[a-z_]+\b|user [0-9a-f-]{8,}/);
    await accessible(page, '09-case-produced');

    // A note on the case, shown in full with who wrote it; an empty one is refused with the GOV.UK summary.
    const note = page.getByRole('region', { name: 'Add a note' });
    await note.getByRole('button', { name: 'Add the note' }).click();
    expect(await page.getByText('There is a problem').isVisible()).toBe(true);
    await page.getByRole('region', { name: 'Add a note' }).getByLabel('Note').fill('Records handed to Det. Hale at the desk.\nReceipt in the file.');
    await page.getByRole('region', { name: 'Add a note' }).getByRole('button', { name: 'Add the note' }).click();
    await page.waitForURL(/recorded=add-note/);
    expect(await page.locator('ul.notes li').filter({ hasText: 'Records handed to Det. Hale at the desk.' }).getByText(/· Dana Director$/).isVisible()).toBe(true);
    expect(await page.getByText('No documents attached yet.').isVisible()).toBe(true);
    await accessible(page);

    // The court order's scan, attached from the page (a file that is not a scan first: told at the field, in the summary).
    const attach = () => page.getByRole('region', { name: 'Attach the scanned document' });
    const orderScan = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      await attach().getByLabel('A subpoena, warrant or order served').check();
      await attach().getByLabel('Which instrument').selectOption(await attach().locator('option', { hasText: 'Court order' }).getAttribute('value'));
      await attach().getByLabel('Upload the scan').setInputFiles(file);
      await attach().getByRole('button', { name: 'Attach the document' }).click();
      await page.waitForLoadState('domcontentloaded');
    };
    await orderScan({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('link', { name: /^The selected file must be a PDF, a PNG or a JPEG/ }).isVisible()).toBe(true);
    await accessible(page);
    await orderScan({ name: 'court-order.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nCourt order, Superior Court, Hartford\n%%EOF\n') });
    await page.waitForURL(/recorded=attach/);
    expect(await page.getByText('The document is attached to the case.').isVisible()).toBe(true);
    expect(await page.getByRole('row', { name: /court-order\.pdf.*Scan of the court order/ }).isVisible()).toBe(true);
    await accessible(page);

    // Finding the case again by the subpoena's docket number, from the navigation.
    await page.getByRole('link', { name: 'Find a case' }).click();
    await accessible(page);
    await page.getByLabel('Docket number').fill('hhd-cr26 0001');
    await page.getByRole('button', { name: 'Search' }).click();
    const found = page.getByRole('table', { name: /Cases found/ });
    expect(await found.getByRole('link', { name: caseId.slice(0, 8) }).isVisible()).toBe(true);
    await accessible(page);
    await context.close();
  });

  it('the Director prints the case: on paper no navigation or forms, a confidential header, the patron number masked unless asked', async () => {
    const { context, page } = await signedIn('director');
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Print this case' }).click();
    await page.waitForURL(new RegExp(`/cases/${caseId}/print$`));
    expect(await page.getByText('P-0042-7731').count()).toBe(0);
    expect(await page.getByText('•••• 7731 (masked)').isVisible()).toBe(true);
    await accessible(page, '09b-case-print');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText('Confidential: library records. Do not copy or leave unattended.').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.locator('form:visible, button:visible').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'The Director’s decision' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByText('Confidential: library records.').isVisible()).toBe(false);
    await page.getByRole('link', { name: 'print it in full' }).click();
    expect(await page.getByText('P-0042-7731').isVisible()).toBe(true);
    await context.close();
    // Staff who may read the case print it masked, and cannot ask for the number in full.
    const staff = await signedIn('staff');
    const refused = await staff.page.goto(`${base}/cases/${caseId}/print?patronNumbers=shown`);
    expect(refused!.status()).toBe(403);
    expect(await staff.page.content()).not.toContain('P-0042-7731');
    await staff.context.close();
  });

  it('on a phone the board is one card per case, soonest deadline first, each naming who asked and what waits for the Director', async () => {
    const { context, page } = await signedIn('director', { viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/board?status=all`);
    expect(await page.getByLabel('Order').inputValue()).toBe('deadline');
    const rows = page.locator('#results tbody tr');
    const card = await rows.first().evaluate((row) => ({ display: getComputedStyle(row).display, label: getComputedStyle(row.querySelector('td[data-label]')!, '::before').content }));
    expect(card).toEqual({ display: 'block', label: '"Who asked"' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await page.locator('#results').getByText('Law enforcement: Hartford Police Department').count()).toBeGreaterThan(0);
    await accessible(page, '09c-board-phone');
    await context.close();
  });

  it('auditor: finds the case in the register and its finding, reads the statistics and the access log in words, and downloads the filtered CSV', async () => {
    const { context, page } = await signedIn('auditor');
    expect(new URL(page.url()).pathname).toBe('/audit/register');
    await page.getByLabel('Who asked').selectOption('law_enforcement');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('shown'));
    expect(await page.getByRole('link', { name: caseId.slice(0, 8) }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain('P-0042-7731');
    await accessible(page, '10-auditor-register');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download these rows as CSV' }).click()]);
    const text = readFileSync((await csv.path()), 'utf8');
    expect(text.split('\n')[0]).toContain('caseId,openedAt');
    expect(text).toContain(caseId);
    expect(text).toContain('law_enforcement');

    await page.goto(`${base}/audit/findings`);
    expect(await page.getByRole('row', { name: new RegExp(caseId.slice(0, 8)) }).count()).toBeGreaterThan(0);
    await accessible(page, '11-auditor-findings');
    // The auditor filters findings by what they are about, in words; the codes stay beside them for those who know them.
    await page.getByLabel('What was found').selectOption({ label: 'A police request reached the Director late' });
    await page.getByRole('button', { name: 'Show findings' }).click();
    await page.waitForURL(/rule=LE-REFERRAL-LATE/);
    expect(await page.getByRole('rowheader', { name: /^A police request reached the Director late LE-REFERRAL-LATE$/ }).count()).toBeGreaterThan(0);
    expect(await page.getByText(/^No violations found\. The ledger checks every event/).isVisible()).toBe(true);
    // The words the pages use are explained on one page, linked from every page.
    await page.getByRole('link', { name: 'violation', exact: true }).click();
    await page.waitForURL(/\/glossary#violation$/);
    expect(await page.locator('#violation dd').textContent()).toContain('the policy or the law forbids');
    await accessible(page, '11b-glossary');
    await page.goto(`${base}/audit/stats?from=2026-01-01&to=2026-12-31`);
    expect(await page.locator('svg.chart').count()).toBe(2);
    await accessible(page, '12-auditor-stats');
    const legends = await chartLegends(page);
    for (const legend of legends) {
      expect(legend.entries.length).toBeGreaterThan(0);
      expect(legend.entries.map((e) => e.label)).toEqual(legend.tableHeadings.slice(1, 1 + legend.entries.length));
      expect(legendProblems(legend)).toEqual([]);
    }
    // The longest words there are: every requester kind, laid out in this page's own font.
    const everyKind = stackedMonthlyBars('every-kind', 'Every kind', [{ month: '2026-01', byOutcome: {}, byRequesterKind: { patron: 1 } }], (m) => m.byRequesterKind, requesterKindSeries(REQUESTER_KINDS));
    await page.locator('main').evaluate((main, svg) => main.insertAdjacentHTML('beforeend', svg), everyKind);
    const longest = (await chartLegends(page)).at(-1)!;
    expect(longest.entries).toHaveLength(REQUESTER_KINDS.length);
    expect(new Set(longest.entries.map((e) => e.top)).size).toBeGreaterThan(1);
    expect(legendProblems(longest)).toEqual([]);
    await page.goto(`${base}/audit/access-log?caseId=${caseId}`);
    // Actions in words: what each person did on the case, never "case read — Allowed (303)".
    expect(await page.getByRole('cell', { name: 'Exported the case file as PDF' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Posted a release decision' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Posted a production of records' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: /\(\d{3}\)|_/ }).count()).toBe(0);
    await accessible(page, '13-auditor-access-log');
    await page.goto(`${base}/audit/integrity`);
    await page.getByRole('button', { name: 'Verify the ledger now' }).click();
    expect(await page.getByText('Intact', { exact: true }).isVisible()).toBe(true);
    // What it means comes first, in plain words; hashes, keys and commands wait under "For technical staff".
    expect(await page.getByText(/^Nothing has been changed or removed since it was written: all \d+ records are exactly as they were recorded\. Last checked .* by Audrey Auditor\.$/).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Latest signed checkpoint' }).isVisible()).toBe(false);
    await page.getByText('For technical staff').click();
    expect(await page.getByRole('heading', { name: 'Latest signed checkpoint' }).isVisible()).toBe(true);
    expect(await page.locator('pre.checkpoint').first().textContent()).toMatch(/^\S+\n\d+\n[A-Za-z0-9+/]{43}=\n(?:[^\n]+\n)*\n— \S+ \S+\n$/);
    await accessible(page, '14-auditor-integrity');
    await context.close();
  });

  it('a sealed case is invisible to staff; its content never reaches them', async () => {
    const director = await signedIn('director');
    const staff = await signedIn('staff');
    await staff.page.getByLabel('Law enforcement', { exact: true }).check();
    await staff.page.getByLabel('Their name').fill('Special Agent Quinn');
    await staff.page.getByLabel('In person', { exact: true }).check();
    await staff.page.getByLabel('Which patron?').fill('P-9999-0001');
    await staff.page.getByLabel('Borrowing history').check();
    await staff.page.getByRole('button', { name: 'Check against the policy' }).click();
    await staff.page.waitForURL(/\/cases\//);
    const sealedId = new URL(staff.page.url()).pathname.split('/')[2];
    await staff.page.getByRole('button', { name: 'Refer to the Director' }).click();
    await staff.page.waitForURL(/recorded=/);

    await director.page.goto(`${base}/cases/${sealedId}`);
    const instrument = director.page.getByRole('region', { name: 'Record a subpoena, warrant or order' });
    await instrument.getByLabel('Type of instrument').selectOption('national_security_letter');
    await instrument.getByLabel('Issued by').fill('FBI');
    await fillDate(instrument, 'Served on the library', '2026-01-05', '10:00');
    await instrument.getByLabel('Borrowing history').check();
    await instrument.getByLabel('Yes, seal the case').check();
    await instrument.getByRole('button', { name: 'Record the instrument' }).click();
    await director.page.waitForURL(/recorded=record-instrument/);
    expect(await director.page.getByText('Sealed: non-disclosure order').isVisible()).toBe(true);

    const response = await staff.page.goto(`${base}/cases/${sealedId}`);
    expect(response!.status()).toBe(403);
    const html = await staff.page.content();
    expect(html).toContain('SEALED');
    expect(html).not.toContain('Special Agent Quinn');
    expect(html).not.toContain('P-9999-0001');
    await accessible(staff.page);

    // The order ends: the Director records it (a form left empty lists what to fix first), the case is
    // unsealed for its opener, and the Director records that the patron was told.
    const minutesAgo = (minutes: number) => new Date(ledger.clock.now().getTime() - minutes * 60_000);
    const libraryTime = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const ending = () => director.page.getByRole('region', { name: 'Record the end of a non-disclosure order' });
    await ending().getByRole('button', { name: 'Record the end of the order' }).click();
    await director.page.waitForLoadState('domcontentloaded');
    expect(await director.page.getByRole('alert').first().textContent()).toContain('Select how the order ended');
    await accessible(director.page);
    await ending().getByLabel('Order', { exact: true }).selectOption({ index: 1 });
    await fillDate(ending(), 'Ended on', libraryDate(minutesAgo(5)), libraryTime(minutesAgo(5)));
    await ending().getByLabel('A court lifted the order').check();
    await ending().getByRole('button', { name: 'Record the end of the order' }).click();
    await director.page.waitForURL(/recorded=end-nondisclosure/);
    expect(await director.page.getByText('Sealed: non-disclosure order').count()).toBe(0);
    const notice = director.page.getByRole('region', { name: 'Record that the patron was told' });
    await accessible(director.page, 'case-nondisclosure-ended');
    await notice.getByLabel('How they were told').selectOption('mail');
    await fillDate(notice, 'Told on', libraryDate(minutesAgo(1)), libraryTime(minutesAgo(1)));
    await notice.getByRole('button', { name: 'Record the notice' }).click();
    await director.page.waitForURL(/recorded=record-patron-notice/);
    expect(await director.page.getByRole('region', { name: 'Record that the patron was told' }).count()).toBe(0);
    const reopened = await staff.page.goto(`${base}/cases/${sealedId}`);
    expect(reopened!.status()).toBe(200);
    expect(await staff.page.content()).toContain('Special Agent Quinn');
    await director.context.close();
    await staff.context.close();
  });

  it('the Director attaches the patrons a request about a resource turned out to concern; the page counts them', async () => {
    const opened = await ledger.http
      .post('/v1/cases')
      .set('Authorization', `Bearer ${people.staff.token}`)
      .send({ requester: { kind: 'law_enforcement', name: 'Det. Rowe', agency: 'State Police' }, channel: 'in_person', subject: { kind: 'resource', description: 'Public computer 4' }, requestedCategories: ['computer_sessions'], identification: [{ kind: 'officer_credentials' }] })
      .expect(201);
    await ledger.http.post(`/v1/cases/${opened.body.caseId}/director-referrals`).set('Authorization', `Bearer ${people.staff.token}`).send({}).expect(201);
    const director = await signedIn('director');
    await director.page.goto(`${base}/cases/${opened.body.caseId}`);
    expect(await director.page.getByText('Public computer 4').first().isVisible()).toBe(true);
    const attach = () => director.page.getByRole('region', { name: 'Attach the patrons found' });
    await attach().getByRole('button', { name: 'Attach the patrons' }).click();
    await director.page.waitForLoadState('domcontentloaded');
    expect(await director.page.getByRole('alert').first().textContent()).toContain('Enter at least one card number');
    await accessible(director.page);
    await attach().getByLabel('Card numbers or patron IDs').fill('P-4000-0001\nP-4000-0002');
    await attach().getByRole('button', { name: 'Attach the patrons' }).click();
    await director.page.waitForURL(/recorded=attach-patrons/);
    expect(await director.page.content()).toMatch(/Patrons identified[\s\S]*2: P-4000-000\d/);
    await accessible(director.page, 'case-resource-patrons-attached');
    await director.context.close();
  });

  it('a form posted without the session’s CSRF token is refused and records nothing', async () => {
    const { context, page } = await signedIn('director');
    const before = await ledger.http.get('/health');
    const status = await page.evaluate(async (url) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'note=forged' });
      return response.status;
    }, `${base}/cases/${caseId}/actions/refer-to-director`);
    expect(status).toBe(403);
    const after = await ledger.http.get('/health');
    expect(after.body.position).toBe(before.body.position);
    await context.close();
  });

  it('a session ends after 30 minutes without activity', async () => {
    const { context, page } = await signedIn('auditor');
    ledger.clock.advanceMinutes(31);
    try {
      await page.goto(`${base}/audit/register`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByText('Your session ended after 30 minutes without activity.').isVisible()).toBe(true);
    } finally {
      ledger.clock.advanceMinutes(-31);
      await context.close();
    }
  });
  it('staff record a lost card on the cards, consents and wellness page; a form left empty lists what to fix', async () => {
    const { context, page } = await signedIn('staff');
    await page.getByRole('link', { name: 'Cards, consents and wellness' }).click();
    await page.waitForURL(/\/desk\/patrons$/);
    await accessible(page, '15-desk-patrons');
    const lost = page.getByRole('region', { name: 'Report a lost card' });
    await lost.getByRole('button', { name: 'Report the card lost' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('link', { name: /Enter the patron’s card number/ }).first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await accessible(page);
    await page.getByRole('region', { name: 'Report a lost card' }).getByLabel('Card number or patron ID').fill('P-0042-7731');
    await page.getByRole('region', { name: 'Report a lost card' }).getByRole('button', { name: 'Report the card lost' }).click();
    await page.waitForURL(/recorded=card-lost/);
    expect(page.url()).not.toContain('P-0042');
    await accessible(page);

    // A written consent carries its proof (CONSENT-PROOF): without the patron identified it is refused, with it recorded.
    const consentForm = () => page.getByRole('region', { name: 'Record a patron’s written consent' });
    await consentForm().getByLabel('Card number or patron ID').fill('P-0042-8810');
    await consentForm().getByLabel('Who may receive it').fill('Bo Chen');
    await consentForm().getByRole('checkbox').first().check();
    await consentForm().getByLabel('Fingerprint of the signed form (SHA-256)').fill('ab'.repeat(32));
    await consentForm().getByRole('button', { name: 'Record the consent' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByText('a written consent is recorded only with its proof').first().isVisible()).toBe(true);
    expect(await page.getByText('CONSENT-PROOF').first().isVisible()).toBe(true);
    await accessible(page);
    await consentForm().getByRole('checkbox').first().check();
    await consentForm().getByRole('group', { name: 'How was the patron who signed identified?' }).getByLabel('Photo identification, shown in person').check();
    await consentForm().getByRole('button', { name: 'Record the consent' }).click();
    await page.waitForURL(/recorded=consent/);
    await accessible(page);
    await context.close();
  });

  it('the Director reads the deadlines, appoints a designee on the roster and ends the appointment', async () => {
    const { context, page } = await signedIn('director');
    await page.getByRole('link', { name: 'Deadlines' }).click();
    await page.waitForURL(/\/board\/deadlines$/);
    await accessible(page, '16-director-deadlines');

    await page.getByRole('link', { name: 'Designees' }).click();
    await page.waitForURL(/\/roster$/);
    await accessible(page);
    await page.getByRole('button', { name: 'Appoint the designee' }).click();
    await page.waitForLoadState('domcontentloaded');
    await page.getByRole('link', { name: 'Select the member of staff to appoint' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('userId');
    await accessible(page, '17-roster-form-errors');

    const today = libraryDate(ledger.clock.now());
    const lastDay = libraryDate(new Date(ledger.clock.now().getTime() + 6 * 86_400_000));
    await page.getByLabel('Member of staff').selectOption({ label: 'Sam Desk' });
    await fillDate(page, 'First day', today);
    await fillDate(page, 'Last day', lastDay);
    await page.getByRole('button', { name: 'Appoint the designee' }).click();
    await page.waitForURL(/recorded=appointed/);
    const row = page.getByRole('row', { name: /Sam Desk/ });
    expect(await row.getByText('In force').isVisible()).toBe(true);
    await accessible(page, '18-roster');
    const me = await ledger.http.get('/v1/me').set('Authorization', `Bearer ${people.staff.token}`);
    expect(me.body.designee.active).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /End now/ }).click();
    await page.waitForURL(/recorded=ended/);
    expect(await page.getByRole('row', { name: /Sam Desk/ }).getByText('Ended early').isVisible()).toBe(true);
    await accessible(page);
    await context.close();
  });

  it('the Director chooses which messages come by e-mail: the digest can be turned off, the law-enforcement referral cannot', async () => {
    const { context, page } = await signedIn('director');
    await page.getByRole('link', { name: 'E-mail' }).click();
    await page.waitForURL(/\/account\/notifications$/);
    await accessible(page);
    const referral = page.getByLabel('A law-enforcement request is referred to the director');
    expect([await referral.isChecked(), await referral.isDisabled()]).toEqual([true, true]);
    await page.getByLabel('A daily digest of what is due').uncheck();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByText('Your choices are saved.').isVisible()).toBe(true);
    await accessible(page);
    expect(await page.getByLabel('A daily digest of what is due').isChecked()).toBe(false);
    expect(await page.getByLabel('A legal instrument’s deadline is near').isChecked()).toBe(true);
    expect(await referral.isChecked()).toBe(true);
    await context.close();
  });

  it('the admin adds a person, whose enrollment link opens the set-password page', async () => {
    const { context, page } = await signedIn('admin');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await accessible(page, '19-admin-users');
    await page.getByLabel('Full name').fill('Nora Newcomer');
    await page.getByLabel('Username').fill('nora');
    await page.getByLabel('Circulation staff').check();
    await page.getByRole('button', { name: 'Add and make an enrollment link' }).click();
    await page.waitForLoadState('domcontentloaded');
    const link = (await page.getByLabel('Enrollment link').textContent())!.trim();
    await accessible(page);
    await context.close();

    const visitor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const enroll = await visitor.newPage();
    await enroll.goto(`${base}${new URL(link).pathname}`);
    expect(await enroll.getByRole('heading', { level: 1 }).textContent()).toBe('Set your password');
    await accessible(enroll, '20-enroll');
    await visitor.close();
  });

  it('an address the app does not have is a friendly page with a way home, in the browser too', async () => {
    const { context, page } = await signedIn('director');
    const response = await page.goto(`${base}/desk/no-such-page`);
    expect(response!.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.content()).not.toMatch(/no-such-page|Cannot GET|at \w+ \(/);
    // The signed-in user keeps their way around: the same navigation and sign-out as on every page.
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(['Case board', 'Deadlines', 'New request', 'Designees', 'Findings', 'Find a case']);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await accessible(page);
    await page.getByRole('link', { name: 'Go to your home page' }).click();
    await page.waitForURL(/\/board$/);
    await context.close();

    const visitor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signedOut = await visitor.newPage();
    expect((await signedOut.goto(`${base}/no-such-page`))!.status()).toBe(404);
    expect(await signedOut.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await signedOut.getByRole('navigation').count()).toBe(0);
    expect(await signedOut.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await accessible(signedOut);
    await visitor.close();
  });

  it('a form posted without JavaScript comes back with focus on its error summary', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(people.director.username);
    await page.getByLabel('Password').fill(people.director.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/board$/);
    await page.goto(`${base}/roster`);
    await page.getByRole('button', { name: 'Appoint the designee' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByText('There is a problem').isVisible()).toBe(true);
    expect(await page.locator('.error-summary').evaluate((summary) => summary === document.activeElement)).toBe(true);
    // (axe-core cannot run where scripts are off; this page with its errors is checked in the Director's roster journey.)
    await context.close();
  });

  it('the users table keeps each row in line: every cell of a row shares its top and bottom, at 1280×800 and at 200% zoom', async () => {
    for (const screen of [{ viewport: { width: 1280, height: 800 } }, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }]) {
      const { context, page } = await signedIn('admin', screen);
      await page.goto(`${base}/admin/users`);
      const rows = await page.locator('table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.children].map((cell) => cell.getBoundingClientRect());
          return { cells: cells.length, tops: new Set(cells.map((box) => Math.round(box.top))).size, bottoms: new Set(cells.map((box) => Math.round(box.bottom))).size, buttons: tr.querySelectorAll('button').length };
        }),
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      // A colleague's row: new enrollment link, revoke API tokens, deactivate.
      expect(rows.some((row) => row.buttons === 3)).toBe(true);
      expect(rows.filter((row) => row.cells !== 8 || row.tops !== 1 || row.bottoms !== 1)).toEqual([]);
      await accessible(page, `users-table-${screen.viewport.width}`);
      await context.close();
    }
  });

  it('at 1280×800 zoomed to 200% every page reflows: no sideways scrolling, its controls are on screen and can take focus (WCAG 1.4.10), and axe finds nothing', async () => {
    // A 1280×800 screen at 200% zoom lays pages out in 640×400 CSS pixels at two device pixels each.
    const zoomed = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };
    const tour: [keyof typeof people | null, string[]][] = [
      [null, ['/sign-in']],
      ['staff', ['/desk', '/desk/patrons', '/desk/my-cases']],
      ['director', ['/board', '/board/deadlines', `/cases/${caseId}`, '/roster', '/audit/findings']],
      ['counsel', ['/counsel']],
      ['auditor', ['/audit/register', '/audit/stats?from=2026-01-01&to=2026-12-31', '/audit/access-log', '/audit/integrity']],
      ['admin', ['/admin/users']],
    ];
    const problems: string[] = [];
    for (const [who, paths] of tour) {
      const { context, page } = who ? await signedIn(who, zoomed) : await browser.newContext(zoomed).then(async (c) => ({ context: c, page: await c.newPage() }));
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        const found = await page.evaluate(() => {
          const out: string[] = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) out.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
          const controls = document.querySelectorAll<HTMLElement>('header a, header button, main h1, main :is(input:not([type=hidden]), select, textarea, button, a.button, summary)');
          for (const control of controls) {
            // A control inside a table that scrolls on its own (WCAG 1.4.10 allows data tables to) is reached by scrolling it.
            if (control.closest('.table-scroll')) continue;
            // Inside a closed disclosure widget: reached by opening it (its summary is checked as a control of its own).
            if (control.closest('details:not([open])')) continue;
            control.scrollIntoView({ block: 'center', inline: 'nearest' });
            const box = control.getBoundingClientRect();
            const name = `${control.tagName.toLowerCase()}${control.id ? `#${control.id}` : ''} "${(control.textContent ?? '').trim().slice(0, 30)}"`;
            if (box.width === 0 || box.height === 0) {
              if (getComputedStyle(control).opacity !== '0') out.push(`${name} is not shown`);
            } else if (box.left < 0 || box.right > window.innerWidth + 0.5) out.push(`${name} runs off the screen (${Math.round(box.left)}–${Math.round(box.right)})`);
            if (control.matches('a, button, input, select, textarea, summary')) {
              control.focus();
              if (document.activeElement !== control) out.push(`${name} cannot take focus`);
            }
            if (window.scrollX !== 0) out.push(`showing ${name} scrolled the page sideways`);
          }
          return out;
        });
        problems.push(...found.map((p) => `${path}: ${p}`));
        // axe at this size too: what reflows (tables as cards, the navigation wrapped) is checked as it is shown.
        problems.push(...(await axeViolations(page)).map((violation) => `${path}: axe ${violation}`));
        await screenshot(page, `zoom-${path.split('?')[0].replace(/[0-9a-f-]{36}/, 'case').replaceAll('/', '_').slice(1)}`);
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('a user’s sign-in security page, the code step of signing in and signing in again are accessible', async () => {
    // A person of their own: with an app set up, every later sign-in of theirs asks for a code.
    const clerk = await enrolledUser(ledger, 'staff', 'Tess Twofactor');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const signInAs = async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Username').fill(clerk.username);
      await page.getByLabel('Password').fill(clerk.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState('domcontentloaded');
    };
    await signInAs();
    await page.goto(`${base}/account/security`);
    await accessible(page);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.waitForLoadState('domcontentloaded');
    const secret = (await page.getByLabel('Secret key').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill(totpCode(secret, ledger.clock.now()));
    await page.getByRole('button', { name: 'Confirm the app' }).click();
    await page.waitForLoadState('domcontentloaded');
    await page.goto(`${base}/sign-in/again?return=%2Fdesk`);
    await accessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('domcontentloaded');
    await signInAs();
    expect(new URL(page.url()).pathname).toBe('/sign-in/second-factor');
    await accessible(page);
    await context.close();
  });

  it('anyone reads the published transparency reports without signing in: the list, a report with its chart and table, and its downloads', async () => {
    const director = await ledger.user('director');
    const counsel = await ledger.user('counsel');
    const day = (daysBefore: number) => new Date(ledger.clock.now().getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);
    const prepared = await ledger.http.post('/v1/transparency/reports').set('Authorization', `Bearer ${director.token}`).send({ period: { from: day(2), to: day(1) }, nationalSecurityStructure: 3 });
    expect(prepared.status).toBe(201);
    expect((await ledger.http.post(`/v1/transparency/reports/${prepared.body.reportId}/approval`).set('Authorization', `Bearer ${counsel.token}`)).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/transparency`);
    expect(new URL(page.url()).pathname).toBe('/transparency');
    await accessible(page, 'transparency-reports');
    await page.getByRole('link', { name: `${day(2)} to ${day(1)}` }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).pathname).toBe(`/transparency/${prepared.body.reportId}`);
    expect(await page.getByRole('img', { name: /Requests by outcome/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /All national security process, combined 0\u2013249/ }).count()).toBe(1);
    await accessible(page, 'transparency-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(readFileSync((await download.path()), 'utf8')).toMatch(/^section,item,low,high,shown\r\n/);
    await context.close();
  });

  it('axe-core has checked every page the app has (read from the controllers)', () => {
    const routes = webPageRoutes([...(Reflect.getMetadata('controllers', WebModule) as []), SignInPageController]);
    expect(routes).toEqual(expect.arrayContaining(['/admin/users', '/audit/integrity', '/board/deadlines', '/cases/:caseId', '/desk/patrons', '/enroll/:secret', '/roster', '/sign-in']));
    const unchecked = routes.filter((route) => !PAGES_WITH_JOURNEYS_OF_THEIR_OWN.has(route) && ![...checked].some((path) => matchesRoute(route, path)));
    expect(unchecked).toEqual([]);
  });
});

interface ChartLegend {
  readonly id: string;
  readonly viewBox: { width: number; height: number };
  readonly entries: { label: string; textWidth: number; left: number; right: number; top: number; bottom: number }[];
  /** The column headings of the table that follows the chart. */
  readonly tableHeadings: string[];
}

/** Each chart's legend as Chromium lays it out in the page's own font. */
function chartLegends(page: Page): Promise<ChartLegend[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>('svg.chart')].map((svg) => {
      const table = svg.nextElementSibling?.tagName === 'TABLE' ? svg.nextElementSibling : null;
      return {
        id: svg.getAttribute('aria-labelledby') ?? '',
        viewBox: { width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height },
        entries: [...svg.querySelectorAll<SVGTextElement>('g.legend text')].map((text) => {
          const swatch = (text.previousElementSibling as SVGRectElement).getBBox();
          const words = text.getBBox();
          return {
            label: text.textContent ?? '',
            textWidth: text.getComputedTextLength(),
            left: Math.min(swatch.x, words.x),
            right: Math.max(swatch.x + swatch.width, words.x + words.width),
            top: Math.min(swatch.y, words.y),
            bottom: Math.max(swatch.y + swatch.height, words.y + words.height),
          };
        }),
        tableHeadings: table ? [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '') : [],
      };
    }),
  );
}

/** Legend entries whose words outgrow the server's estimate, overlap another entry, or reach outside the chart. */
function legendProblems(legend: ChartLegend): string[] {
  const problems: string[] = [];
  legend.entries.forEach((entry, i) => {
    if (entry.textWidth > estimatedTextWidth(entry.label)) problems.push(`${legend.id}: "${entry.label}" is ${entry.textWidth}px wide, wider than estimated`);
    if (entry.left < 0 || entry.top < 0 || entry.right > legend.viewBox.width || entry.bottom > legend.viewBox.height) problems.push(`${legend.id}: "${entry.label}" reaches outside the chart`);
    for (const other of legend.entries.slice(i + 1)) {
      if (entry.left < other.right && other.left < entry.right && entry.top < other.bottom && other.top < entry.bottom) problems.push(`${legend.id}: "${entry.label}" overlaps "${other.label}"`);
    }
  });
  return problems;
}

/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAutofocus, axeViolations, browserSuite, focused, launchChromium, matchesRoute, PAGES_WITH_JOURNEYS_OF_THEIR_OWN, screenshot, tabTo, webPageRoutes, enrolJourneyPeople, type JourneyPeople } from './browser-support.js';
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

type Person = keyof JourneyPeople;
type Screen = { viewport: { width: number; height: number }; deviceScaleFactor?: number };
const DESKTOP: Screen = { viewport: { width: 1280, height: 800 } };
/**
 * A 1280×800 window zoomed to 200% lays pages out in 640×400 CSS pixels (at two device pixels each, which
 * changes no layout here: app.css has no resolution-dependent rule), so a person's own browser, resized to
 * that, shows their pages as they read them zoomed.
 */
const ZOOMED: Screen = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };
const PHONE: Screen = { viewport: { width: 390, height: 844 } };

/**
 * The people who work a police request, each at their own tasks, on a bad day, end to end through the
 * real server in a real Chromium — one `describe` per person, in the order the case passes between them:
 * the desk with an officer waiting (with the keyboard alone), the Director under a return date, counsel
 * advising within the subpoena's scope, the auditor reading it all back, then the admin and anyone at all.
 * Each person keeps one signed-in browser through their tasks, as people keep theirs open through the day,
 * and each ends by looking at their pages at 200% zoom. Every page opened, and every htmx swap, is checked
 * with axe-core (WCAG 2.2 AA). The timeout warning at the desk and every person's pages at a phone's width
 * are in keyboard-and-phone.browser-spec.ts.
 */
browserSuite('web application in Chromium: each person at their tasks', () => {
  // A real browser on a shared two-core machine: generous, and no test measures time.
  jest.setTimeout(180_000);
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  const people: JourneyPeople = {} as never;
  /** The police request the desk records today: the Director sends it to counsel, who advises on it. */
  let todays = '';
  /** A police request counsel has already advised on: the Director decides it today. */
  let advised = '';
  /** The paths axe-core has checked, to show at the end that every page of the app was. */
  const checked = new Set<string>();
  /** Each person's own browser, signed in once and kept through their tasks. */
  const desks = new Map<Person, Page>();

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

  async function signInOn(page: Page, who: Person): Promise<void> {
    await page.getByLabel('Username').fill(people[who].username);
    await page.getByLabel('Password').fill(people[who].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('domcontentloaded');
  }

  /** A browser of its own for `who` (closed by the caller): another screen, or a second person at once. */
  async function signedIn(who: Person, screen: Screen = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...screen, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await signInOn(page, who);
    return { context, page };
  }

  /** The person's own browser, the one they keep open through their tasks (signed in the first time it is asked for). */
  async function deskOf(who: Person): Promise<Page> {
    const kept = desks.get(who);
    if (kept) return kept;
    const { page } = await signedIn(who);
    desks.set(who, page);
    return page;
  }

  async function accessible(page: Page, name?: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    checked.add(new URL(page.url()).pathname);
    if (name) await screenshot(page, name);
  }

  /** Opens `path` and answers what does not reflow there (WCAG 1.4.10): sideways scrolling, controls off screen or unable to take focus, and axe's findings at this size. */
  async function reflowProblems(page: Page, path: string): Promise<string[]> {
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
    // axe at this size too: what reflows (tables as cards, the navigation wrapped) is checked as it is shown.
    const violations = await axeViolations(page);
    await screenshot(page, `zoom-${path.split('?')[0].replace(/[0-9a-f-]{36}/, 'case').replaceAll('/', '_').slice(1)}`);
    return [...found, ...violations.map((violation) => `axe ${violation}`)].map((problem) => `${path}: ${problem}`);
  }

  /** The person's own browser at another size for `look`, then back at their desk's. */
  async function resizedFor<T>(who: Person, screen: Screen, look: (page: Page) => Promise<T>): Promise<T> {
    const page = await deskOf(who);
    await page.setViewportSize(screen.viewport);
    try {
      return await look(page);
    } finally {
      await page.setViewportSize(DESKTOP.viewport);
    }
  }

  /** The person's pages at 1280×800 zoomed to 200% (signed out: in a browser of its own): what does not reflow on any of them. */
  async function atZoom(who: Person | null, paths: readonly string[]): Promise<string[]> {
    const tour = async (page: Page) => {
      const problems: string[] = [];
      for (const path of paths) problems.push(...(await reflowProblems(page, path)));
      return problems;
    };
    if (who) return resizedFor(who, ZOOMED, tour);
    const context = await browser.newContext(ZOOMED);
    const problems = await tour(await context.newPage());
    await context.close();
    return problems;
  }

  describe('anyone, before signing in', () => {
    it('is sent to sign in from any page, and the sign-in page is accessible', async () => {
      const context = await browser.newContext(DESKTOP);
      const page = await context.newPage();
      await page.goto(`${base}/board`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await accessible(page, '01-sign-in');
      await context.close();
    });

    it('meets a page that says so, with no navigation, at an address the app does not have', async () => {
      const visitor = await browser.newContext(DESKTOP);
      const signedOut = await visitor.newPage();
      expect((await signedOut.goto(`${base}/no-such-page`))!.status()).toBe(404);
      expect(await signedOut.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await signedOut.getByRole('navigation').count()).toBe(0);
      expect(await signedOut.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      await accessible(signedOut);
      await visitor.close();
    });

    it('reads the published transparency reports: the list, a report with its chart and table, and its downloads', async () => {
      const director = await ledger.user('director');
      const counsel = await ledger.user('counsel');
      // A period is over at the library's midnight (TR6): two days back is over in any zone whatever the hour.
      const day = (daysBefore: number) => new Date(ledger.clock.now().getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);
      const prepared = await ledger.http.post('/v1/transparency/reports').set('Authorization', `Bearer ${director.token}`).send({ period: { from: day(3), to: day(2) }, nationalSecurityStructure: 3 });
      expect(prepared.status).toBe(201);
      expect((await ledger.http.post(`/v1/transparency/reports/${prepared.body.reportId}/approval`).set('Authorization', `Bearer ${counsel.token}`)).status).toBe(200);

      const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${base}/transparency`);
      expect(new URL(page.url()).pathname).toBe('/transparency');
      await accessible(page, 'transparency-reports');
      await page.getByRole('link', { name: `${day(3)} to ${day(2)}` }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(new URL(page.url()).pathname).toBe(`/transparency/${prepared.body.reportId}`);
      expect(await page.getByRole('img', { name: /Requests by outcome/ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /All national security process, combined 0\u2013249/ }).count()).toBe(1);
      await accessible(page, 'transparency-report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(readFileSync(await download.path(), 'utf8')).toMatch(/^section,item,low,high,shown\r\n/);
      await context.close();
    });

    it('at 200% zoom the sign-in page reflows', async () => {
      expect(await atZoom(null, ['/sign-in'])).toEqual([]);
    });
  });

  /**
   * The desk, with the keyboard alone — Tab, Shift+Tab, Enter, Space and the arrow keys, never a click:
   * a clerk signs in, records a police request with the officer waiting, reads what to say, refers it to
   * the Director (an hour late, which the auditor will find), finds it under "My cases" and by searching.
   */
  describe('desk staff, with an officer waiting', () => {
    it('records the police request with the keyboard alone, is told what to say, and refers it to the Director', async () => {
      const context = await browser.newContext(DESKTOP);
      const page = await context.newPage();
      desks.set('staff', page);
      await page.goto(`${base}/`);
      await tabTo(page, 'Skip to main content');
      await tabTo(page, 'Username');
      await page.keyboard.type(people.staff.username);
      await tabTo(page, 'Password');
      await page.keyboard.type(people.staff.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/desk$/);
      await accessible(page, '02-desk');

      // Who is asking: the first choice takes focus, the arrow keys move the choice.
      await tabTo(page, 'The patron themself');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      expect((await focused(page)).text).toBe('Law enforcement');
      // Each answer in the order Tab reaches it: words typed, or a box or choice ticked with Space.
      const answers: [control: string, typed: string][] = [
        ['Their name', 'Det. Rowan Hale'],
        ['Agency or organisation (if any)', 'Hartford Police Department'],
        ['In person', 'Space'],
        ['Which patron?', 'P-0042-7731'],
        ['Borrowing history', 'Space'],
        ['Officer’s credentials', 'Space'],
      ];
      for (const [control, typed] of answers) {
        await tabTo(page, control);
        await (typed === 'Space' ? page.keyboard.press('Space') : page.keyboard.type(typed));
      }
      await tabTo(page, 'Check against the policy');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      todays = new URL(page.url()).pathname.split('/')[2]!;
      expect(page.url()).not.toContain('P-0042');

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
      await tabTo(page, 'Refer to the Director');
      await page.keyboard.press('Enter');
      await page.waitForURL(/recorded=refer-to-director/);
      // The confirmation takes focus, so a screen reader says it at once.
      await afterAutofocus(page);
      expect((await focused(page)).text).toContain('The case is now with the Director.');
      await accessible(page);
    });

    it('finds the request again under "My cases", waiting for the Director, and by searching for who asked', async () => {
      const page = await deskOf('staff');
      await tabTo(page, 'My cases');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/desk\/my-cases$/);
      expect(await page.getByRole('row', { name: new RegExp(todays.slice(0, 8)) }).textContent()).toMatch(/Law enforcement: Hartford Police Department.*With the Director.*Explain the policy or record the instrument/s);
      await accessible(page, '03b-my-cases');

      await tabTo(page, 'Find a case');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search$/);
      // Staff search by case, docket or who asked, never by patron.
      expect(await page.getByLabel('Patron card number or ID').count()).toBe(0);
      await accessible(page);
      await tabTo(page, 'Name of who asked');
      await page.keyboard.type('rowan hale');
      await page.keyboard.press('Enter');
      await page.getByRole('table', { name: /Cases found/ }).waitFor();
      expect(await page.getByRole('row', { name: new RegExp(todays.slice(0, 8)) }).textContent()).toContain('Law enforcement: Det. Rowan Hale');
      await accessible(page);
      await tabTo(page, todays.slice(0, 8));
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/cases/${todays}$`));
      await accessible(page);
    });

    it('cannot reach the Director’s pages, and is told so in words', async () => {
      const page = await deskOf('staff');
      const response = await page.goto(`${base}/board`);
      expect(response!.status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You cannot see this page');
      expect(await page.content()).not.toMatch(/at \w+ \(|node_modules/);
      await accessible(page);
    });

    it('records a lost card and a written consent on the cards, consents and wellness page; a form left empty lists what to fix', async () => {
      const page = await deskOf('staff');
      await page.goto(`${base}/desk`);
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
    });

    it('a clerk with an authenticator app: the sign-in security page, the code step of signing in and signing in again are accessible', async () => {
      // A person of their own: with an app set up, every later sign-in of theirs asks for a code.
      const clerk = await enrolledUser(ledger, 'staff', 'Tess Twofactor');
      const context = await browser.newContext(DESKTOP);
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

    it('at 200% zoom the desk’s pages reflow', async () => {
      expect(await atZoom('staff', ['/desk', '/desk/patrons', '/desk/my-cases'])).toEqual([]);
    });
  });

  describe('the Director, under a return date', () => {
    beforeAll(async () => {
      // The request counsel advised on before today: a subpoena on file, counsel's advice in, waiting for the Director.
      const as = (who: Person) => ({ Authorization: `Bearer ${people[who].token}` });
      const opened = await ledger.http
        .post('/v1/cases')
        .set(as('staff'))
        .send({ requester: { kind: 'law_enforcement', name: 'Det. Morgan Reyes', agency: 'Hartford Police Department' }, channel: 'in_person', patron: { ref: 'P-0042-5518' }, requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }] })
        .expect(201);
      advised = opened.body.caseId as string;
      await ledger.http.post(`/v1/cases/${advised}/director-referrals`).set(as('staff')).send({}).expect(201);
      await ledger.http
        .post(`/v1/cases/${advised}/legal-instruments`)
        .set(as('director'))
        .send({ type: 'subpoena', issuedBy: 'Superior Court, Hartford', docketNumber: 'HHD-CR26-0001', servedAt: '2026-01-02T14:30:00.000Z', returnDate: '2026-01-20T20:00:00.000Z', scope: { categories: ['circulation_history'] }, nondisclosureOrder: false })
        .expect(201);
      await ledger.http.post(`/v1/cases/${advised}/counsel-referrals`).set(as('director')).send({ counselUserId: people.counsel.userId, note: 'Return date on the 20th.' }).expect(201);
      await ledger.http
        .post(`/v1/cases/${advised}/counsel-advice`)
        .set(as('counsel'))
        .send({ advice: 'comply', notes: 'The subpoena alone does not satisfy CGS § 11-25; comply once a court order is served.' })
        .expect(201);
      // The Director's browser keeps a clock the journey can move, for the session's end (the last task).
      const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(`${base}/`);
      await signInOn(page, 'director');
      desks.set('director', page);
    });

    it('reads the board soonest deadline first, the advised request marked "Needs your decision"; on a phone, one card per case naming who asked', async () => {
      const page = await deskOf('director');
      expect(new URL(page.url()).pathname).toBe('/board');
      expect(await page.getByLabel('Order').inputValue()).toBe('deadline');
      expect(await page.getByRole('row', { name: new RegExp(advised.slice(0, 8)) }).getByText('Needs your decision').isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: new RegExp(todays.slice(0, 8)) }).getByText('Needs your decision').count()).toBe(0);
      await accessible(page, '04-director-board');

      await resizedFor('director', PHONE, async (phone) => {
        await phone.goto(`${base}/board?status=all`);
        const rows = phone.locator('#results tbody tr');
        const card = await rows.first().evaluate((row) => ({ display: getComputedStyle(row).display, label: getComputedStyle(row.querySelector('td[data-label]')!, '::before').content }));
        expect(card).toEqual({ display: 'block', label: '"Who asked"' });
        expect(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        expect(await phone.locator('#results').getByText('Law enforcement: Hartford Police Department').count()).toBeGreaterThan(0);
        await accessible(phone, '09c-board-phone');
      });
    });

    it('records the subpoena served on today’s request with its dates in local time, and refers it to counsel with a note', async () => {
      const page = await deskOf('director');
      await page.getByRole('link', { name: todays.slice(0, 8) }).click();
      await page.waitForURL(new RegExp(`/cases/${todays}`));
      expect(await page.getByText('P-0042-7731').isVisible()).toBe(true);

      const instrument = page.getByRole('region', { name: 'Record a subpoena, warrant or order' });
      await instrument.getByLabel('Type of instrument').selectOption('subpoena');
      await instrument.getByLabel('Issued by').fill('Superior Court, Hartford');
      await instrument.getByLabel('Docket number (optional)').fill('HHD-CR26-0002');
      await fillDate(instrument, 'Served on the library', '2026-01-05', '10:00');
      await fillDate(instrument, 'Return date (optional)', '2026-01-25', '16:00');
      await instrument.getByLabel('Borrowing history').check();
      await instrument.getByRole('button', { name: 'Record the instrument' }).click();
      await page.waitForURL(/recorded=record-instrument/);
      // The case page tells the instrument in full, the deadlines counsel works to included.
      const recorded = (await page.getByRole('region', { name: 'Legal instrument: Subpoena' }).textContent())!;
      expect(recorded).toMatch(/Docket number\s*HHD-CR26-0002/);
      expect(recorded).toMatch(/Return date\s*25 Jan 2026, 16:00 EST/);
      expect(recorded).toMatch(/Last day to object\s*19 Jan 2026, 23:59 EST/);
      expect(recorded).toMatch(/Non-disclosure \(gag\) order\s*No/);
      // The form says what is on file already, so the Director does not record it twice.
      expect(await instrument.getByText('Subpoena from Superior Court, Hartford (docket HHD-CR26-0002), served 5 Jan 2026, 10:00 EST').isVisible()).toBe(true);
      await accessible(page, '05-case-director');

      const referral = page.getByRole('region', { name: 'Refer to counsel' });
      await referral.getByLabel('Counsel', { exact: true }).selectOption({ label: 'Cora Counsel' });
      await referral.getByLabel('Note for counsel (optional)').fill('The return date is close: please advise this week.');
      await referral.getByRole('button', { name: 'Refer to counsel' }).click();
      await page.waitForURL(/recorded=refer-to-counsel/);
      await accessible(page);
    });

    it('reads the advised request whole before deciding: the subpoena in local time, counsel’s notes in full, and what is missing', async () => {
      const page = await deskOf('director');
      await page.goto(`${base}/board`);
      await page.getByRole('link', { name: advised.slice(0, 8) }).click();
      await page.waitForURL(new RegExp(`/cases/${advised}`));
      const subpoena = (await page.getByRole('region', { name: 'Legal instrument: Subpoena' }).textContent())!;
      expect(subpoena).toMatch(/Served on the library\s*2 Jan 2026, 09:30 EST/);
      expect(subpoena).toMatch(/Return date\s*20 Jan 2026, 15:00 EST/);
      expect(subpoena).toMatch(/Last day to object\s*16 Jan 2026, 23:59 EST/);
      expect(await page.getByRole('region', { name: 'Referral to counsel' }).getByText('Return date on the 20th.').isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'Counsel’s advice' }).getByText('The subpoena alone does not satisfy CGS § 11-25; comply once a court order is served.').isVisible()).toBe(true);
      // With only the subpoena on file, the decision form says what is missing before anything is chosen.
      expect(await page.getByRole('region', { name: 'Decide' }).getByText(/^No court order or search warrant is recorded: record one, or deny\./).isVisible()).toBe(true);
      await accessible(page);
    });

    it('is refused a release the subpoena alone does not allow: a GOV.UK error summary, "Error: " in the title, linked to the decision', async () => {
      const page = await deskOf('director');
      const decide = page.getByRole('region', { name: 'Decide' });
      await decide.getByLabel('Release', { exact: true }).check();
      await decide.getByLabel('Borrowing history').check();
      await decide.getByLabel('Rationale').fill('Counsel advises compliance.');
      await decide.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.title()).toMatch(/^Error: /);
      // The refusal in words, with the rule it rests on, and nothing recorded; its link goes to the decision.
      const summary = page.locator('.error-summary');
      expect(await summary.getByText('There is a problem').isVisible()).toBe(true);
      expect(await summary.getByText('Nothing was recorded.').isVisible()).toBe(true);
      expect(await summary.locator('.rule-line').textContent()).toContain('LE-STATUTE-COURT-ORDER');
      const link = summary.getByRole('link');
      expect(await link.textContent()).toMatch(/court order|warrant/i);
      await link.click();
      expect(page.url()).toMatch(/#decide-decision$/);
      await accessible(page, '08-case-form-errors');
    });

    it('records the court order, decides and produces; the page tells the decision, the production and the timeline in words', async () => {
      const page = await deskOf('director');
      const instrument = page.getByRole('region', { name: 'Record a subpoena, warrant or order' });
      await instrument.getByLabel('Type of instrument').selectOption('court_order');
      await instrument.getByLabel('Issued by').fill('Superior Court, Hartford');
      await fillDate(instrument, 'Served on the library', '2026-01-06', '09:00');
      await instrument.getByLabel('Borrowing history').check();
      await instrument.getByRole('button', { name: 'Record the instrument' }).click();
      await page.waitForURL(/recorded=record-instrument/);
      // The court order is on file now: no inset.
      expect(await page.getByRole('region', { name: 'Decide' }).getByText(/No court order or search warrant/).count()).toBe(0);

      const decide = page.getByRole('region', { name: 'Decide' });
      await decide.getByLabel('Release', { exact: true }).check();
      await decide.getByLabel('Borrowing history').check();
      await decide.getByLabel('Rationale').fill('Court order served; counsel advises compliance.');
      await decide.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForURL(/recorded=decide/);

      const produce = page.getByRole('region', { name: 'Record the production of records' });
      await produce.getByLabel('Borrowing history').check();
      await produce.getByLabel('Given to').fill('Det. Morgan Reyes');
      await produce.getByLabel('How').selectOption('in_person');
      await produce.getByRole('button', { name: 'Record the production' }).click();
      await page.waitForURL(/recorded=produce/);
      expect(await page.getByText('Released', { exact: true }).first().isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'The Director’s decision' }).getByText('Court order served; counsel advises compliance.').isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'Production' }).getByText('Det. Morgan Reyes').isVisible()).toBe(true);
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
    });

    it('attaches the scanned subpoena (a file that is not a scan is told at the field) and finds the case again by its docket number', async () => {
      const page = await deskOf('director');
      expect(await page.getByText('No documents attached yet.').isVisible()).toBe(true);
      const attach = () => page.getByRole('region', { name: 'Attach the scanned document' });
      const subpoenaScan = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
        await attach().getByLabel('A subpoena, warrant or order served').check();
        await attach().getByLabel('Which instrument').selectOption(await attach().locator('option', { hasText: 'Subpoena' }).getAttribute('value'));
        await attach().getByLabel('Upload the scan').setInputFiles(file);
        await attach().getByRole('button', { name: 'Attach the document' }).click();
        await page.waitForLoadState('domcontentloaded');
      };
      await subpoenaScan({ name: 'subpoena.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.getByRole('link', { name: /^The selected file must be a PDF, a PNG or a JPEG/ }).isVisible()).toBe(true);
      await accessible(page);
      await subpoenaScan({ name: 'subpoena.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nSubpoena, Superior Court, Hartford\n%%EOF\n') });
      await page.waitForURL(/recorded=attach/);
      expect(await page.getByText('The document is attached to the case.').isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: /subpoena\.pdf.*Scan of the subpoena from Superior Court, Hartford/ }).isVisible()).toBe(true);
      await accessible(page);

      // Finding the case again by the subpoena's docket number, from the navigation.
      await page.getByRole('link', { name: 'Find a case' }).click();
      await accessible(page);
      await page.getByLabel('Docket number').fill('hhd-cr26 0001');
      await page.getByRole('button', { name: 'Search' }).click();
      const found = page.getByRole('table', { name: /Cases found/ });
      expect(await found.getByRole('link', { name: advised.slice(0, 8) }).isVisible()).toBe(true);
      expect(await found.getByRole('link', { name: todays.slice(0, 8) }).count()).toBe(0);
      await accessible(page);
    });

    it('prints the case: on paper no navigation or forms, a confidential header, the patron number masked unless asked', async () => {
      const page = await deskOf('director');
      await page.goto(`${base}/cases/${advised}`);
      await page.getByRole('link', { name: 'Print this case' }).click();
      await page.waitForURL(new RegExp(`/cases/${advised}/print$`));
      expect(await page.getByText('P-0042-5518').count()).toBe(0);
      expect(await page.getByText('•••• 5518 (masked)').isVisible()).toBe(true);
      await accessible(page, '09b-case-print');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByText('Confidential: library records. Do not copy or leave unattended.').isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.locator('form:visible, button:visible').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'The Director’s decision' }).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.getByText('Confidential: library records.').isVisible()).toBe(false);
      await page.getByRole('link', { name: 'print it in full' }).click();
      expect(await page.getByText('P-0042-5518').isVisible()).toBe(true);
      // Staff who may read the case print it masked, and cannot ask for the number in full.
      const staff = await deskOf('staff');
      const refused = await staff.goto(`${base}/cases/${advised}/print?patronNumbers=shown`);
      expect(refused!.status()).toBe(403);
      expect(await staff.content()).not.toContain('P-0042-5518');
    });

    it('seals a case under a non-disclosure order, so that nothing of it reaches staff, and unseals it when the order ends', async () => {
      const director = await deskOf('director');
      const staff = await deskOf('staff');
      await staff.goto(`${base}/desk`);
      await staff.getByLabel('Law enforcement', { exact: true }).check();
      await staff.getByLabel('Their name').fill('Special Agent Quinn');
      await staff.getByLabel('In person', { exact: true }).check();
      await staff.getByLabel('Which patron?').fill('P-9999-0001');
      await staff.getByLabel('Borrowing history').check();
      await staff.getByRole('button', { name: 'Check against the policy' }).click();
      await staff.waitForURL(/\/cases\//);
      const sealedId = new URL(staff.url()).pathname.split('/')[2];
      await staff.getByRole('button', { name: 'Refer to the Director' }).click();
      await staff.waitForURL(/recorded=/);

      await director.goto(`${base}/cases/${sealedId}`);
      const instrument = director.getByRole('region', { name: 'Record a subpoena, warrant or order' });
      await instrument.getByLabel('Type of instrument').selectOption('national_security_letter');
      await instrument.getByLabel('Issued by').fill('FBI');
      await fillDate(instrument, 'Served on the library', '2026-01-05', '10:00');
      await instrument.getByLabel('Borrowing history').check();
      await instrument.getByLabel('Yes, seal the case').check();
      await instrument.getByRole('button', { name: 'Record the instrument' }).click();
      await director.waitForURL(/recorded=record-instrument/);
      expect(await director.getByText('Sealed: non-disclosure order').isVisible()).toBe(true);

      const response = await staff.goto(`${base}/cases/${sealedId}`);
      expect(response!.status()).toBe(403);
      const html = await staff.content();
      expect(html).toContain('SEALED');
      expect(html).not.toContain('Special Agent Quinn');
      expect(html).not.toContain('P-9999-0001');
      await accessible(staff);

      // The order ends: the Director records it (a form left empty lists what to fix first), the case is
      // unsealed for its opener, and the Director records that the patron was told.
      const minutesAgo = (minutes: number) => new Date(ledger.clock.now().getTime() - minutes * 60_000);
      const libraryTime = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      const ending = () => director.getByRole('region', { name: 'Record the end of a non-disclosure order' });
      await ending().getByRole('button', { name: 'Record the end of the order' }).click();
      await director.waitForLoadState('domcontentloaded');
      expect(await director.getByRole('alert').first().textContent()).toContain('Select how the order ended');
      await accessible(director);
      await ending().getByLabel('Order', { exact: true }).selectOption({ index: 1 });
      await fillDate(ending(), 'Ended on', libraryDate(minutesAgo(5)), libraryTime(minutesAgo(5)));
      await ending().getByLabel('A court lifted the order').check();
      await ending().getByRole('button', { name: 'Record the end of the order' }).click();
      await director.waitForURL(/recorded=end-nondisclosure/);
      expect(await director.getByText('Sealed: non-disclosure order').count()).toBe(0);
      const notice = director.getByRole('region', { name: 'Record that the patron was told' });
      await accessible(director, 'case-nondisclosure-ended');
      await notice.getByLabel('How they were told').selectOption('mail');
      await fillDate(notice, 'Told on', libraryDate(minutesAgo(1)), libraryTime(minutesAgo(1)));
      await notice.getByRole('button', { name: 'Record the notice' }).click();
      await director.waitForURL(/recorded=record-patron-notice/);
      expect(await director.getByRole('region', { name: 'Record that the patron was told' }).count()).toBe(0);
      const reopened = await staff.goto(`${base}/cases/${sealedId}`);
      expect(reopened!.status()).toBe(200);
      expect(await staff.content()).toContain('Special Agent Quinn');
    });

    it('attaches the patrons a request about a resource turned out to concern; the page counts them', async () => {
      const opened = await ledger.http
        .post('/v1/cases')
        .set('Authorization', `Bearer ${people.staff.token}`)
        .send({ requester: { kind: 'law_enforcement', name: 'Det. Rowe', agency: 'State Police' }, channel: 'in_person', subject: { kind: 'resource', description: 'Public computer 4' }, requestedCategories: ['computer_sessions'], identification: [{ kind: 'officer_credentials' }] })
        .expect(201);
      await ledger.http.post(`/v1/cases/${opened.body.caseId}/director-referrals`).set('Authorization', `Bearer ${people.staff.token}`).send({}).expect(201);
      const page = await deskOf('director');
      await page.goto(`${base}/cases/${opened.body.caseId}`);
      expect(await page.getByText('Public computer 4').first().isVisible()).toBe(true);
      const attach = () => page.getByRole('region', { name: 'Attach the patrons found' });
      await attach().getByRole('button', { name: 'Attach the patrons' }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.getByRole('alert').first().textContent()).toContain('Enter at least one card number');
      await accessible(page);
      await attach().getByLabel('Card numbers or patron IDs').fill('P-4000-0001\nP-4000-0002');
      await attach().getByRole('button', { name: 'Attach the patrons' }).click();
      await page.waitForURL(/recorded=attach-patrons/);
      expect(await page.content()).toMatch(/Patrons identified[\s\S]*2: P-4000-000\d/);
      await accessible(page, 'case-resource-patrons-attached');
    });

    it('reads the deadlines, appoints a designee on the roster and ends the appointment', async () => {
      const page = await deskOf('director');
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
    });

    it('without JavaScript, a form posted comes back with focus on its error summary', async () => {
      const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await signInOn(page, 'director');
      await page.goto(`${base}/roster`);
      await page.getByRole('button', { name: 'Appoint the designee' }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.getByText('There is a problem').isVisible()).toBe(true);
      expect(await page.locator('.error-summary').evaluate((summary) => summary === document.activeElement)).toBe(true);
      // (axe-core cannot run where scripts are off; this page with its errors is checked in the roster task above.)
      await context.close();
    });

    it('chooses which messages come by e-mail: the digest can be turned off, the law-enforcement referral cannot', async () => {
      const page = await deskOf('director');
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
    });

    it('a form posted without the session’s CSRF token is refused and records nothing', async () => {
      const page = await deskOf('director');
      const before = await ledger.http.get('/health');
      const status = await page.evaluate(async (url) => {
        const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'note=forged' });
        return response.status;
      }, `${base}/cases/${todays}/actions/refer-to-director`);
      expect(status).toBe(403);
      const after = await ledger.http.get('/health');
      expect(after.body.position).toBe(before.body.position);
    });

    it('at an address the app does not have, keeps the navigation and a way home', async () => {
      const page = await deskOf('director');
      const response = await page.goto(`${base}/desk/no-such-page`);
      expect(response!.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await page.content()).not.toMatch(/no-such-page|Cannot GET|at \w+ \(/);
      // The signed-in user keeps their way around: the same navigation and sign-out as on every page.
      const navigation = page.getByRole('navigation', { name: 'Main' });
      expect(await navigation.getByRole('link').allTextContents()).toEqual(['Case board', 'Deadlines', 'New request', 'Designees', 'Findings', 'Transparency reports', 'Find a case']);
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      await accessible(page);
      await page.getByRole('link', { name: 'Go to your home page' }).click();
      await page.waitForURL(/\/board$/);
    });

    it('called away while writing a note: warned before the session ends, signed out, and back to the note as typed after signing in again', async () => {
      const page = await deskOf('director');
      await page.goto(`${base}/cases/${advised}`);
      // An empty note is refused with the GOV.UK summary.
      await page.getByRole('region', { name: 'Add a note' }).getByRole('button', { name: 'Add the note' }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.getByText('There is a problem').isVisible()).toBe(true);
      await page.getByRole('region', { name: 'Add a note' }).getByLabel('Note').fill('Records handed to Det. Reyes at the desk.\nReceipt in the file.');
      const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
      await page.clock.fastForward('28:01');
      expect(await dialog.isVisible()).toBe(true);
      expect((await focused(page)).text).toBe('Stay signed in');
      await accessible(page);
      await page.clock.fastForward('02:00');
      await page.waitForURL(/\/sign-in\?expired=1$/);
      await signInOn(page, 'director');
      await page.waitForURL(new RegExp(`/cases/${advised}$`));
      expect(await page.getByRole('status').filter({ hasText: 'Your answers were kept' }).isVisible()).toBe(true);
      const note = page.getByRole('region', { name: 'Add a note' });
      expect(await note.getByLabel('Note').inputValue()).toBe('Records handed to Det. Reyes at the desk.\nReceipt in the file.');
      await accessible(page);
      await note.getByRole('button', { name: 'Add the note' }).click();
      await page.waitForURL(/recorded=add-note/);
      // The note in full, with who wrote it.
      expect(await page.locator('ul.notes li').filter({ hasText: 'Records handed to Det. Reyes at the desk.' }).getByText(/· Dana Director$/).isVisible()).toBe(true);
    });

    it('at 200% zoom the Director’s pages reflow', async () => {
      expect(await atZoom('director', ['/board', '/board/deadlines', `/cases/${advised}`, '/roster', '/audit/findings'])).toEqual([]);
    });
  });

  describe('counsel, before the return date', () => {
    it('finds the deadline and the Director’s note on the page, advises within the subpoena’s scope, and downloads the case file', async () => {
      const page = await deskOf('counsel');
      expect(new URL(page.url()).pathname).toBe('/counsel');
      await accessible(page, '06-counsel-queue');
      // The queue says what each case's soonest deadline is, so counsel knows which to open first.
      expect(await page.getByRole('row', { name: new RegExp(todays.slice(0, 8)) }).locator('td[data-label="Next deadline"]').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} 20\d\d, \d\d:\d\d E[SD]T$/);
      await page.getByRole('link', { name: todays.slice(0, 8) }).click();
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
      await accessible(page);
      await advice.getByLabel('Comply', { exact: true }).check();
      await advice.getByLabel('Notes (optional)').fill('Comply once a court order is served: the subpoena alone does not satisfy CGS § 11-25.');
      await advice.getByRole('button', { name: 'Record the advice' }).click();
      await page.waitForURL(/recorded=advise/);
      await accessible(page, '07-case-counsel');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^PDF/ }).click()]);
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('at 200% zoom counsel’s queue reflows', async () => {
      expect(await atZoom('counsel', ['/counsel'])).toEqual([]);
    });
  });

  describe('the auditor', () => {
    it('finds every instrument in the register, those that authorised the release marked, the outcome as the case tells it, and downloads the filtered CSV', async () => {
      const page = await deskOf('auditor');
      expect(new URL(page.url()).pathname).toBe('/audit/register');
      await page.getByLabel('Who asked').selectOption('law_enforcement');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('shown'));
      expect(await page.getByRole('link', { name: todays.slice(0, 8) }).isVisible()).toBe(true);
      expect(await page.content()).not.toMatch(/P-0042-7731|P-0042-5518/);
      const row = page.getByRole('row', { name: new RegExp(advised.slice(0, 8)) });
      expect(await row.locator('li').allTextContents()).toEqual(['Subpoena', 'Court order Authorised the release']);
      expect(await row.getByRole('cell', { name: 'Released', exact: true }).count()).toBe(1);
      await accessible(page, '10-auditor-register');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download these rows as CSV' }).click()]);
      const text = readFileSync(await csv.path(), 'utf8');
      expect(text.split('\n')[0]).toContain('caseId,openedAt');
      expect(text).toContain(todays);
      expect(text).toContain('law_enforcement');
      // The case page tells the outcome the register does.
      await row.getByRole('link', { name: advised.slice(0, 8) }).click();
      await page.waitForURL(new RegExp(`/cases/${advised}$`));
      expect(await page.getByText('Released', { exact: true }).first().isVisible()).toBe(true);
      await accessible(page);
    });

    it('filters the findings by what they are about, in words, and looks up a word in the glossary', async () => {
      const page = await deskOf('auditor');
      await page.goto(`${base}/audit/findings`);
      expect(await page.getByRole('row', { name: new RegExp(todays.slice(0, 8)) }).count()).toBeGreaterThan(0);
      await accessible(page, '11-auditor-findings');
      // The codes stay beside the titles for those who know them.
      await page.getByLabel('What was found').selectOption({ label: 'A police request reached the Director late' });
      await page.getByRole('button', { name: 'Show findings' }).click();
      await page.waitForURL(/rule=LE-REFERRAL-LATE/);
      expect(await page.getByRole('rowheader', { name: /^A police request reached the Director late LE-REFERRAL-LATE$/ }).count()).toBeGreaterThan(0);
      expect(await page.getByText(/^No violations found\. The ledger checks every event/).isVisible()).toBe(true);
      await accessible(page);
      // The words the pages use are explained on one page, linked from every page.
      await page.getByRole('link', { name: 'violation', exact: true }).click();
      await page.waitForURL(/\/glossary#violation$/);
      expect(await page.locator('#violation dd').textContent()).toContain('the policy or the law forbids');
      await accessible(page, '11b-glossary');
    });

    it('reads the statistics as charts with tables beside them', async () => {
      const page = await deskOf('auditor');
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
    });

    it('reads the access log in words: what each person did on the cases, never "case read — Allowed (303)"', async () => {
      const page = await deskOf('auditor');
      await page.goto(`${base}/audit/access-log?caseId=${advised}`);
      expect(await page.getByRole('cell', { name: 'Posted a release decision' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('cell', { name: 'Posted a production of records' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('cell', { name: /\(\d{3}\)|_/ }).count()).toBe(0);
      await accessible(page, '13-auditor-access-log');
      await page.goto(`${base}/audit/access-log?caseId=${todays}`);
      expect(await page.getByRole('cell', { name: 'Exported the case file as PDF' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('cell', { name: /\(\d{3}\)|_/ }).count()).toBe(0);
    });

    it('verifies the ledger and reads the integrity panel in plain words first, the technical material under "For technical staff"', async () => {
      const page = await deskOf('auditor');
      await page.goto(`${base}/audit/integrity`);
      await page.getByRole('button', { name: 'Verify the ledger now' }).click();
      expect(await page.getByText('Intact', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText(/^Nothing has been changed or removed since it was written: all \d+ records are exactly as they were recorded\. Last checked .* by Audrey Auditor\.$/).isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Latest signed checkpoint' }).isVisible()).toBe(false);
      await page.getByText('For technical staff').click();
      expect(await page.getByRole('heading', { name: 'Latest signed checkpoint' }).isVisible()).toBe(true);
      expect(await page.locator('pre.checkpoint').first().textContent()).toMatch(/^\S+\n\d+\n[A-Za-z0-9+/]{43}=\n(?:[^\n]+\n)*\n— \S+ \S+\n$/);
      await accessible(page, '14-auditor-integrity');
    });

    it('at 200% zoom the auditor’s pages reflow', async () => {
      expect(await atZoom('auditor', ['/audit/register', '/audit/stats?from=2026-01-01&to=2026-12-31', '/audit/access-log', '/audit/integrity'])).toEqual([]);
    });

    it('is signed out after 30 minutes without activity, and told why', async () => {
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
  });

  describe('the admin', () => {
    /** Each row of the users table: its cells, whether they share one top and one bottom, and its buttons. */
    const userRows = (page: Page) =>
      page.locator('table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.children].map((cell) => cell.getBoundingClientRect());
          return { cells: cells.length, tops: new Set(cells.map((box) => Math.round(box.top))).size, bottoms: new Set(cells.map((box) => Math.round(box.bottom))).size, buttons: tr.querySelectorAll('button').length };
        }),
      );
    const misaligned = (rows: Awaited<ReturnType<typeof userRows>>) => rows.filter((row) => row.cells !== 8 || row.tops !== 1 || row.bottoms !== 1);

    it('adds a person, whose enrollment link opens the set-password page; the users table keeps each row in line', async () => {
      const page = await deskOf('admin');
      expect(new URL(page.url()).pathname).toBe('/admin/users');
      await accessible(page, '19-admin-users');
      await page.getByLabel('Full name').fill('Nora Newcomer');
      await page.getByLabel('Username').fill('nora');
      await page.getByLabel('Circulation staff').check();
      await page.getByRole('button', { name: 'Add and make an enrollment link' }).click();
      await page.waitForLoadState('domcontentloaded');
      const link = (await page.getByLabel('Enrollment link').textContent())!.trim();
      await accessible(page);

      const visitor = await browser.newContext(DESKTOP);
      const enroll = await visitor.newPage();
      await enroll.goto(`${base}${new URL(link).pathname}`);
      expect(await enroll.getByRole('heading', { level: 1 }).textContent()).toBe('Set your password');
      await accessible(enroll, '20-enroll');
      await visitor.close();

      await page.goto(`${base}/admin/users`);
      const rows = await userRows(page);
      expect(rows.length).toBeGreaterThanOrEqual(5);
      // A colleague's row: new enrollment link, revoke API tokens, deactivate.
      expect(rows.some((row) => row.buttons === 3)).toBe(true);
      expect(misaligned(rows)).toEqual([]);
      await screenshot(page, 'users-table-1280');
    });

    it('at 200% zoom the users page reflows, and each row of the table still shares its top and bottom', async () => {
      const rows = await resizedFor('admin', ZOOMED, async (page) => {
        expect(await reflowProblems(page, '/admin/users')).toEqual([]);
        return userRows(page);
      });
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(misaligned(rows)).toEqual([]);
    });
  });

  describe('Transparency and public records', () => {
    it('a newspaper asks for the library’s statistics: the desk records it, the Director prepares a report, counsel approves it, the Director answers the case from it, and the public reads it', async () => {
      const day = (daysBefore: number) => new Date(ledger.clock.now().getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);
      const [from, to] = [day(12), day(10)];
      const question = 'How many subpoenas did the library receive this year?';

      // The desk: the journalist's e-mail is about nobody's records; the question goes in as they asked it.
      const desk = await signedIn('staff');
      await desk.page.getByLabel('Public records (FOIA) request', { exact: true }).check();
      await desk.page.getByLabel('Their name').fill('Hartford Courant');
      await desk.page.getByLabel('By email', { exact: true }).check();
      await desk.page.getByLabel(/^No, the library’s own statistics/).check();
      await desk.page.getByLabel('The library’s own statistics', { exact: true }).check();
      await desk.page.getByLabel('Why do they want it? (optional)').fill(question);
      await desk.page.getByRole('button', { name: 'Check against the policy' }).click();
      await desk.page.waitForURL(/\/cases\//);
      const foiCase = new URL(desk.page.url()).pathname.split('/')[2];
      expect(await desk.page.getByText(question).first().isVisible()).toBe(true);
      await accessible(desk.page);
      await desk.context.close();

      // The Director prepares a report from the navigation: a form left wrong says what to fix, at each field.
      const director = await signedIn('director');
      await director.page.getByRole('link', { name: 'Transparency reports' }).click();
      await director.page.waitForURL(/\/transparency-reports$/);
      await accessible(director.page, '30-transparency-reports-director');
      await director.page.getByRole('button', { name: 'Prepare the report' }).click();
      expect(await director.page.title()).toMatch(/^Error: Transparency reports/);
      await director.page.getByRole('link', { name: 'Select how national security letters and orders are reported' }).click();
      expect(director.page.url()).toMatch(/#nationalSecurityStructure$/);
      await accessible(director.page);
      await fillDate(director.page, 'First day of the period', from);
      await fillDate(director.page, 'Last day of the period', to);
      await director.page.getByLabel('3. Semiannual, all national security process combined, in bands of 250').check();
      await director.page.getByLabel('Small-number threshold (optional)').fill('5');
      await director.page.getByRole('button', { name: 'Prepare the report' }).click();
      await director.page.waitForURL(/recorded=prepared/);
      const row = director.page.getByRole('row', { name: new RegExp(`^${from} to ${to}`) });
      expect(await row.getByText('Awaiting counsel’s approval').isVisible()).toBe(true);
      await accessible(director.page);

      // Counsel is told on their own page, and approves and publishes it.
      const counsel = await signedIn('counsel');
      await counsel.page.getByRole('link', { name: 'A transparency report waits for your approval' }).click();
      await counsel.page.waitForURL(/\/transparency-reports$/);
      await accessible(counsel.page, '31-transparency-reports-counsel');
      await counsel.page.getByRole('button', { name: new RegExp(`^Approve and publish\\s*: the report for ${from} to ${to}$`) }).click();
      await counsel.page.waitForURL(/recorded=published/);
      expect(await counsel.page.getByText('The report is approved and published').isVisible()).toBe(true);
      await accessible(counsel.page);
      await counsel.context.close();

      // The Director answers the case from the published report, before the reply date the page names.
      await director.page.goto(`${base}/cases/${foiCase}`);
      expect(await director.page.getByText(/Reply to the public-records request by/).isVisible()).toBe(true);
      const release = director.page.getByRole('region', { name: 'Release records' });
      await release.getByLabel('The library’s own statistics', { exact: true }).check();
      await release.getByLabel('How').selectOption('email');
      await release.getByRole('button', { name: 'Record the release' }).click();
      expect(await director.page.title()).toMatch(/^Error: /);
      expect(await director.page.getByRole('link', { name: 'Select the published transparency report that answers the request' }).isVisible()).toBe(true);
      await accessible(director.page);
      const answer = director.page.getByRole('region', { name: 'Release records' });
      await answer.getByLabel('The published transparency report that answers it').selectOption(await answer.locator('option', { hasText: `The report for ${from} to ${to}` }).getAttribute('value'));
      await answer.getByLabel('The library’s own statistics', { exact: true }).check();
      await answer.getByLabel('How').selectOption('email');
      await answer.getByRole('button', { name: 'Record the release' }).click();
      await director.page.waitForURL(/recorded=release/);
      const given = (await director.page.getByRole('region', { name: 'Released at the desk' }).textContent())!;
      expect(given).toMatch(/Transparency report given\s*\/transparency\/[0-9a-f-]+/);
      await accessible(director.page, '32-case-foi-answered');
      await director.context.close();

      // The journalist reads it on the public page, without signing in.
      const reader = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await reader.newPage();
      await page.goto(`${base}/transparency`);
      await page.getByRole('link', { name: `${from} to ${to}` }).click();
      await page.waitForLoadState('domcontentloaded');
      expect(given).toContain(new URL(page.url()).pathname);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(`${from} to ${to}`);
      await accessible(page);
      await reader.close();
    });
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

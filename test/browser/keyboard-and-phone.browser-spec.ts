/// <reference lib="dom" />
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserSuite, launchChromium, screenshot, enrolJourneyPeople, type JourneyPeople } from './browser-support.js';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';

/** What has focus: its tag, id, accessible text and whether a focus ring shows. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', ring: false };
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '' : '';
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (label || el.textContent || el.getAttribute('aria-label') || '').trim(), ring };
  });
}

/**
 * Presses Tab until what has focus answers to `name` (a control's label or text), as a keyboard user
 * moves through a page; fails if it never comes, or if any control passed on the way shows no focus ring.
 */
async function tabTo(page: Page, name: string | RegExp, limit = 120): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag !== 'body' && !now.ring) throw new Error(`${now.tag}#${now.id} "${now.text}" takes focus with no visible focus ring`);
    if (matches(now.text)) return;
  }
  throw new Error(`Tab never reached "${String(name)}"`);
}

/**
 * A whole journey with the keyboard alone — no mouse, no click: a clerk signs in, records a police
 * request at the desk, reads what to say, refers it to the Director and finds it among their cases.
 * Then every page each person uses, at a phone's width (390 CSS pixels): nothing scrolls sideways.
 */
browserSuite('keyboard only, and on a phone', () => {
  jest.setTimeout(180_000);
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  const people: JourneyPeople = {} as never;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    await ledger.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as { port: number }).port}`;
    Object.assign(people, await enrolJourneyPeople(ledger));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  it('a clerk records a police request and refers it to the Director with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await tabTo(page, 'Skip to main content');
    await tabTo(page, 'Username');
    await page.keyboard.type(people.staff.username);
    await tabTo(page, 'Password');
    await page.keyboard.type(people.staff.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk$/);

    // Who is asking: the first choice takes focus, the arrow keys move the choice.
    await tabTo(page, 'The patron themself');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect((await focused(page)).text).toBe('Law enforcement');
    await tabTo(page, 'Their name');
    await page.keyboard.type('Det. Rowan Hale');
    await tabTo(page, 'Agency or organisation (if any)');
    await page.keyboard.type('Hartford Police Department');
    await tabTo(page, 'In person');
    await page.keyboard.press('Space');
    await tabTo(page, 'Which patron?');
    await page.keyboard.type('P-0042-7731');
    await tabTo(page, 'Borrowing history');
    await page.keyboard.press('Space');
    await tabTo(page, 'Officer’s credentials');
    await page.keyboard.press('Space');
    await tabTo(page, 'Check against the policy');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/')[2];
    expect(await page.getByRole('region', { name: 'Refer this request to the Director now. Release nothing.' }).isVisible()).toBe(true);

    await tabTo(page, 'Refer to the Director');
    await page.keyboard.press('Enter');
    await page.waitForURL(/recorded=refer-to-director/);
    // The confirmation takes focus, so a screen reader says it at once.
    expect((await focused(page)).text).toContain('The case is now with the Director.');

    await tabTo(page, 'My cases');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk\/my-cases$/);
    expect(await page.getByRole('row', { name: new RegExp(caseId.slice(0, 8)) }).textContent()).toContain('With the Director');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('two minutes before a session ends a dialog warns; staying signed in resets the clock; left alone, the page signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${base}/`);
    await page.getByLabel('Username').fill(people.staff.username);
    await page.getByLabel('Password').fill(people.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/desk$/);
    const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward('27:59');
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward('00:02');
    expect(await dialog.isVisible()).toBe(true);
    expect((await focused(page)).text).toBe('Stay signed in');
    expect(await dialog.getByText(/signed out in 2 minutes/).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '19-timeout-warning');

    // The server's own clock: 25 minutes after the page, the clerk stays signed in…
    ledger.clock.advanceMinutes(25);
    const kept = page.waitForResponse((answer) => answer.url().endsWith('/session/keep-alive'));
    await page.keyboard.press('Enter');
    expect((await kept).status()).toBe(200);
    expect(await dialog.isVisible()).toBe(false);
    // …so 50 minutes after the page was served, 25 after staying, the session still lives.
    ledger.clock.advanceMinutes(25);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/desk');

    // Called away mid-form: the clerk had typed who is asking and the card number.
    await page.getByLabel('Law enforcement', { exact: true }).first().check();
    await page.getByLabel('Their name').fill('Det. Rowan Hale');
    await page.getByLabel('Which patron?').fill('P-0042-7731');
    // Left alone, the warning comes again, and at the end the page signs out by itself.
    await page.clock.fastForward('28:01');
    expect(await dialog.isVisible()).toBe(true);
    await page.clock.fastForward('02:00');
    await page.waitForURL(/\/sign-in\?expired=1$/);
    expect(page.url()).not.toContain('P-0042');
    ledger.clock.advanceMinutes(1);
    expect((await page.goto(`${base}/desk`))!.url()).toMatch(/\/sign-in/);

    // Signing in again goes back to the desk form, with the answers as typed (kept on the server, never in an address).
    await page.getByLabel('Username').fill(people.staff.username);
    await page.getByLabel('Password').fill(people.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/desk$/);
    expect(await page.getByRole('status').filter({ hasText: 'Your answers were kept' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Law enforcement', { exact: true }).first().isChecked()).toBe(true);
    expect(await page.getByLabel('Their name').inputValue()).toBe('Det. Rowan Hale');
    expect(await page.getByLabel('Which patron?').inputValue()).toBe('P-0042-7731');
    expect(await axeViolations(page)).toEqual([]);
    // Sent, the draft has done its work: the desk form is empty again.
    await page.getByLabel('In person').check();
    await page.getByLabel('Borrowing history').check();
    await page.getByLabel('Officer’s credentials').check();
    await page.getByRole('button', { name: 'Check against the policy' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.goto(`${base}/desk`);
    expect(await page.getByLabel('Their name').inputValue()).toBe('');
    expect(await page.locator('#kept-draft').count()).toBe(0);
    await context.close();
  });

  it('on a phone, 390 pixels wide, no page of any person scrolls sideways, and the pages whose tables become cards pass axe', async () => {
    const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
    const tour: [keyof typeof people, string[]][] = [
      ['staff', ['/desk', '/desk/patrons', '/desk/my-cases', '/glossary']],
      ['director', ['/board', '/board/deadlines', '/roster', '/audit/findings']],
      ['counsel', ['/counsel']],
      ['auditor', ['/audit/register', '/audit/stats?from=2026-01-01&to=2026-12-31', '/audit/access-log', '/audit/integrity']],
      ['admin', ['/admin/users']],
    ];
    const problems: string[] = [];
    for (const [who, paths] of tour) {
      const context = await browser.newContext(phone);
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel('Username').fill(people[who].username);
      await page.getByLabel('Password').fill(people[who].password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState('domcontentloaded');
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (width.scroll > width.client) problems.push(`${path} (${who}): ${width.scroll}px wide in a ${width.client}px screen`);
        // Every page is checked with axe at its desktop width (web-journeys); here the ones whose layout changes on a phone.
        if (await page.locator('table.cards-narrow').count()) {
          const violations = await axeViolations(page);
          if (violations.length) problems.push(`${path} (${who}): ${violations.join('; ')}`);
        }
        await screenshot(page, `phone-${path.split('?')[0].replaceAll('/', '_').slice(1)}`);
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});

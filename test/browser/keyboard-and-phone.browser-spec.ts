/// <reference lib="dom" />
import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { axeViolations, browserSuite, focused, launchChromium, screenshot, enrolJourneyPeople, type JourneyPeople } from './browser-support.js';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';

/**
 * The session's end while a form is being filled in — the GOV.UK timeout warning, answered with the
 * keyboard, and the answers kept across signing in again — and every page each person uses at a phone's
 * width (390 CSS pixels): nothing scrolls sideways. The desk's whole journey with the keyboard alone is
 * the desk staff's, in web-journeys.browser-spec.ts.
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

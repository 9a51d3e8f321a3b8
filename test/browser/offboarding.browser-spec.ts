import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserSuite, DesktopPages, launchChromium } from './browser-support.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { enrolledUser, type WebUser } from '../support/web-session.js';

/**
 * Offboarding as the admin and the person who leaves see it, in Chromium: the director's open page stops
 * working the moment the admin deactivates them, their password signs in to nothing, and the enrollment
 * link they were sent is dead. Every page on the way is checked with axe-core.
 */
browserSuite('offboarding in the browser', () => {
  jest.setTimeout(180_000);
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  let director: WebUser;
  let admin: WebUser;
  let pages: DesktopPages;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    await ledger.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as { port: number }).port}`;
    director = await enrolledUser(ledger, 'director', 'Dana Director');
    admin = await enrolledUser(ledger, 'admin', 'Ada Admin');
    browser = await launchChromium();
    pages = new DesktopPages(browser);
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await ledger?.close();
  });

  async function signInPage(): Promise<Page> {
    // The Users page asks before it deactivates (data-confirm): the admin says yes.
    const page = await pages.open({ acceptDialogs: true });
    await page.goto(`${base}/sign-in`);
    return page;
  }

  async function signIn(page: Page, user: WebUser): Promise<void> {
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('domcontentloaded');
  }

  it('the director is signed out at once, their password signs in to nothing, and their enrollment link is dead; reactivation gives no password', async () => {
    const directorPage = await signInPage();
    await signIn(directorPage, director);
    expect(new URL(directorPage.url()).pathname).toBe('/board');

    const adminPage = await signInPage();
    await signIn(adminPage, admin);
    expect(new URL(adminPage.url()).pathname).toBe('/admin/users');
    expect(await axeViolations(adminPage)).toEqual([]);
    const row = () => adminPage.getByRole('row', { name: /Dana Director/ });
    // The button says what it does: tokens only.
    expect(await row().getByRole('button', { name: /Revoke API tokens/ }).isVisible()).toBe(true);

    await row().getByRole('button', { name: /New enrollment link/ }).click();
    await adminPage.waitForLoadState('domcontentloaded');
    const link = (await adminPage.getByLabel('Enrollment link').textContent())!.trim();

    await row().getByRole('button', { name: /^Deactivate/ }).click();
    await adminPage.waitForLoadState('domcontentloaded');
    expect(await adminPage.locator('.notice[role="status"]').textContent()).toContain('Dana Director is deactivated');
    expect(await row().getByRole('cell', { name: 'Deactivated' }).isVisible()).toBe(true);
    expect(await row().getByRole('button', { name: /^Deactivate/ }).count()).toBe(0);
    expect(await axeViolations(adminPage)).toEqual([]);

    // The director's page, open all along, stops working at its next request.
    await directorPage.reload();
    expect(new URL(directorPage.url()).pathname).toBe('/sign-in');
    await signIn(directorPage, director);
    expect(new URL(directorPage.url()).pathname).toBe('/sign-in');
    expect(await directorPage.getByText('The username or password is not right').first().isVisible()).toBe(true);
    expect(await axeViolations(directorPage)).toEqual([]);

    // The server listens on a port of its own choosing here; the link names LEDGER_PUBLIC_URL (default localhost:PORT).
    const response = await directorPage.goto(`${base}${new URL(link).pathname}`);
    expect(response!.status()).toBe(404);
    expect(await directorPage.getByText('This enrollment link cannot be used').isVisible()).toBe(true);
    expect(await axeViolations(directorPage)).toEqual([]);

    await row().getByRole('button', { name: /^Reactivate/ }).click();
    await adminPage.waitForLoadState('domcontentloaded');
    expect(await adminPage.locator('.notice[role="status"]').textContent()).toContain('make a new enrollment link');
    expect(await row().getByRole('cell', { name: 'Active', exact: true }).isVisible()).toBe(true);
    expect(await row().getByRole('cell', { name: 'Not set' }).isVisible()).toBe(true);
    expect(await axeViolations(adminPage)).toEqual([]);

    await directorPage.goto(`${base}/sign-in`);
    await signIn(directorPage, director);
    expect(new URL(directorPage.url()).pathname).toBe('/sign-in');
  });

  it('the last active admin cannot deactivate themself: the page says why (LAST-ADMIN)', async () => {
    const me = await ledger.http.get('/v1/me').set('Authorization', `Bearer ${ledger.adminToken}`);
    // The bootstrap admin goes first, so that Ada is the last active admin.
    await ledger.http.post(`/v1/users/${me.body.userId}/deactivation`).set('Authorization', `Bearer ${admin.token}`).send({}).expect(204);
    const page = await signInPage();
    await signIn(page, admin);
    const response = await page.request.post(`${base}/admin/users/${admin.userId}/deactivation`, {
      form: { _csrf: (await page.locator('meta[name="csrf-token"]').getAttribute('content'))! },
    });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('LAST-ADMIN');
  });
});

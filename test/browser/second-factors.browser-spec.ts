import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../apps/api/src/identity/second-factors/totp.js';
import { axeViolations, browserSuite, DesktopPages, launchChromium } from './browser-support.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { freePort } from '../support/server-process.js';
import { enrolledUser, type WebUser } from '../support/web-session.js';

/**
 * Second factors as people meet them, in Chromium: a director made to set up an authenticator app right
 * after their password (codes computed here from the secret the page shows), signing in with a code and
 * with a recovery code (which then does not work again), a passkey registered and used through Chromium's
 * virtual authenticator, signing in again before a change of users, and the admin's reset. WebAuthn refuses an IP address as its relying party, so
 * the server is reached as http://localhost:<port> (a secure context), which LEDGER_PUBLIC_URL names.
 */
browserSuite('second factors in the browser', () => {
  jest.setTimeout(180_000);
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  let director: WebUser;
  let admin: WebUser;
  let pages: DesktopPages;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: base, LEDGER_MFA_REQUIRED_ROLES: 'director,counsel' } });
    await ledger.app.listen(port, '127.0.0.1');
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

  async function newPage(): Promise<Page> {
    const page = await pages.open({ acceptDialogs: true });
    return page;
  }

  async function signIn(page: Page, user: WebUser): Promise<void> {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('domcontentloaded');
  }

  async function enterCode(page: Page, code: string): Promise<void> {
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState('domcontentloaded');
  }

  const path = (page: Page) => new URL(page.url()).pathname;
  let secret = '';
  let recoveryCodes: string[] = [];

  it('a director is taken from the password to set up an authenticator app before any other page, confirms it with a code, and is shown ten recovery codes once', async () => {
    const page = await newPage();
    await signIn(page, director);
    expect(path(page)).toBe('/account/security');
    expect(await page.getByText('Set up a second factor to continue.').isVisible()).toBe(true);
    // No navigation to go elsewhere, and typing an address leads back here.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await page.goto(`${base}/board`);
    expect(path(page)).toBe('/account/security');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('img', { name: /QR code/ }).isVisible()).toBe(true);
    secret = (await page.getByLabel('Secret key').textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Code from the app').fill('12345');
    await page.getByRole('button', { name: 'Confirm the app' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('alert').getByText('The code is not right').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Code from the app').fill(totpCode(secret, ledger.clock.now()));
    await page.getByRole('button', { name: 'Confirm the app' }).click();
    await page.waitForLoadState('domcontentloaded');
    recoveryCodes = (await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Continue to your work' }).click();
    expect(path(page)).toBe('/board');
    await page.goto(`${base}/account/security`);
    expect(await page.getByText(recoveryCodes[0]).count()).toBe(0);
  });

  it('signs in with the password and then a code from the app; a recovery code works once and is refused the second time', async () => {
    ledger.clock.advanceMinutes(1);
    const page = await newPage();
    await signIn(page, director);
    expect(path(page)).toBe('/sign-in/second-factor');
    expect(await page.getByRole('heading', { name: 'Enter a code' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await enterCode(page, totpCode(secret, ledger.clock.now()));
    expect(path(page)).toBe('/board');

    const other = await newPage();
    await signIn(other, director);
    await enterCode(other, recoveryCodes[0]);
    expect(path(other)).toBe('/board');

    const again = await newPage();
    await signIn(again, director);
    await enterCode(again, recoveryCodes[0]);
    expect(path(again)).toBe('/sign-in/second-factor');
    expect(await again.getByRole('alert').getByText(/not right, or was used already/).isVisible()).toBe(true);
    expect(await axeViolations(again)).toEqual([]);
  });

  it('registers a passkey with Chromium’s virtual authenticator and signs in with it', async () => {
    const page = await newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    ledger.clock.advanceMinutes(1);
    await signIn(page, director);
    await enterCode(page, totpCode(secret, ledger.clock.now()));
    await page.goto(`${base}/account/security`);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL(/added=passkey/);
    expect(await page.getByText('Your passkey is added.').isVisible()).toBe(true);
    expect(await page.getByRole('definition').filter({ hasText: /^1$/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // A new sign-in in the same browser (the virtual authenticator holds the passkey).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('domcontentloaded');
    await signIn(page, director);
    expect(path(page)).toBe('/sign-in/second-factor');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.waitForURL(`${base}/board`);
    expect(path(page)).toBe('/board');
    const users = await ledger.http.get('/v1/users').set('Authorization', `Bearer ${ledger.adminToken}`);
    expect(users.body.items.find((u: { userId: string }) => u.userId === director.userId).mfa).toEqual(['totp', 'passkey']);
  });

  it('15 minutes after signing in, a change of users asks the admin to sign in again, and then they are back on the Users page to do it', async () => {
    const page = await newPage();
    await signIn(page, admin);
    expect(path(page)).toBe('/admin/users');
    ledger.clock.advanceMinutes(16);
    const row = () => page.getByRole('row', { name: /Dana Director/ });
    await row().getByRole('button', { name: /New enrollment link/ }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(path(page)).toBe('/sign-in/again');
    expect(await page.getByRole('heading', { name: 'Sign in again' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('alert').getByText('The password is not right').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(path(page)).toBe('/admin/users');
    await row().getByRole('button', { name: /New enrollment link/ }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByLabel('Enrollment link').textContent()).toContain('/enroll/');
  });

  it('the admin sees the director’s second factors on the Users page and resets them: the director’s open page stops working and the next sign-in sets one up again', async () => {
    const directorPage = await newPage();
    ledger.clock.advanceMinutes(1);
    await signIn(directorPage, director);
    await enterCode(directorPage, totpCode(secret, ledger.clock.now()));
    expect(path(directorPage)).toBe('/board');

    const adminPage = await newPage();
    await signIn(adminPage, admin);
    expect(path(adminPage)).toBe('/admin/users');
    const row = () => adminPage.getByRole('row', { name: /Dana Director/ });
    expect(await row().getByRole('cell', { name: 'Authenticator app, Passkey' }).isVisible()).toBe(true);
    await row().getByRole('button', { name: /Reset second factors/ }).click();
    await adminPage.waitForLoadState('domcontentloaded');
    expect(await adminPage.locator('.notice[role="status"]').textContent()).toContain('second factors are removed');
    expect(await row().getByRole('cell', { name: 'None', exact: true }).isVisible()).toBe(true);
    expect(await row().getByRole('button', { name: /Reset second factors/ }).count()).toBe(0);
    expect(await axeViolations(adminPage)).toEqual([]);

    await directorPage.reload();
    expect(path(directorPage)).toBe('/sign-in');
    await signIn(directorPage, director);
    expect(path(directorPage)).toBe('/account/security');
  });
});

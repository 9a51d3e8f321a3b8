import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserSuite, DesktopPages, launchChromium, screenshot } from './browser-support.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/oidc-test-provider.js';
import { freePort } from '../support/server-process.js';

/**
 * "Sign in with Library account" in Chromium, against a real OpenID provider on loopback: the director
 * whose verified email the ledger knows lands on their board; someone the ledger does not know is told
 * what to do. The ledger's pages on the way are checked with axe-core.
 */
browserSuite('single sign-on in the browser', () => {
  jest.setTimeout(180_000);
  let provider: TestOpenIdProvider;
  let ledger: LedgerAppHarness;
  let browser: Browser;
  let base: string;
  let pages: DesktopPages;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOpenIdProvider({
      redirectUri: `${base}/sign-in/oidc/callback`,
      name: 'Library Microsoft account',
      accounts: [
        { login: 'dana', email: 'dana.director@library.example' },
        { login: 'stranger', email: 'someone.else@library.example' },
      ],
    });
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: base, ...provider.env } });
    await ledger.app.listen(port, '127.0.0.1');
    await ledger.http.post('/v1/users').set('Authorization', `Bearer ${ledger.adminToken}`).send({ name: 'Dana Director', role: 'director', email: 'dana.director@library.example' }).expect(201);
    browser = await launchChromium();
    pages = new DesktopPages(browser);
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await ledger?.close();
    await provider?.close();
  });

  async function signInWithProvider(login: string): Promise<Page> {
    const page = await pages.open();
    await page.goto(`${base}/sign-in`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sign in with Library Microsoft account' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByLabel('Account').fill(login);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === base);
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  it('the director signs in with the library’s account and lands on their board, with the ledger’s own role', async () => {
    const page = await signInWithProvider('dana');
    expect(new URL(page.url()).pathname).toBe('/board');
    expect(await page.getByText('Dana Director').first().isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'single-sign-on-board');
  });

  it('someone the ledger does not know is refused with a page that says to ask the ledger’s admin', async () => {
    const page = await signInWithProvider('stranger');
    expect(new URL(page.url()).pathname).toBe('/sign-in/oidc/callback');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are not signed in');
    expect(await page.getByText('Ask the ledger’s administrator to add your library email address').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'single-sign-on-refused');
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});

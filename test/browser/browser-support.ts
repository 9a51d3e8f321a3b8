/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/server-process.js';
import type { LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, type WebUser } from '../support/web-session.js';

export const CHROMIUM = process.env.LEDGER_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Browser suites run when Chromium is installed. Under CI (`LEDGER_REQUIRE_BROWSER=1`, set by .ci/run)
 * a missing Chromium is a failure; elsewhere the suite says loudly that it did not run.
 */
export function browserSuite(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.LEDGER_REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is required here (LEDGER_REQUIRE_BROWSER=1) but ${CHROMIUM} does not exist`);
      });
    });
    return;
  }
   
  console.warn(`\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install Debian's "chromium" package to run "${name}". ***\n`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A suite's pages at desktop size, each in a context of its own (its own cookies, so each page is its own
 * signed-in person), all closed by `closeAll` in the suite's afterAll.
 */
export class DesktopPages {
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly browser: Browser) {}

  /** `acceptDialogs`: the page says yes when a form asks to confirm (data-confirm). */
  async open(options: { readonly acceptDialogs?: boolean } = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    this.contexts.push(context);
    const page = await context.newPage();
    if (options.acceptDialogs) page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close().catch(() => undefined);
  }
}

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA rules on the page as it is now; answers the violations (ids and the nodes they hit). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Where the journeys leave pictures of the pages, when asked: `LEDGER_SCREENSHOT_DIR`, or with `LEDGER_SCREENSHOTS=1`
 * one folder per checkout, so that two checkouts' runs on one machine do not overwrite each other's pictures.
 * Unasked, none are taken: they are for people to look at (and for the README), nothing asserts on them, and
 * three dozen full-page pictures, half of them at twice the pixels, are not cheap on a shared machine.
 */
export const SCREENSHOT_DIR =
  process.env.LEDGER_SCREENSHOT_DIR ?? (process.env.LEDGER_SCREENSHOTS === '1' ? join(tmpdir(), 'ledger-screenshots', basename(REPO_ROOT)) : undefined);

export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR === undefined) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Routes of the web application that answer something other than an HTML page (a redirect, a file). */
const NOT_PAGES = new Set(['/', '/assets/:name', '/audit/register.csv', '/cases/:caseId/export', '/cases/:caseId/attachments/:attachmentId', '/sign-in/oidc']);

/**
 * Pages that need a peer the main journey does not start, checked with axe in a journey of their own:
 * the single sign-on callback's pages need an OpenID provider (single-sign-on.browser-spec.ts).
 */
export const PAGES_WITH_JOURNEYS_OF_THEIR_OWN: ReadonlySet<string> = new Set(['/sign-in/oidc/callback']);

/**
 * Every HTML page the web application serves, as route templates (`/cases/:caseId`), read from the
 * controllers themselves: a page added later is on this list without anyone remembering to add it.
 */
export function webPageRoutes(controllers: readonly Type[]): string[] {
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  const routes = controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype)
      .map((name) => controller.prototype[name] as unknown)
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET)
      .map((handler) => join(base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')));
  });
  return routes.filter((route) => !NOT_PAGES.has(route)).sort();
}

/** Whether a path (`/cases/3f…`) is an instance of a route template (`/cases/:caseId`). */
export function matchesRoute(route: string, path: string): boolean {
  const pattern = route.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(path);
}

/**
 * Waits until a page just loaded has applied its `autofocus`: a browser does so at its next rendering
 * update, not when the page has loaded, so what has focus is read two frames on.
 */
export function afterAutofocus(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((framed) => requestAnimationFrame(() => requestAnimationFrame(() => framed()))));
}

/** What has focus: its tag, id, accessible text and whether a focus ring shows. */
export function focused(page: Page): Promise<{ tag: string; id: string; text: string; ring: boolean }> {
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
export async function tabTo(page: Page, name: string | RegExp, limit = 120): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag !== 'body' && !now.ring) throw new Error(`${now.tag}#${now.id} "${now.text}" takes focus with no visible focus ring`);
    if (matches(now.text)) return;
  }
  throw new Error(`Tab never reached "${String(name)}"`);
}

/** The five people of the browser journeys, one per role, each enrolled with a password. */
export type JourneyPeople = Record<'staff' | 'director' | 'counsel' | 'auditor' | 'admin', WebUser>;

export async function enrolJourneyPeople(ledger: LedgerAppHarness): Promise<JourneyPeople> {
  return {
    staff: await enrolledUser(ledger, 'staff', 'Sam Desk'),
    director: await enrolledUser(ledger, 'director', 'Dana Director'),
    counsel: await enrolledUser(ledger, 'counsel', 'Cora Counsel'),
    auditor: await enrolledUser(ledger, 'auditor', 'Audrey Auditor'),
    admin: await enrolledUser(ledger, 'admin', 'Ada Admin'),
  };
}

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WebModule } from '../../apps/api/src/web/web.module.js';
import { SignInPageController } from '../../apps/api/src/web/sign-in/sign-in.page.controller.js';
import { webPageRoutes } from '../browser/browser-support.js';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser } from '../support/web-session.js';

/** Cookie headers no browser of ours would send: bad percent-encoding, empty names and values, repeats. */
const MALFORMED = [
  'ledger_session=%',
  'ledger_form=%ZZ',
  'ledger_session=%E0%A4%A; ledger_form=%',
  'ledger_session=; ledger_form=',
  '=%; ledger_session',
  'ledger_session=%%%%; ledger_session=%ZZ; ledger_form=%C0%AF',
  '__Host-ledger_session=%; __Host-ledger_form=%ZZ',
  `ledger_session=${'%'.repeat(4000)}`,
];

const withParams = (path: string) => path.replace(/\{[^}]+\}|:[A-Za-z]+/g, randomUUID());

describe('malformed cookies are ignored, never a 500', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '100000' } });
  });
  afterAll(() => ledger.close());

  it('on every route of the served OpenAPI document, with and without a token', async () => {
    const document = (await ledger.http.get('/v1/openapi.json').set('Authorization', `Bearer ${ledger.adminToken}`)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path: withParams(path) })));
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { method, path } of operations) {
      for (const cookie of MALFORMED) {
        for (const authorization of [undefined, `Bearer ${ledger.adminToken}`]) {
          let call = (ledger.http as unknown as Record<string, (path: string) => request.Test>)[method](path).set('Cookie', cookie);
          if (authorization) call = call.set('Authorization', authorization);
          const response = method === 'get' || method === 'delete' ? await call : await call.send({});
          if (response.status >= 500) failures.push(`${method.toUpperCase()} ${path} [${cookie.slice(0, 40)}] → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('on every web page, an asset and an unknown path, signed out and signed in', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dana Director');
    const own = await sessionCookie(ledger, director);
    const pages = webPageRoutes([...(Reflect.getMetadata('controllers', WebModule) as []), SignInPageController]).map(withParams);
    const paths = [...pages, '/', '/assets/app.css', '/assets/app.js', '/no/such/page', '/transparency'];
    expect(pages).toEqual(expect.arrayContaining(['/sign-in', '/board', '/admin/users']));
    const failures: string[] = [];
    for (const path of paths) {
      for (const cookie of MALFORMED) {
        const signedOut = await ledger.http.get(path).set('Cookie', cookie);
        if (signedOut.status >= 500) failures.push(`GET ${path} [${cookie.slice(0, 40)}] → ${signedOut.status}`);
        for (const form of ['/sign-in', '/sign-out']) {
          const posted = await ledger.http.post(form).set('Cookie', cookie).type('form').send({ _csrf: 'x', username: 'u', password: 'p' });
          if (posted.status >= 500) failures.push(`POST ${form} [${cookie.slice(0, 40)}] → ${posted.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Signed in, a malformed value beside the good one is skipped: the director stays signed in.
    const board = await ledger.http.get('/board').set('Cookie', `ledger_session=%; ${own}`);
    expect(board.status).toBe(200);
  });

  it('a session cookie planted from a sibling subdomain (sent first, same name) does not lock the user out', async () => {
    const staff = await enrolledUser(ledger, 'staff', 'Sam Staff');
    const own = await sessionCookie(ledger, staff);
    const desk = await ledger.http.get('/desk').set('Cookie', `ledger_session=planted-by-a-sibling; ${own}`);
    expect(desk.status).toBe(200);
    // The sign-in form, too, works with a planted form cookie sent first.
    const form = await ledger.http.get('/sign-in').set('Cookie', 'ledger_form=planted-by-a-sibling');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const issued = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const posted = await ledger.http.post('/sign-in').set('Cookie', `ledger_form=planted-by-a-sibling; ${issued}`).type('form').send({ _csrf: token, username: staff.username, password: staff.password });
    expect(posted.status).toBe(303);
  });
});

describe('cookies under an https LEDGER_PUBLIC_URL', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: 'https://ledger.library.example' } });
  });
  afterAll(() => ledger.close());

  it('are __Host- prefixed, Secure, HttpOnly, SameSite=Lax, at / and host-only', async () => {
    const form = await ledger.http.get('/sign-in');
    const cookie = (form.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-ledger_form='))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

/** Signs in with a plain request and answers the session cookie it was given, as `name=value`. */
async function sessionCookie(ledger: LedgerAppHarness, user: { username: string; password: string }): Promise<string> {
  const form = await ledger.http.get('/sign-in');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const formCookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  const signedIn = await ledger.http.post('/sign-in').set('Cookie', formCookie).type('form').send({ _csrf: token, username: user.username, password: user.password });
  const session = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ledger_session='));
  if (!session) throw new Error(`No session: ${signedIn.status}`);
  return session.split(';')[0];
}

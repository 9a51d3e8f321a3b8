import request from 'supertest';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/oidc-test-provider.js';
import { pathOf, signInAtProvider } from '../support/oidc-flows.js';
import { freePort } from '../support/server-process.js';
import { CredentialsEndedHere } from '../../apps/api/src/auth/credentials-ended-here.js';

const LEDGER_URL = 'http://ledger.test';

/**
 * Single sign-on against a real OpenID provider (`oidc-provider` on a loopback port): the authorization
 * code flow with PKCE, state and nonce, the ledger's user found by the verified email, and every refusal
 * a clear page and an access record.
 */
describe('single sign-on (OpenID Connect)', () => {
  let provider: TestOpenIdProvider;
  let ledger: LedgerAppHarness;
  const admin = () => ({ Authorization: `Bearer ${ledger.adminToken}` });
  let director: { userId: string };
  let retired: { userId: string };

  beforeAll(async () => {
    provider = await startOpenIdProvider({
      redirectUri: `${LEDGER_URL}/sign-in/oidc/callback`,
      accounts: [
        { login: 'dana', email: 'Dana.Director@library.example', name: 'Dana' },
        { login: 'stranger', email: 'someone.else@library.example' },
        { login: 'unverified', email: 'uma.unverified@library.example', emailVerified: false },
        { login: 'retired', email: 'rita.retired@library.example' },
        { login: 'returning', email: 'rene.returning@library.example' },
      ],
    });
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: LEDGER_URL, ...provider.env } });
    director = (await ledger.http.post('/v1/users').set(admin()).send({ name: 'Dana Director', role: 'director', email: 'dana.director@library.example' }).expect(201)).body;
    await ledger.http.post('/v1/users').set(admin()).send({ name: 'Uma Unverified', role: 'staff', email: 'uma.unverified@library.example' }).expect(201);
    retired = (await ledger.http.post('/v1/users').set(admin()).send({ name: 'Rita Retired', role: 'staff', email: 'rita.retired@library.example' }).expect(201)).body;
    await ledger.http.post(`/v1/users/${retired.userId}/deactivation`).set(admin()).send({}).expect(204);
  });
  afterAll(async () => {
    await ledger?.close();
    await provider?.close();
  });

  /** A browser at the ledger that has pressed "Sign in with …": the agent and where the ledger sent it. */
  async function startAtLedger() {
    const browser = request.agent(ledger.app.getHttpServer());
    const started = await browser.get('/sign-in/oidc');
    expect(started.status).toBe(303);
    return { browser, authorizationUrl: started.headers.location };
  }

  async function accessRecords(userId: string) {
    const auditor = await ledger.user('auditor');
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ userId, minPosition: position }).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    return (log.body.items as { action: string; query?: Record<string, string>; outcome: string; status: number }[]).filter((entry) => entry.action === 'sign_in');
  }

  it('the sign-in page offers "Sign in with" the provider by its configured name', async () => {
    const page = await ledger.http.get('/sign-in').expect(200);
    expect(page.text).toContain('<a class="button button-secondary" href="/sign-in/oidc">Sign in with Library account</a>');
  });

  it('signs in the ledger user whose email the provider verified, with the ledger’s own role, and records it', async () => {
    const { browser, authorizationUrl } = await startAtLedger();
    const authorization = new URL(authorizationUrl);
    expect(authorization.origin).toBe(provider.issuer);
    // The authorization code flow with PKCE (S256), state and nonce, back to LEDGER_PUBLIC_URL.
    expect(authorization.searchParams.get('response_type')).toBe('code');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${LEDGER_URL}/sign-in/oidc/callback`);
    expect(authorization.searchParams.get('scope')).toBe('openid email profile');

    const callback = await signInAtProvider(provider, authorizationUrl, 'dana');
    expect(callback.origin).toBe(LEDGER_URL);
    expect(callback.searchParams.get('state')).toBe(authorization.searchParams.get('state'));
    const signedIn = await browser.get(pathOf(callback));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/board');
    // Like a password sign-in, it makes this browser known to the account (device cookie).
    expect((signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ledger_device='))).toContain(director.userId);
    expect((await browser.get('/board')).status).toBe(200);

    const records = await accessRecords(director.userId);
    expect(records).toContainEqual(expect.objectContaining({ query: { method: 'oidc', reason: 'signed_in', secondFactor: 'none' }, outcome: 'allowed', status: 303 }));
  });

  it('passes on the provider’s second factor (amr) with the sign-in', async () => {
    const { browser, authorizationUrl } = await startAtLedger();
    const callback = await signInAtProvider(provider, authorizationUrl, 'dana', 'pwd,otp');
    expect((await browser.get(pathOf(callback))).status).toBe(303);
    expect(await accessRecords(director.userId)).toContainEqual(expect.objectContaining({ query: { method: 'oidc', reason: 'signed_in', secondFactor: 'provider' } }));
  });

  it('the provider’s second factor counts for LEDGER_MFA_REQUIRED_ROLES; without it a director sets up the ledger’s own first', async () => {
    const strict = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: LEDGER_URL, LEDGER_MFA_REQUIRED_ROLES: 'director', ...provider.env } });
    try {
      await strict.http.post('/v1/users').set('Authorization', `Bearer ${strict.adminToken}`).send({ name: 'Dana Director', role: 'director', email: 'dana.director@library.example' }).expect(201);
      for (const [amr, next] of [[undefined, '/account/security'], ['pwd,otp', '/board']] as const) {
        const browser = request.agent(strict.app.getHttpServer());
        const started = await browser.get('/sign-in/oidc');
        const callback = await signInAtProvider(provider, started.headers.location, 'dana', amr);
        const signedIn = await browser.get(pathOf(callback));
        expect([amr, signedIn.status, signedIn.headers.location]).toEqual([amr, 303, next]);
        expect((await browser.get('/board')).headers.location).toBe(next === '/board' ? undefined : '/account/security');
      }
    } finally {
      await strict.close();
    }
  });

  it('sends the PKCE verifier: a code issued for another challenge is refused', async () => {
    const { browser, authorizationUrl } = await startAtLedger();
    const tampered = new URL(authorizationUrl);
    tampered.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const callback = await signInAtProvider(provider, tampered.href, 'dana');
    const refused = await browser.get(pathOf(callback));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('could not be finished');
    expect(refused.headers['set-cookie']?.toString() ?? '').not.toMatch(/ledger_session=[^;]/);
  });

  it('refuses a wrong state, and a callback in a browser that did not start the sign-in', async () => {
    const { browser, authorizationUrl } = await startAtLedger();
    const callback = await signInAtProvider(provider, authorizationUrl, 'dana');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-this-browser-was-given');
    const wrongState = await browser.get(pathOf(forged));
    expect(wrongState.status).toBe(400);
    expect(wrongState.text).toContain('could not be finished');

    const { authorizationUrl: another } = await startAtLedger();
    const elsewhere = await signInAtProvider(provider, another, 'dana');
    // The right state and a fresh code, but in a browser holding no sealed state: the query alone signs in no one.
    const noCookie = await request(ledger.app.getHttpServer()).get(pathOf(elsewhere));
    expect(noCookie.status).toBe(400);
    expect(noCookie.headers['set-cookie']?.toString() ?? '').not.toMatch(/ledger_session=[^;]/);
  });

  it('checks the nonce: an ID token made for another authorization request is refused', async () => {
    const { browser, authorizationUrl } = await startAtLedger();
    const tampered = new URL(authorizationUrl);
    tampered.searchParams.set('nonce', 'a-nonce-the-ledger-never-made');
    const callback = await signInAtProvider(provider, tampered.href, 'dana');
    const refused = await browser.get(pathOf(callback));
    expect(refused.status).toBe(400);
  });

  it('a session begun through single sign-on does not come back with a reactivation, though no request came while its user was deactivated', async () => {
    // Given a staff member signed in through the provider (no password, so no password's instant to differ)
    const rene = (await ledger.http.post('/v1/users').set(admin()).send({ name: 'Rene Returning', role: 'staff', email: 'rene.returning@library.example' }).expect(201)).body as { userId: string };
    const { browser, authorizationUrl } = await startAtLedger();
    expect((await browser.get(pathOf(await signInAtProvider(provider, authorizationUrl, 'returning')))).headers.location).toBe('/desk');
    expect((await browser.get('/desk')).status).toBe(200);
    // When they are deactivated and reactivated, and their browser asks nothing in between
    await ledger.http.post(`/v1/users/${rene.userId}/deactivation`).set(admin()).send({}).expect(204);
    await ledger.http.post(`/v1/users/${rene.userId}/reactivation`).set(admin()).send({}).expect(204);
    // Then the session from before is over: they sign in again
    const after = await browser.get('/desk');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('refuses an email no ledger user has, an unverified email and a deactivated user, each with a page saying what to do, and records each', async () => {
    const outcome = async (login: string) => {
      const { browser, authorizationUrl } = await startAtLedger();
      return browser.get(pathOf(await signInAtProvider(provider, authorizationUrl, login)));
    };
    const unknown = await outcome('stranger');
    expect(unknown.status).toBe(403);
    expect(unknown.text).toContain('no one in the Disclosure Ledger has the email address it gave');
    expect(unknown.text).toContain('Ask the ledger’s administrator to add your library email address');
    expect(unknown.text).not.toContain('someone.else@library.example');

    const unverified = await outcome('unverified');
    expect(unverified.status).toBe(403);
    expect(unverified.text).toContain('does not say that your email address is verified');

    const deactivated = await outcome('retired');
    expect(deactivated.status).toBe(403);
    expect(deactivated.text).toContain('Your user in the Disclosure Ledger is deactivated');
    expect(deactivated.text).toContain('ask the ledger’s administrator to reactivate you');

    expect(await accessRecords(retired.userId)).toContainEqual(expect.objectContaining({ query: { method: 'oidc', reason: 'sso_deactivated' }, outcome: 'denied', status: 403 }));
    // No email, code or token in any access record.
    const db = (await import('better-sqlite3')).default(ledger.config.paths.events, { readonly: true });
    const stored = (db.prepare("SELECT data FROM events WHERE type = 'RecordAccessed'").all() as { data: string }[]).map((row) => row.data).join('\n');
    db.close();
    expect(stored).toContain('{"action":"sign_in","occurredAt":');
    expect(stored).toMatch(/"query":\{"method":"oidc","reason":"sso_unknown_user"\},"role":"none","status":403,"userId":"unknown"/);
    expect(stored).toContain('"reason":"sso_email_unverified"');
    expect(stored).not.toMatch(/@library\.example|code=|eyJ/);
  });

  it('refuses a user this instance has just deactivated, before its directory shows it', async () => {
    // A deactivation recorded here at a position the views have not reached (as when they lag).
    const ahead = BigInt((await ledger.http.get('/health')).body.position as string) + 1_000n;
    ledger.app.get(CredentialsEndedHere).record(director.userId, 'user', ahead);
    const { browser, authorizationUrl } = await startAtLedger();
    const refused = await browser.get(pathOf(await signInAtProvider(provider, authorizationUrl, 'dana')));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your user in the Disclosure Ledger is deactivated');
  });
});

describe('single sign-on not configured', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp();
  });
  afterAll(() => ledger.close());

  it('offers no button, and /sign-in/oidc is 404', async () => {
    expect((await ledger.http.get('/sign-in').expect(200)).text).not.toContain('Sign in with');
    expect((await ledger.http.get('/sign-in/oidc')).status).toBe(404);
    expect((await ledger.http.get('/sign-in/oidc/callback?code=x&state=y')).status).toBe(404);
  });
});

describe('single sign-on while the provider is down', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    const nobodyListens = await freePort();
    ledger = await startLedgerApp({ env: { LEDGER_OIDC_ISSUER: `http://127.0.0.1:${nobodyListens}`, LEDGER_OIDC_CLIENT_ID: 'ledger', LEDGER_OIDC_CLIENT_SECRET: 'secret', LEDGER_OIDC_NAME: 'Library account' } });
  });
  afterAll(() => ledger.close());

  it('says the provider cannot be reached (503, Retry-After) and offers the password instead', async () => {
    const down = await ledger.http.get('/sign-in/oidc');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('60');
    expect(down.text).toContain('The ledger cannot reach Library account just now.');
    expect(down.text).toContain('sign in with your username and password');
  });
});

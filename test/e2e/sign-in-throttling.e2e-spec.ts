import request from 'supertest';
import { startLedgerApp, TestClock, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { twoInstancesSharingEventStoreDb } from '../support/two-instances.js';
import { enrolledUser, signIn } from '../support/web-session.js';

const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

describe('sign-in throttling per address', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    // The default, said out loud: the harness otherwise lifts it for specs that sign in often.
    ledger = await startLedgerApp({ env: { LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE: '30' } });
  });
  afterAll(() => ledger.close());

  it('spraying 40 usernames from one address gets 429 past 30 attempts, for the right password too, until the minute is over', async () => {
    const owner = await enrolledUser(ledger, 'staff', 'Sam Staff');
    const agent = request.agent(ledger.app.getHttpServer());
    const token = formTokenOf((await agent.get('/sign-in')).text);
    const attempt = (username: string, password: string) => agent.post('/sign-in').type('form').send({ _csrf: token, username, password });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await attempt(`sprayed${i}`, 'Winter2026!Winter2026!')).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));

    const right = await attempt(owner.username, owner.password);
    expect(right.status).toBe(429);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(right.text).toContain('Too many sign-in attempts');
    expect(right.headers['set-cookie']?.toString() ?? '').not.toMatch(/ledger_session=/);

    ledger.clock.advanceMinutes(1);
    expect((await attempt(owner.username, owner.password)).status).toBe(303);

    // Every outcome is in the access log, by user id (never the username typed, never a password).
    const auditor = await ledger.user('auditor');
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ userId: owner.userId, minPosition: position }).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    const reasons = (log.body.items as { action: string; query?: { reason: string }; outcome: string; status: number }[]).filter((e) => e.action === 'sign_in').map((e) => [e.query?.reason, e.outcome, e.status]);
    expect(reasons).toEqual(expect.arrayContaining([['throttled_address', 'denied', 429], ['signed_in', 'allowed', 303]]));
    const db = (await import('better-sqlite3')).default(ledger.config.paths.events, { readonly: true });
    const stored = (db.prepare("SELECT data FROM events WHERE type = 'RecordAccessed'").all() as { data: string }[]).map((row) => row.data).join('\n');
    db.close();
    expect(stored).toContain('"reason":"wrong_password"');
    expect(stored).not.toMatch(/Winter2026|sprayed|correct horse/);
  });
});

describe('session lifetime', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_SESSION_IDLE_MINUTES: '5' } });
  });
  afterAll(() => ledger.close());

  it('LEDGER_SESSION_IDLE_MINUTES ends a session left idle that long; a busy one lives on', async () => {
    const auditor = await enrolledUser(ledger, 'auditor', 'Audrey Auditor');
    const { agent } = await signIn(ledger, auditor);
    ledger.clock.advanceMinutes(4);
    expect((await agent.get('/audit/register')).status).toBe(200);
    ledger.clock.advanceMinutes(4);
    expect((await agent.get('/audit/register')).status).toBe(200);
    ledger.clock.advanceMinutes(5);
    const idle = await agent.get('/audit/register');
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toBe('/sign-in?expired=1');
  });
});

describe('device cookies: a stranger guessing cannot lock the owner out', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp();
  });
  afterAll(() => ledger.close());

  /** A browser at the sign-in page: its agent and a way to post the form. */
  async function browser() {
    const agent = request.agent(ledger.app.getHttpServer());
    let token = formTokenOf((await agent.get('/sign-in')).text);
    return {
      attempt: (username: string, password: string) => agent.post('/sign-in').type('form').send({ _csrf: token, username, password }),
      /** Signs out (the device cookie stays, as it does in a browser) and opens the sign-in form again. */
      async signOut(home: string) {
        const csrf = /name="csrf-token" content="([^"]+)"/.exec((await agent.get(home)).text)![1];
        await agent.post('/sign-out').type('form').send({ _csrf: csrf }).expect(303);
        token = formTokenOf((await agent.get('/sign-in')).text);
      },
    };
  }

  it('the owner signs in from the browser holding their device cookie while a stranger is slowed and then shut out', async () => {
    const owner = await enrolledUser(ledger, 'director', 'Dana Director');
    const desk = await browser();
    const first = await desk.attempt(owner.username, owner.password);
    expect(first.status).toBe(303);
    const device = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ledger_device='))!;
    expect(device).toMatch(/HttpOnly/);
    expect(device).toMatch(/SameSite=Lax/);
    expect(device).not.toMatch(/Domain=/i);
    expect(device).toContain(owner.userId);
    await desk.signOut('/board');

    // The stranger: three wrong passwords answered as such, then a wait that grows, then 15 minutes shut.
    const stranger = await browser();
    const statuses: number[] = [];
    const waits: number[] = [];
    for (let failures = 0; failures < 10; ) {
      const answer = await stranger.attempt(owner.username, `guess ${failures}`);
      statuses.push(answer.status);
      if (answer.status === 401) failures += 1;
      else {
        expect(answer.status).toBe(429);
        const wait = Number(answer.headers['retry-after']);
        waits.push(wait);
        ledger.clock.advanceMinutes(wait / 60);
      }
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 429]);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const shut = await stranger.attempt(owner.username, owner.password);
    expect(shut.status).toBe(429);
    expect(Number(shut.headers['retry-after'])).toBe(15 * 60);
    expect(shut.text).toContain('from browsers it has not signed in on. Wait 15 minutes');

    // A forged device cookie (the owner's id, any device id, any signature) is ignored: still shut.
    const forged = await ledger.http.post('/sign-in').set('Cookie', [`ledger_device=${owner.userId}.${'A'.repeat(22)}.${'B'.repeat(43)}`, ...(await formCookie())].join('; ')).type('form').send({ _csrf: formTokenValue, username: owner.username, password: owner.password });
    expect(forged.status).toBe(429);
    const malformed = await ledger.http.post('/sign-in').set('Cookie', ['ledger_device=%', ...(await formCookie())].join('; ')).type('form').send({ _csrf: formTokenValue, username: owner.username, password: owner.password });
    expect(malformed.status).toBe(429);

    // The owner, at the desk where they signed in before: a slip of the finger, then in.
    expect((await desk.attempt(owner.username, 'a slip of the finger')).status).toBe(401);
    const again = await desk.attempt(owner.username, owner.password);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/board');

    // Every outcome is in the access log under the owner's id.
    const auditor = await ledger.user('auditor');
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ userId: owner.userId, minPosition: position }).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    const reasons = (log.body.items as { action: string; query?: { reason: string }; status: number }[]).filter((e) => e.action === 'sign_in').map((e) => `${e.query?.reason} ${e.status}`);
    expect(reasons.filter((r) => r === 'signed_in 303')).toHaveLength(2);
    expect(reasons.filter((r) => r === 'wrong_password 401')).toHaveLength(11);
    expect(reasons.filter((r) => r === 'throttled_account 429').length).toBeGreaterThanOrEqual(10);
  });

  let formTokenValue = '';
  /** The double-submit cookie and token of a fresh sign-in form, for requests that set their own Cookie header. */
  async function formCookie(): Promise<string[]> {
    const form = await ledger.http.get('/sign-in');
    formTokenValue = formTokenOf(form.text);
    return (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  }
});

describe('device cookies under https', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: 'https://ledger.library.example' } });
  });
  afterAll(() => ledger.close());

  it('are Secure and __Host- prefixed when LEDGER_PUBLIC_URL is https', async () => {
    const owner = await enrolledUser(ledger, 'staff', 'Sam Staff');
    const form = await ledger.http.get('/sign-in');
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const signedIn = await ledger.http.post('/sign-in').set('Cookie', cookie).type('form').send({ _csrf: formTokenOf(form.text), username: owner.username, password: owner.password });
    expect(signedIn.status).toBe(303);
    const device = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-ledger_device='))!;
    expect(device).toMatch(/; Secure/);
    expect(device).toMatch(/HttpOnly/);
    expect(device).toMatch(/Path=\//);
  });
});

describe('the per-account limit across two API instances sharing one EventStoreDB', () => {
  const instances = twoInstancesSharingEventStoreDb('throttle');

  it('wrong passwords sent to one instance slow the next try on the other: the count is the access log’s, not one instance’s memory', async () => {
    // One clock for both, as one wall clock is for two servers.
    const [a, b] = await instances.start({ clock: new TestClock() });
    const owner = await enrolledUser(a, 'staff', 'Sam Staff');
    const auditor = await a.user('auditor');
    const attempt = async (ledger: LedgerAppHarness, password: string) => {
      const agent = request.agent(ledger.app.getHttpServer());
      const token = formTokenOf((await agent.get('/sign-in')).text);
      return agent.post('/sign-in').type('form').send({ _csrf: token, username: owner.username, password });
    };
    for (let i = 0; i < 3; i++) expect((await attempt(a, `guess ${i}`)).status).toBe(401);

    const failuresSeenByB = async () => {
      const log = await b.http.get('/v1/audit/access-log').query({ userId: owner.userId }).set('Authorization', `Bearer ${auditor.token}`);
      return log.status === 200 ? (log.body.items as { query?: { reason?: string } }[]).filter((e) => e.query?.reason === 'wrong_password').length : 0;
    };
    for (let tries = 0; (await failuresSeenByB()) < 3; tries++) {
      if (tries > 200) throw new Error('Instance b never saw the failures');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const slowed = await attempt(b, 'guess 3');
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
  }, 60_000);
});

import request from 'supertest';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';

const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

describe('web sign-in and enrollment', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp();
  });
  afterAll(() => ledger.close());

  it('POST /v1/users takes a unique username; a second user cannot take it', async () => {
    const admin = { Authorization: `Bearer ${ledger.adminToken}` };
    const first = await ledger.http.post('/v1/users').set(admin).send({ name: 'Uma Unique', role: 'staff', username: 'uma' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Uma Unique', role: 'staff', username: 'uma' });
    const again = await ledger.http.post('/v1/users').set(admin).send({ name: 'Other Uma', role: 'staff', username: 'uma' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'username', messages: ['That username is taken'] }]);
    const bad = await ledger.http.post('/v1/users').set(admin).send({ name: 'X', role: 'staff', username: 'No Spaces' });
    expect(bad.status).toBe(400);
  });

  it('enrolls through a one-time link, signs in, lands on the role home page and signs out', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dana Director');
    const { agent, csrf, home } = await signIn(ledger, director);
    expect(home).toBe('/board');
    const root = await agent.get('/');
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe('/board');
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    const after = await agent.get('/board');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('a link works once, and the ledger records that the password was set (never the hash)', async () => {
    const created = await ledger.http.post('/v1/users').set('Authorization', `Bearer ${ledger.adminToken}`).send({ name: 'Once Only', role: 'auditor', username: 'once' });
    const link = await ledger.http.post(`/v1/users/${created.body.userId}/enrollment`).set('Authorization', `Bearer ${ledger.adminToken}`).send({});
    expect(link.status).toBe(201);
    expect(Date.parse(link.body.expiresAt) - ledger.clock.now().getTime()).toBe(24 * 3_600_000);
    const path = new URL(link.body.enrollmentUrl).pathname;
    const form = await ledger.http.get(path);
    expect(form.text).toContain('<label for="password">Password</label>');
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const password = 'a long enough passphrase';
    const short = await ledger.http.post(path).set('Cookie', cookie).type('form').send({ _csrf: formTokenOf(form.text), password: 'short', confirmation: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 12 characters');
    const set = await ledger.http.post(path).set('Cookie', cookie).type('form').send({ _csrf: formTokenOf(form.text), password, confirmation: password });
    expect(set.status).toBe(303);
    const reuse = await ledger.http.post(path).set('Cookie', cookie).type('form').send({ _csrf: formTokenOf(form.text), password: 'another long passphrase', confirmation: 'another long passphrase' });
    expect(reuse.status).toBe(404);
    await signIn(ledger, { username: 'once', password });

    const db = (await import('better-sqlite3')).default(ledger.config.paths.events, { readonly: true });
    const rows = db.prepare("SELECT type, data FROM events WHERE stream = ?").all(`user-${created.body.userId}`) as { type: string; data: string }[];
    db.close();
    expect(rows.map((r) => r.type)).toEqual(['UserRegistered', 'TokenIssued', 'EnrollmentLinkIssued', 'PasswordSet']);
    expect(rows.map((r) => r.data).join('')).not.toMatch(/scrypt|passphrase/);
  });

  it('an expired link is refused', async () => {
    const created = await ledger.http.post('/v1/users').set('Authorization', `Bearer ${ledger.adminToken}`).send({ name: 'Late Comer', role: 'staff', username: 'late' });
    const link = await ledger.http.post(`/v1/users/${created.body.userId}/enrollment`).set('Authorization', `Bearer ${ledger.adminToken}`).send({});
    ledger.clock.advanceMinutes(24 * 60);
    try {
      const form = await ledger.http.get(new URL(link.body.enrollmentUrl).pathname);
      expect(form.status).toBe(404);
      expect(form.text).toContain('cannot be used');
    } finally {
      ledger.clock.advanceMinutes(-24 * 60);
    }
  });

  it('a wrong password is refused without saying whether the username exists; past three, a browser that never signed in as them must wait', async () => {
    const staff = await enrolledUser(ledger, 'staff', 'Sam Staff');
    const agent = request.agent(ledger.app.getHttpServer());
    const token = formTokenOf((await agent.get('/sign-in')).text);
    const unknown = await agent.post('/sign-in').type('form').send({ _csrf: token, username: 'nobody-here', password: 'whatever it is' });
    const wrong = await agent.post('/sign-in').type('form').send({ _csrf: token, username: staff.username, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.text).toContain('The username or password is not right');
    expect(wrong.text).toContain('The username or password is not right');
    for (let i = 0; i < 4; i++) await agent.post('/sign-in').type('form').send({ _csrf: token, username: staff.username, password: 'not the password' });
    const locked = await agent.post('/sign-in').type('form').send({ _csrf: token, username: staff.username, password: staff.password });
    expect(locked.status).toBe(429);
  });

  it('a sign-in form without its token is refused, and the session cookie is host-only, HttpOnly and SameSite=Lax', async () => {
    const auditor = await enrolledUser(ledger, 'auditor', 'Audrey Auditor');
    const forged = await ledger.http.post('/sign-in').type('form').send({ username: auditor.username, password: auditor.password });
    expect(forged.status).toBe(403);
    const agent = request.agent(ledger.app.getHttpServer());
    const token = formTokenOf((await agent.get('/sign-in')).text);
    const ok = await agent.post('/sign-in').type('form').send({ _csrf: token, username: auditor.username, password: auditor.password });
    const session = (ok.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ledger_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Domain=/i);
  });

  it('pages carry a strict Content-Security-Policy that forbids framing', async () => {
    const page = await ledger.http.get('/sign-in');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

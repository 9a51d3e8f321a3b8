import request from 'supertest';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { twoInstancesSharingEventStoreDb } from '../support/two-instances.js';
import { enrolledUser, signIn } from '../support/web-session.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** Tries a password on the sign-in page; the answer's status (303 signed in, 401 refused). */
async function trySignIn(ledger: LedgerAppHarness, username: string, password: string): Promise<number> {
  const agent = request.agent(ledger.app.getHttpServer());
  const token = formTokenOf((await agent.get('/sign-in')).text);
  return (await agent.post('/sign-in').type('form').send({ _csrf: token, username, password })).status;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Never happened: ${what}`);
}

describe('offboarding: deactivation ends every way in', () => {
  let ledger: LedgerAppHarness;
  let admin: Record<string, string>;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_PUBLIC_URL: 'http://ledger.library.example:8080' } });
    admin = bearer(ledger.adminToken);
  });
  afterAll(() => ledger.close());

  it('ends the token, the open web session, the password and the enrollment link at once; GET /v1/users shows it', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dana Director');
    const { agent } = await signIn(ledger, director);
    expect((await agent.get('/board')).status).toBe(200);
    const link = await ledger.http.post(`/v1/users/${director.userId}/enrollment`).set(admin).send({});
    expect(link.status).toBe(201);

    const deactivated = await ledger.http.post(`/v1/users/${director.userId}/deactivation`).set(admin).send({});
    expect(deactivated.status).toBe(204);

    expect((await ledger.http.get('/v1/me').set(bearer(director.token))).status).toBe(401);
    const page = await agent.get('/board');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    expect(await trySignIn(ledger, director.username, director.password)).toBe(401);
    expect((await ledger.http.get(new URL(link.body.enrollmentUrl).pathname)).status).toBe(404);

    const users = await ledger.http.get('/v1/users').set(admin);
    expect(users.status).toBe(200);
    expect(users.body.items).toContainEqual({ userId: director.userId, name: 'Dana Director', role: 'director', username: director.username, email: null, active: false, mfa: [] });
    // A deactivated user gets no new token or link, and cannot be deactivated twice.
    expect((await ledger.http.post(`/v1/users/${director.userId}/tokens`).set(admin).send({})).status).toBe(409);
    expect((await ledger.http.post(`/v1/users/${director.userId}/enrollment`).set(admin).send({})).status).toBe(409);
    expect((await ledger.http.post(`/v1/users/${director.userId}/deactivation`).set(admin).send({})).status).toBe(409);
  });

  it('reactivation gives no password back: the old one stays dead until a new enrollment', async () => {
    const staff = await enrolledUser(ledger, 'staff', 'Sam Staff');
    await ledger.http.post(`/v1/users/${staff.userId}/deactivation`).set(admin).send({}).expect(204);
    await ledger.http.post(`/v1/users/${staff.userId}/reactivation`).set(admin).send({}).expect(204);
    expect(await trySignIn(ledger, staff.username, staff.password)).toBe(401);
    expect((await ledger.http.get('/v1/me').set(bearer(staff.token))).status).toBe(401);
    expect((await ledger.http.post(`/v1/users/${staff.userId}/reactivation`).set(admin).send({})).status).toBe(409);
    const users = await ledger.http.get('/v1/users').set(admin);
    expect(users.body.items.find((u: { userId: string }) => u.userId === staff.userId)).toMatchObject({ active: true });

    const link = await ledger.http.post(`/v1/users/${staff.userId}/enrollment`).set(admin).send({}).expect(201);
    const path = new URL(link.body.enrollmentUrl).pathname;
    const form = await ledger.http.get(path).expect(200);
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const password = 'a brand new long passphrase';
    await ledger.http.post(path).set('Cookie', cookie).type('form').send({ _csrf: formTokenOf(form.text), password, confirmation: password }).expect(303);
    expect(await trySignIn(ledger, staff.username, password)).toBe(303);
    expect(await trySignIn(ledger, staff.username, staff.password)).toBe(401);
  });

  it('only admins deactivate, and an unknown user is 404', async () => {
    const director = await ledger.user('director');
    const staff = await ledger.user('staff');
    expect((await ledger.http.post(`/v1/users/${staff.userId}/deactivation`).set(bearer(director.token)).send({})).status).toBe(403);
    expect((await ledger.http.get('/v1/users').set(bearer(director.token))).status).toBe(403);
    expect((await ledger.http.post('/v1/users/00000000-0000-4000-8000-000000000000/deactivation').set(admin).send({})).status).toBe(404);
  });

  it('takes an optional email at registration and lists it', async () => {
    const created = await ledger.http.post('/v1/users').set(admin).send({ name: 'Erin Email', role: 'counsel', username: 'erin', email: 'Erin@Library.example' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'erin', email: 'erin@library.example' });
    const users = await ledger.http.get('/v1/users').set(admin);
    expect(users.body.items).toContainEqual(expect.objectContaining({ userId: created.body.userId, email: 'erin@library.example', active: true }));
    expect((await ledger.http.post('/v1/users').set(admin).send({ name: 'Bad Email', role: 'staff', email: 'not an address' })).status).toBe(400);
  });

  it('an email is unique among active users: 409 on the email field while its holder is active, free again once they are deactivated', async () => {
    const first = await ledger.http.post('/v1/users').set(admin).send({ name: 'First Holder', role: 'staff', email: 'shared@library.example' }).expect(201);
    const taken = await ledger.http.post('/v1/users').set(admin).send({ name: 'Second Holder', role: 'staff', email: 'Shared@Library.example' });
    expect(taken.status).toBe(409);
    expect(taken.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(taken.body.errors).toEqual([{ field: 'email', messages: ['That email address is taken'] }]);
    expect((await ledger.http.get('/v1/users').set(admin)).body.items.filter((u: { email: string | null }) => u.email === 'shared@library.example')).toHaveLength(1);
    await ledger.http.post(`/v1/users/${first.body.userId}/deactivation`).set(admin).send({}).expect(204);
    await ledger.http.post('/v1/users').set(admin).send({ name: 'Second Holder', role: 'staff', email: 'shared@library.example' }).expect(201);
    // …and the first holder cannot come back with it while the second is active.
    const back = await ledger.http.post(`/v1/users/${first.body.userId}/reactivation`).set(admin).send({});
    expect(back.status).toBe(409);
    expect(back.body.errors).toEqual([{ field: 'email', messages: ['That email address is taken'] }]);
  });

  describe('enrollment links', () => {
    it('a new link voids every earlier one', async () => {
      const created = await ledger.http.post('/v1/users').set(admin).send({ name: 'Two Links', role: 'auditor', username: 'twolinks' });
      const first = await ledger.http.post(`/v1/users/${created.body.userId}/enrollment`).set(admin).send({}).expect(201);
      const second = await ledger.http.post(`/v1/users/${created.body.userId}/enrollment`).set(admin).send({}).expect(201);
      expect((await ledger.http.get(new URL(first.body.enrollmentUrl).pathname)).status).toBe(404);
      expect((await ledger.http.get(new URL(second.body.enrollmentUrl).pathname)).status).toBe(200);
    });

    it('are built from LEDGER_PUBLIC_URL, never from the Host header', async () => {
      const created = await ledger.http.post('/v1/users').set(admin).send({ name: 'Host Header', role: 'staff', username: 'hostheader' });
      const link = await ledger.http.post(`/v1/users/${created.body.userId}/enrollment`).set(admin).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').send({});
      expect(link.status).toBe(201);
      expect(link.body.enrollmentUrl).toMatch(/^http:\/\/ledger\.library\.example:8080\/enroll\/[A-Za-z0-9_-]{43}$/);
    });
  });
  // Last: the harness's admin token ends here.
  it('refuses to deactivate the last active admin (409 LAST-ADMIN), and allows it once another admin is active', async () => {
    const me = await ledger.http.get('/v1/me').set(admin);
    const alone = await ledger.http.post(`/v1/users/${me.body.userId}/deactivation`).set(admin).send({});
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ rule: 'LAST-ADMIN' });
    const second = await ledger.user('admin', 'Second Admin');
    await ledger.http.post(`/v1/users/${second.userId}/deactivation`).set(admin).send({}).expect(204);
    expect((await ledger.http.post(`/v1/users/${me.body.userId}/deactivation`).set(admin).send({})).status).toBe(409);
    await ledger.http.post(`/v1/users/${second.userId}/reactivation`).set(admin).send({}).expect(204);
    const token = await ledger.http.post(`/v1/users/${second.userId}/tokens`).set(admin).send({}).expect(201);
    // The first admin may now go: the second, active again, manages users.
    await ledger.http.post(`/v1/users/${me.body.userId}/deactivation`).set(bearer(token.body.token)).send({}).expect(204);
    expect((await ledger.http.get('/v1/me').set(admin)).status).toBe(401);
    admin = bearer(token.body.token);
  });
});

describe('offboarding across two API instances sharing one EventStoreDB', () => {
  const instances = twoInstancesSharingEventStoreDb('offboard');

  it('a deactivation taken by one instance ends the session, token and password the other one holds', async () => {
    const [a, b] = await instances.start();
    // Enrolled and signed in on instance b (its own credentials store and its own in-memory sessions).
    await until('b knows the admin', async () => (await b.http.get('/v1/me').set(bearer(b.adminToken))).status === 200);
    const director = await enrolledUser(b, 'director', 'Remote Director');
    const { agent } = await signIn(b, director);
    expect((await agent.get('/board')).status).toBe(200);
    await until('a knows the director', async () => (await a.http.get('/v1/users').set(bearer(a.adminToken))).body.items.some((u: { userId: string }) => u.userId === director.userId));

    await a.http.post(`/v1/users/${director.userId}/deactivation`).set(bearer(a.adminToken)).send({}).expect(204);

    await until('b refuses the token', async () => (await b.http.get('/v1/me').set(bearer(director.token))).status === 401);
    const page = await agent.get('/board');
    expect(page.status).toBe(303);
    expect(await trySignIn(b, director.username, director.password)).toBe(401);
  }, 60_000);
});

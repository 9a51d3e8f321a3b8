import request from 'supertest';
import { totpCode } from '../../apps/api/src/identity/second-factors/totp.js';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn, type WebUser } from '../support/web-session.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const csrfOf = (html: string) => /name="csrf-token" content="([^"]+)"/.exec(html)![1];

/** Password step on a fresh agent: the agent and where the sign-in sent it. */
async function password(ledger: LedgerAppHarness, user: WebUser) {
  const agent = request.agent(ledger.app.getHttpServer());
  const token = formTokenOf((await agent.get('/sign-in')).text);
  const answer = await agent.post('/sign-in').type('form').send({ _csrf: token, username: user.username, password: user.password });
  expect(answer.status).toBe(303);
  return { agent, next: answer.headers.location };
}

/** Sets up an authenticator app on the security page; answers its secret and the recovery codes shown once. */
async function setUpTotp(ledger: LedgerAppHarness, agent: ReturnType<typeof request.agent>): Promise<{ secret: string; codes: string[] }> {
  const page = await agent.get('/account/security');
  const begun = await agent.post('/account/security/totp').type('form').send({ _csrf: csrfOf(page.text) });
  expect(begun.status).toBe(200);
  const secret = /id="totp-secret"[^>]*>([^<]+)</.exec(begun.text)![1].replace(/\s/g, '');
  expect(begun.text).toContain('<svg role="img" aria-label="QR code');
  const wrong = await agent.post('/account/security/totp/confirmation').type('form').send({ _csrf: csrfOf(page.text), code: '000000' === totpCode(secret, ledger.clock.now()) ? '111111' : '000000' });
  expect(wrong.status).toBe(400);
  const confirmed = await agent.post('/account/security/totp/confirmation').type('form').send({ _csrf: csrfOf(page.text), code: totpCode(secret, ledger.clock.now()) });
  expect(confirmed.status).toBe(303);
  const shown = await agent.get(confirmed.headers.location);
  const codes = [...shown.text.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]);
  // Shown once: the next visit lists none.
  expect((await agent.get('/account/security')).text).not.toContain(codes[0]);
  return { secret, codes };
}

async function secondStep(agent: ReturnType<typeof request.agent>, code: string) {
  const page = await agent.get('/sign-in/second-factor');
  return agent.post('/sign-in/second-factor').type('form').send({ _csrf: csrfOf(page.text), code });
}

describe('second factors over HTTP (TOTP, recovery codes, the required set-up, the admin reset)', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_MFA_REQUIRED_ROLES: 'director,admin' } });
  });
  afterAll(() => ledger.close());

  it('a director without a second factor goes from the password straight to set one up, and can open nothing else until then', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dana Director');
    const { agent, next } = await password(ledger, director);
    expect(next).toBe('/account/security');
    for (const path of ['/board', '/roster', '/', '/audit/findings']) {
      const answer = await agent.get(path);
      expect([path, answer.status, answer.headers.location]).toEqual([path, 303, path === '/' ? '/board' : '/account/security']);
    }
    const { codes } = await setUpTotp(ledger, agent);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await agent.get('/board')).status).toBe(200);
    const users = await ledger.http.get('/v1/users').set(bearer(ledger.adminToken));
    expect(users.body.items.find((u: { userId: string }) => u.userId === director.userId).mfa).toEqual(['totp']);
  });

  it('with an app set up, the password leads to "Enter a code"; a code signs in once, a recovery code once; wrong ones are refused and recorded', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dora Director');
    const first = await password(ledger, director);
    const { secret, codes } = await setUpTotp(ledger, first.agent);

    ledger.clock.advanceMinutes(1);
    const second = await password(ledger, director);
    expect(second.next).toBe('/sign-in/second-factor');
    expect((await second.agent.get('/board')).headers.location).toBe('/sign-in/second-factor');
    expect((await secondStep(second.agent, '12345x')).status).toBe(401);
    const code = totpCode(secret, ledger.clock.now());
    const signedIn = await secondStep(second.agent, code);
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/board']);
    expect((await second.agent.get('/board')).status).toBe(200);

    // The same code again, in the same 30 seconds: used already.
    const third = await password(ledger, director);
    expect((await secondStep(third.agent, code)).status).toBe(401);
    expect((await secondStep(third.agent, codes[3].toUpperCase())).headers.location).toBe('/board');
    const fourth = await password(ledger, director);
    expect((await secondStep(fourth.agent, codes[3])).status).toBe(401);

    const auditor = await ledger.user('auditor');
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ userId: director.userId, minPosition: position }).set(bearer(auditor.token));
    const reasons = (log.body.items as { query?: { reason?: string; factor?: string }; status: number }[]).map((entry) => `${entry.query?.reason}:${entry.query?.factor ?? ''}:${entry.status}`);
    expect(reasons).toEqual(expect.arrayContaining(['password_ok::303', 'wrong_second_factor:code:401', 'second_factor_ok:totp:303', 'second_factor_ok:recovery_code:303']));
    expect(JSON.stringify(log.body)).not.toContain(code);
    expect(JSON.stringify(log.body)).not.toContain(codes[3]);
    // The auditor's access log page says it in words.
    const auditorPage = await signIn(ledger, await enrolledUser(ledger, 'auditor', 'Audrey Auditor'));
    const page = await auditorPage.agent.get('/audit/access-log').query({ userId: director.userId });
    expect(page.status).toBe(200);
    for (const words of ['Gave the right password (a second factor was asked next)', 'Signed in with a second factor', 'Refused: wrong second factor']) expect(page.text).toContain(words);
  });

  it('five wrong codes lock the step for that user (429), the right code included', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dina Director');
    const { secret } = await setUpTotp(ledger, (await password(ledger, director)).agent);
    ledger.clock.advanceMinutes(1);
    const { agent } = await password(ledger, director);
    for (let i = 0; i < 5; i++) expect((await secondStep(agent, '999999' === totpCode(secret, ledger.clock.now()) ? '888888' : '999999')).status).toBe(401);
    const locked = await secondStep(agent, totpCode(secret, ledger.clock.now()));
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Too many wrong codes');
  });

  it('DELETE /v1/users/:userId/second-factors: admin only, 404 for nobody, 400 for a bad id (problem+json); 204 removes every factor and ends the sessions', async () => {
    const director = await enrolledUser(ledger, 'director', 'Dale Director');
    const { agent } = await password(ledger, director);
    await setUpTotp(ledger, agent);
    expect((await agent.get('/board')).status).toBe(200);

    const staff = await ledger.user('staff');
    const refused = await ledger.http.delete(`/v1/users/${director.userId}/second-factors`).set(bearer(staff.token));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await ledger.http.delete(`/v1/users/${director.userId}/second-factors`)).status).toBe(401);
    const nobody = await ledger.http.delete('/v1/users/00000000-0000-4000-8000-000000000000/second-factors').set(bearer(ledger.adminToken));
    expect(nobody.status).toBe(404);
    expect(nobody.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await ledger.http.delete('/v1/users/not-a-uuid/second-factors').set(bearer(ledger.adminToken));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);

    expect((await ledger.http.delete(`/v1/users/${director.userId}/second-factors`).set(bearer(ledger.adminToken))).status).toBe(204);
    expect((await agent.get('/board')).headers.location).toMatch(/^\/sign-in/);
    const users = await ledger.http.get('/v1/users').set(bearer(ledger.adminToken));
    expect(users.body.items.find((u: { userId: string }) => u.userId === director.userId).mfa).toEqual([]);
    // Required for directors: the next sign-in sets one up again.
    expect((await password(ledger, director)).next).toBe('/account/security');
  });

  it('a role not required to have one signs in by password alone, and may still set one up', async () => {
    const staff = await enrolledUser(ledger, 'staff', 'Sam Desk');
    const { agent, next } = await password(ledger, staff);
    expect(next).toBe('/desk');
    expect((await agent.get('/account/security')).status).toBe(200);
  });

  it('15 minutes after signing in, a change of users asks to sign in again (password, then the code), then returns to the Users page; an export asks too', async () => {
    const admin = await enrolledUser(ledger, 'admin', 'Ada Admin');
    const { agent } = await password(ledger, admin);
    const { secret } = await setUpTotp(ledger, agent);
    const staff = await ledger.user('staff');
    const users = await agent.get('/admin/users');
    expect(users.status).toBe(200);
    const post = () => agent.post(`/admin/users/${staff.userId}/revoke`).set('Referer', 'http://127.0.0.1/admin/users').type('form').send({ _csrf: csrfOf(users.text) });
    expect((await post()).status).toBe(200);
    ledger.clock.advanceMinutes(16);
    const asked = await post();
    expect([asked.status, asked.headers.location]).toEqual([303, '/sign-in/again?return=%2Fadmin%2Fusers']);

    const again = await agent.get(asked.headers.location);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Sign in again');
    const wrong = await agent.post('/sign-in/again').type('form').send({ _csrf: csrfOf(again.text), return: '/admin/users', password: 'not the password' });
    expect(wrong.status).toBe(401);
    const right = await agent.post('/sign-in/again').type('form').send({ _csrf: csrfOf(again.text), return: '//evil.example/admin', password: admin.password });
    expect([right.status, right.headers.location]).toEqual([303, '/sign-in/second-factor']);
    const done = await secondStep(agent, totpCode(secret, ledger.clock.now()));
    // An address of another site is never where it returns: the user's home instead.
    expect([done.status, done.headers.location]).toEqual([303, '/admin/users']);
    const fresh = await agent.get('/admin/users');
    const reached = await agent.post(`/admin/users/${staff.userId}/revoke`).type('form').send({ _csrf: csrfOf(fresh.text) });
    expect(reached.status).toBe(200);

    // A case file export, for a member of staff without a second factor: the password alone, then the download it asked for.
    const clerk = await enrolledUser(ledger, 'staff', 'Sam Desk');
    const desk = await password(ledger, clerk);
    ledger.clock.advanceMinutes(16);
    // Of the case page's forms, a production asks; the others do not.
    const deskPage = await desk.agent.get('/desk');
    const produce = await desk.agent.post('/cases/00000000-0000-4000-8000-000000000000/actions/produce').type('form').send({ _csrf: csrfOf(deskPage.text) });
    expect([produce.status, produce.headers.location]).toEqual([303, '/sign-in/again?return=%2Fdesk']);
    const refuse = await desk.agent.post('/cases/00000000-0000-4000-8000-000000000000/actions/refuse').type('form').send({ _csrf: csrfOf(deskPage.text) });
    expect(refuse.headers.location ?? '').not.toContain('/sign-in/again');
    const exportPath = '/cases/00000000-0000-4000-8000-000000000000/export?format=pdf';
    const exported = await desk.agent.get(exportPath);
    expect(exported.headers.location).toBe(`/sign-in/again?return=${encodeURIComponent(exportPath)}`);
    const form = await desk.agent.get(exported.headers.location);
    const back = await desk.agent.post('/sign-in/again').type('form').send({ _csrf: csrfOf(form.text), return: exportPath, password: clerk.password });
    expect([back.status, back.headers.location]).toEqual([303, exportPath]);
    expect((await desk.agent.get(exportPath)).status).toBe(404);
  });
});

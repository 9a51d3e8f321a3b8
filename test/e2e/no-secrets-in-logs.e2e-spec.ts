import { readFileSync } from 'node:fs';
import { makeTempDir } from '../support/temp-dir.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Patron references, tokens and passwords never reach a log line: the real server runs as a child
 * process (logging at `debug`, more than an operator would), a full law-enforcement flow, a web
 * enrollment and sign-in and a series of failures go through it, and everything it printed is searched
 * for every reference, token, password, link and cookie used. What it printed is JSON lines, one per
 * answered request with its id, route, status and latency.
 */
describe('the server logs no patron reference, token or password', () => {
  const temp = makeTempDir('ledger-logs-');
  let server: ServerProcess;

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    temp.remove();
  });

  it('keeps them out of its output through a full flow, errors included', async () => {
    server = await startServerProcess({ LEDGER_DATA_DIR: temp.dir, LEDGER_AUTH_FAILURES_PER_MINUTE: '3', LEDGER_LOG_LEVEL: 'debug' });
    const adminToken = readFileSync(`${temp.dir}/admin-token`, 'utf8').trim();
    const secrets: string[] = [adminToken];
    const call = async (method: string, path: string, token: string | null, body?: unknown, raw?: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      const json = (response.headers.get('content-type') ?? '').includes('json');
      return { status: response.status, body: json && text ? JSON.parse(text) : text };
    };
    const user = async (role: string) => {
      const created = await call('POST', '/v1/users', adminToken, { name: `A ${role}`, role, username: `log.${role}` });
      expect(created.status).toBe(201);
      secrets.push(created.body.token);
      return created.body as { userId: string; token: string };
    };
    const staff = await user('staff');
    const director = await user('director');
    const counsel = await user('counsel');
    const auditor = await user('auditor');

    const patronRef = 'PATRON-SECRET-5550123';
    const leRef = 'PATRON-SECRET-5550999';
    secrets.push(patronRef, leRef);

    const opened = await call('POST', '/v1/cases', staff.token, {
      requester: { kind: 'patron', name: 'Pat' }, channel: 'in_person', patron: { ref: patronRef },
      requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }],
    });
    expect(opened.status).toBe(201);
    expect((await call('POST', `/v1/cases/${opened.body.caseId}/releases`, staff.token, { categories: ['address'], method: 'in_person' })).status).toBe(422);

    const le = await call('POST', '/v1/cases', staff.token, {
      requester: { kind: 'law_enforcement', name: 'Det. Lane', agency: 'State Police' }, channel: 'in_person', patron: { ref: leRef },
      requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
    });
    expect(le.status).toBe(201);
    const caseId = le.body.caseId as string;
    const now = Date.now();
    const steps: [string, string, object][] = [
      [staff.token, 'director-referrals', { note: 'At the desk' }],
      [director.token, 'legal-instruments', { type: 'court_order', issuedBy: 'Superior Court', servedAt: new Date(now - 60_000).toISOString(), scope: { categories: ['circulation_history'] }, nondisclosureOrder: false }],
      [director.token, 'counsel-referrals', { counselUserId: counsel.userId }],
      [counsel.token, 'counsel-advice', { advice: 'comply' }],
      [director.token, 'release-decisions', { decision: 'release', categories: ['circulation_history'], rationale: 'Court order, counsel advises compliance' }],
      [director.token, 'productions', { categories: ['circulation_history'], recipient: 'Det. Lane', method: 'in_person' }],
    ];
    for (const [token, step, body] of steps) expect((await call('POST', `/v1/cases/${caseId}/${step}`, token, body)).status).toBe(201);
    expect((await call('GET', `/v1/cases/${caseId}`, director.token)).status).toBe(200);
    expect((await call('GET', `/v1/cases/${caseId}/export?format=pdf`, auditor.token)).status).toBe(200);

    // A password set through an enrollment link, a sign-in with it and one with a wrong one.
    const password = 'PASSWORD-SECRET correct horse staple';
    const wrongPassword = 'PASSWORD-SECRET-WRONG battery';
    const link = await call('POST', `/v1/users/${director.userId}/enrollment`, adminToken, {});
    expect(link.status).toBe(201);
    const enrollPath = new URL(link.body.enrollmentUrl as string).pathname;
    secrets.push(password, wrongPassword, enrollPath.split('/').pop()!);
    const form = async (path: string) => {
      const page = await fetch(`${server.baseUrl}${path}`);
      const cookie = page.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ');
      return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1] };
    };
    const post = (path: string, cookie: string, fields: Record<string, string>) =>
      fetch(`${server.baseUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const enrollment = await form(enrollPath);
    expect((await post(enrollPath, enrollment.cookie, { _csrf: enrollment.csrf, password, confirmation: password })).status).toBe(303);
    const signInForm = await form('/sign-in');
    expect((await post('/sign-in', signInForm.cookie, { _csrf: signInForm.csrf, username: 'log.director', password: wrongPassword })).status).toBe(401);
    const signedIn = await post('/sign-in', signInForm.cookie, { _csrf: signInForm.csrf, username: 'log.director', password });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers.getSetCookie().map((set) => set.split(';')[0].split('=')[1]).filter((value) => value.length >= 16);
    expect(session.length).toBeGreaterThan(0);
    secrets.push(...session, enrollment.csrf, signInForm.csrf);

    // A request id a client sends comes back and names the request's line; one that could carry anything is replaced.
    const followed = await fetch(`${server.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${auditor.token}`, 'X-Request-Id': 'proxy-7f3a.42' } });
    expect(followed.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    const replaced = await fetch(`${server.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${auditor.token}x`, 'X-Request-Id': `${patronRef} and more` } });
    const replacedId = replaced.headers.get('x-request-id');
    expect(replacedId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await replaced.json()).requestId).toBe(replacedId);

    // Failures that might be tempted to echo what they were given.
    await call('POST', '/v1/cases', staff.token, undefined, `{"patron":{"ref":"${patronRef}"`);
    await call('POST', '/v1/cases', staff.token, { patron: { ref: `${patronRef}${'x'.repeat(100)}` }, bogus: patronRef });
    await call('POST', '/v1/patrons/card-lost', staff.token, { patronRef, extra: leRef });
    expect((await call('POST', '/v1/patrons/identifiers', staff.token, { patronRef, identifier: 'PATRON-SECRET-5550777' })).status).toBe(201);
    expect((await call('POST', '/v1/patrons/identifiers', staff.token, { patronRef: leRef, identifier: 'PATRON-SECRET-5550777' })).status).toBe(409);
    secrets.push('PATRON-SECRET-5550777');
    await call('POST', '/v1/audit/disclosures/search', auditor.token, { patronRef });
    for (let i = 0; i < 5; i++) await call('GET', '/v1/me', `${staff.token.slice(0, -2)}zz`);
    await call('DELETE', `/v1/users/${staff.userId}/tokens`, adminToken);
    await call('GET', '/v1/me', staff.token);

    server.child.kill('SIGTERM');
    await server.exited;
    const output = server.output();
    for (const secret of secrets) expect(output).not.toContain(secret);
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => String(line.msg).includes('listening on'))).toHaveLength(1);
    const requests = lines.filter((line) => 'reqId' in line);
    expect(requests.find((line) => line.reqId === 'proxy-7f3a.42')).toEqual(expect.objectContaining({ level: 'info', method: 'GET', route: '/v1/me', status: 200, ms: expect.any(Number) }));
    expect(requests.find((line) => line.reqId === replacedId)).toEqual(expect.objectContaining({ route: '/v1/me', status: 401 }));
    expect(requests.find((line) => line.route === '/v1/cases/:caseId/releases')).toEqual(expect.objectContaining({ status: 422, rule: expect.any(String) }));
    expect(requests.some((line) => line.route === '/enroll/:secret')).toBe(true);
    // Not even a fragment long enough to matter.
    for (const token of secrets.filter((s) => s.startsWith('dl_'))) expect(output).not.toContain(token.slice(3, 23));
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { makeTempDir } from '../support/temp-dir.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Patron references and tokens never reach a log line: the real server runs as a child process, a
 * full law-enforcement flow and a series of failures go through it, and everything it printed is
 * searched for every reference and token used.
 */
describe('the server logs no patron reference and no token', () => {
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
    server = await startServerProcess({ LEDGER_DATA_DIR: temp.dir, LEDGER_AUTH_FAILURES_PER_MINUTE: '3' });
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
      const created = await call('POST', '/v1/users', adminToken, { name: `A ${role}`, role });
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
    expect(output).toContain('listening');
    for (const secret of secrets) expect(output).not.toContain(secret);
    // Not even a fragment long enough to matter.
    for (const token of secrets.filter((s) => s.startsWith('dl_'))) expect(output).not.toContain(token.slice(3, 23));
  }, 60_000);
});

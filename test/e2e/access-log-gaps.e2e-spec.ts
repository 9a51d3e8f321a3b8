import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { bearer, CaseFlows, makeActors, type Actors } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { runCli } from '../support/server-process.js';
import { enrolledUser, signIn } from '../support/web-session.js';

/** Refusals before any handler runs, and exports from the command line, are in the access log too. */
describe('the access log has no gaps', () => {
  let ledger: LedgerAppHarness;
  let actors: Actors;
  let caseId: string;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    actors = await makeActors(ledger);
    caseId = await new CaseFlows(ledger, actors).lawEnforcementCase();
  });
  afterAll(() => ledger.close());

  const accessLog = async (query: Record<string, string>) => {
    const position = (await ledger.http.get('/health')).body.position as string;
    return (await ledger.http.get('/v1/audit/access-log').query({ ...query, minPosition: position }).set(bearer(actors.auditor.token)).expect(200)).body.items as Record<string, unknown>[];
  };

  it('records the admin refused a case (403), and the export refused to staff', async () => {
    const me = (await ledger.http.get('/v1/me').set(bearer(ledger.adminToken))).body as { userId: string };
    await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(ledger.adminToken)).expect(403);
    expect(await accessLog({ userId: me.userId, caseId })).toContainEqual(expect.objectContaining({ userId: me.userId, role: 'admin', action: 'case_read', caseId, outcome: 'denied', status: 403 }));

    await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'csv' }).set(bearer(actors.otherStaff.token)).expect(403);
    expect(await accessLog({ userId: actors.otherStaff.userId, caseId })).toContainEqual(
      expect.objectContaining({ action: 'case_export', caseId, format: 'csv', outcome: 'denied', status: 403 }),
    );
  });

  it('records a case page refused to the admin in the web application', async () => {
    const admin = await enrolledUser(ledger, 'admin', 'Ada Admin');
    const { agent } = await signIn(ledger, admin);
    expect((await agent.get(`/cases/${caseId}`)).status).toBe(403);
    expect(await accessLog({ userId: admin.userId, caseId })).toContainEqual(expect.objectContaining({ role: 'admin', action: 'case_read', caseId, outcome: 'denied', status: 403 }));
  });

  it('records every `ledger export` from the command line, given or not (runs the built CLI: npm run build)', async () => {
    const env = { LEDGER_DATA_DIR: ledger.config.dataDir };
    const given = await runCli(['export', caseId, '--format', 'json'], env);
    expect(given.code).toBe(0);
    const refused = await runCli(['export', '00000000-0000-4000-8000-000000000000', '--pseudonymise'], env);
    expect(refused.code).not.toBe(0);
    // A card number typed in the case id's place is not printed back.
    const mistyped = await runCli(['export', '21000004455667', '--pseudonymise'], env);
    expect(mistyped.code).not.toBe(0);
    expect(`${mistyped.stdout}${mistyped.stderr}`).not.toContain('21000004455667');
    // A file already there, readable by others, holds the case file only once it is private.
    const out = join(ledger.config.dataDir, 'exported.json');
    writeFileSync(out, '', { mode: 0o644 });
    chmodSync(out, 0o644);
    expect((await runCli(['export', caseId, '--format', 'json', '--out', out], env)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const operator = `cli:${userInfo().username}`;
    expect(await accessLog({ caseId })).toContainEqual(
      expect.objectContaining({ userId: operator, role: 'operator', action: 'case_export', caseId, format: 'json', outcome: 'allowed', query: { channel: 'command_line', pseudonymise: 'false' } }),
    );
    expect(await accessLog({ caseId: '00000000-0000-4000-8000-000000000000' })).toContainEqual(
      expect.objectContaining({ userId: operator, action: 'case_export', caseId: '00000000-0000-4000-8000-000000000000', outcome: 'denied', status: 404 }),
    );
  });
});

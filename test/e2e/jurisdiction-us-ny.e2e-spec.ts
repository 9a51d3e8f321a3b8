import { JURISDICTION_PACKS } from '@ledger/domain';
import { EVENT_STORE, type EventStore } from '@ledger/ledger';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { type Actors, bearer, expectStatus, instrumentBody, lawEnforcementCaseBody, makeActors } from '../support/http-flows.js';
import { runCli, startServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const newYork = JURISDICTION_PACKS['us-ny'];
const connecticut = JURISDICTION_PACKS['us-ct'];

/**
 * Issue 28 item 3 over HTTP: with LEDGER_JURISDICTION=us-ny, CPLR § 4509 opens the statute's door on a
 * subpoena (Connecticut's pack refuses the same release with LE-STATUTE-COURT-ORDER), every event says
 * which pack decided it, and a ledger cannot change packs without `ledger jurisdiction adopt` on the
 * record (the CLI runs as its own process: `npm run build` first).
 */
describe('a ledger kept under New York law (LEDGER_JURISDICTION=us-ny)', () => {
  const temp = makeTempDir('ledger-us-ny-');
  let ledger: LedgerAppHarness | null = null;
  let actors: Actors;

  const post = (token: string, path: string, body: object) => ledger!.http.post(path).set(bearer(token)).send(body);
  /** A law-enforcement case under one instrument of `type`, referred to counsel, who advised compliance. */
  async function advisedUnder(type: string): Promise<string> {
    const { caseId } = await expectStatus(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()), 201);
    await expectStatus(post(actors.staff.token, `/v1/cases/${caseId}/director-referrals`, { note: 'Officer at the desk' }), 201);
    await expectStatus(post(actors.director.token, `/v1/cases/${caseId}/legal-instruments`, { ...instrumentBody(ledger!, type), issuedBy: 'Supreme Court, Albany County' }), 201);
    await expectStatus(post(actors.director.token, `/v1/cases/${caseId}/counsel-referrals`, { counselUserId: actors.counsel.userId }), 201);
    await expectStatus(post(actors.counsel.token, `/v1/cases/${caseId}/counsel-advice`, { advice: 'comply' }), 201);
    return caseId;
  }
  const release = (caseId: string) =>
    post(actors.director.token, `/v1/cases/${caseId}/release-decisions`, { decision: 'release', categories: ['circulation_history'], rationale: 'Counsel advises compliance' });

  beforeAll(async () => {
    ledger = await startLedgerApp({ dataDir: temp.dir, env: { LEDGER_JURISDICTION: 'us-ny' } });
    actors = await makeActors(ledger);
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
    temp.remove();
  });

  it('releases on a subpoena advised on by counsel, stamps each event with the New York pack, and the register and findings read it so', async () => {
    const caseId = await advisedUnder('subpoena');
    await expectStatus(release(caseId), 201);
    const produced = await expectStatus(
      post(actors.director.token, `/v1/cases/${caseId}/productions`, { categories: ['circulation_history'], recipient: 'Det. Lane, State Police', method: 'in_person' }),
      201,
    );
    const events = await ledger!.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`);
    expect(events.length).toBeGreaterThan(6);
    for (const event of events) expect(JSON.parse(event.metadata)).toMatchObject({ jurisdiction: 'us-ny', policyVersion: newYork.policyVersion });

    // Under Connecticut's pack this production would be LE-RELEASE-WITHOUT-COURT-ORDER; under New York's the subpoena was the door.
    const read = (path: string, token: string) => expectStatus(ledger!.http.get(path).query({ minPosition: produced.position }).set(bearer(token)), 200);
    const findings = await read('/v1/audit/findings', actors.auditor.token);
    const ofCase = findings.items.filter((item: { caseId: string }) => item.caseId === caseId);
    expect(ofCase.map((item: { rule: string }) => item.rule)).not.toContain('LE-RELEASE-WITHOUT-COURT-ORDER');
    for (const item of findings.items as { citation: string }[]) expect(item.citation).not.toMatch(/CGS/);
    const register = await read('/v1/audit/disclosures', actors.auditor.token);
    expect(register.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({ instruments: [{ type: 'subpoena', authorisedRelease: true }] });
  });

  it('refuses an administrative request alone with LE-STATUTE-COURT-ORDER, citing CPLR § 4509, and changes nothing', async () => {
    const caseId = await advisedUnder('administrative_request');
    const refused = await expectStatus(release(caseId), 422);
    expect(refused).toMatchObject({ rule: 'LE-STATUTE-COURT-ORDER', citation: newYork.rules['LE-STATUTE-COURT-ORDER'].citation });
    expect(refused.citation).toMatch(/^CPLR § 4509/);
    expect(refused.detail).toContain('no subpoena, court order or search warrant on the case covers circulation_history');
    const read = await expectStatus(ledger!.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)), 200);
    expect(read.status).toBe('awaiting_decision');
  });

  it('refuses a read of a sealed case with SEALED cited under New York law (a refusal thrown outside the pipeline)', async () => {
    const { caseId } = await expectStatus(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()), 201);
    await expectStatus(post(actors.staff.token, `/v1/cases/${caseId}/director-referrals`, { note: 'Officer at the desk' }), 201);
    await expectStatus(post(actors.director.token, `/v1/cases/${caseId}/legal-instruments`, instrumentBody(ledger!, 'subpoena', true)), 201);
    const refused = await expectStatus(ledger!.http.get(`/v1/cases/${caseId}`).set(bearer(actors.staff.token)), 403);
    expect(refused).toMatchObject({ rule: 'SEALED', citation: newYork.rules.SEALED.citation });
    expect(refused.citation).toContain('CPLR § 4509');
  });

  it('cites New York law in the evaluation it answers at the desk', async () => {
    const opened = await expectStatus(post(actors.staff.token, '/v1/cases', lawEnforcementCaseBody()), 201);
    expect(opened.evaluation.rules).toContainEqual(expect.objectContaining({ id: 'LE-REFER', citation: 'Disclosure to Law Enforcement, step 2; CPLR § 4509' }));
  });

  it('will not start under Connecticut over this ledger until the switch is recorded, and then decides under Connecticut', async () => {
    await ledger!.close();
    ledger = null;
    // The server itself, as an operator starts it: it exits 2 saying what to run, and writes nothing.
    const refused = startServerProcess({ LEDGER_DATA_DIR: temp.dir, LEDGER_JURISDICTION: 'us-ct', LEDGER_VIEWS_THREAD: 'main' });
    await expect(refused).rejects.toThrow(/LEDGER_JURISDICTION is us-ct, but this ledger is kept under us-ny.*ledger jurisdiction adopt us-ct --reason/);

    const shown = await runCli(['jurisdiction', 'show'], { LEDGER_DATA_DIR: temp.dir });
    expect(shown).toMatchObject({ code: 0, stdout: 'us-ny\n' });
    const withoutReason = await runCli(['jurisdiction', 'adopt', 'us-ct'], { LEDGER_DATA_DIR: temp.dir });
    expect(withoutReason.code).toBe(2);
    expect(withoutReason.stderr).toContain('--reason');
    const adopted = await runCli(['jurisdiction', 'adopt', 'us-ct', '--reason', 'The library moved its records to the Connecticut branch'], { LEDGER_DATA_DIR: temp.dir });
    expect(adopted).toMatchObject({ code: 0, stderr: '' });
    expect(adopted.stdout).toContain('kept under us-ct from now on (was us-ny)');

    ledger = await startLedgerApp({ dataDir: temp.dir, env: { LEDGER_JURISDICTION: 'us-ct' }, adminToken: actors.admin.token });
    const settings = await ledger.app.get<EventStore>(EVENT_STORE).readStream('settings-jurisdiction');
    expect(settings.map((event) => [event.type, JSON.parse(event.data).jurisdiction])).toEqual([
      ['JurisdictionAdopted', 'us-ny'],
      ['JurisdictionAdopted', 'us-ct'],
    ]);
    expect(JSON.parse(settings[1].data)).toMatchObject({ previous: 'us-ny', reason: 'The library moved its records to the Connecticut branch', adoptedBy: expect.stringMatching(/^cli:/) });
    const caseId = await advisedUnder('subpoena');
    expect(await expectStatus(release(caseId), 422)).toMatchObject({ rule: 'LE-STATUTE-COURT-ORDER', citation: connecticut.rules['LE-STATUTE-COURT-ORDER'].citation });
  }, 120_000);
});

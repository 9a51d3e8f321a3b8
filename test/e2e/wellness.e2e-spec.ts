import { caseDecider } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_PIPELINE } from '../../apps/api/src/infrastructure/tokens.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';
import { bearer } from '../support/http-flows.js';

describe('wellness checks over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: string;
  const body = (extra: object = {}) => ({
    patron: { ref: 'WELL-REF-5531' },
    immediateThreat: true,
    observed: 'The patron collapsed in the reading room, said they had taken pills, and left before the ambulance came',
    concern: 'Staff fear the patron has overdosed',
    agency: 'Springfield Police Department',
    officer: 'Sgt. Ortiz',
    categories: ['name', 'phone', 'address'],
    ...extra,
  });

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = (await ledger.user('staff')).token;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records the check as a case opened and closed with outcome released', async () => {
    const response = await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body()).expect(201);
    expect(response.body).toEqual({ caseId: expect.any(String), revision: expect.stringMatching(/^\d+$/), position: expect.stringMatching(/^\d+$/), status: 'closed' });
    const pipeline = ledger.app.get<CommandPipeline>(COMMAND_PIPELINE);
    const { state } = await pipeline.load(`case-${response.body.caseId}`, caseDecider);
    expect(state).toMatchObject({ exists: true, kind: 'wellness_check', status: 'closed', outcome: 'released' });
  });

  it('lets the director record one too, without an officer', async () => {
    const { token } = await ledger.user('director');
    const { officer: _officer, ...withoutOfficer } = body({ categories: ['phone'] });
    const response = await ledger.http.post('/v1/wellness-checks').set(bearer(token)).send(withoutOfficer).expect(201);
    expect(response.body.status).toBe('closed');
  });

  it('refuses anything beyond name, phone and address: 422 WELLNESS-SCOPE with its citation', async () => {
    const response = await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body({ categories: ['name', 'checkouts'] })).expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 422, rule: 'WELLNESS-SCOPE', citation: expect.any(String) });
  });

  it('is the library\'s call on an immediate threat: without immediateThreat: true and what staff observed it is 422 WELLNESS-IMMEDIATE-ONLY, and nothing is recorded', async () => {
    const before = (await ledger.http.get('/health').expect(200)).body.position;
    const { immediateThreat: _threat, observed: _observed, ...agencyAsking } = body();
    for (const sent of [agencyAsking, { ...agencyAsking, immediateThreat: false, observed: 'Officer asked for the address' }, { ...agencyAsking, immediateThreat: true }, { ...agencyAsking, immediateThreat: true, observed: '' }]) {
      const response = await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(sent).expect(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 422, rule: 'WELLNESS-IMMEDIATE-ONLY', citation: 'Wellness Checks', detail: expect.stringContaining('law-enforcement inquiry') });
    }
    expect((await ledger.http.get('/health').expect(200)).body.position).toBe(before);
    // Wrong types are still malformed bodies (400), and an over-long observation too.
    await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body({ immediateThreat: 'yes' })).expect(400);
    await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body({ observed: 'x'.repeat(4001) })).expect(400);
  });

  it('rejects unknown fields, an over-long ref and unknown categories (400)', async () => {
    const response = await ledger.http
      .post('/v1/wellness-checks')
      .set(bearer(staff))
      .send(body({ patron: { ref: 'z'.repeat(65), isMinor: true }, categories: ['name', 'mood'], badge: '12' }))
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['badge', 'categories', 'patron.isMinor', 'patron.ref']);
    await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body({ patron: undefined })).expect(400);
    await ledger.http.post('/v1/wellness-checks').set(bearer(staff)).send(body({ agency: 'a'.repeat(201) })).expect(400);
  });

  it('lets only staff and the director record one (403 otherwise)', async () => {
    for (const role of ['counsel', 'auditor'] as const) {
      const { token } = await ledger.user(role);
      await ledger.http.post('/v1/wellness-checks').set(bearer(token)).send(body()).expect(403);
    }
    await ledger.http.post('/v1/wellness-checks').set(bearer(ledger.adminToken)).send(body()).expect(403);
  });

  it('keeps the clear reference out of the store and the views', () => {
    for (const file of readdirSync(ledger.config.dataDir).filter((name) => /\.db(-wal)?$/.test(name))) {
      expect({ file, leaks: readFileSync(join(ledger.config.dataDir, file)).includes(Buffer.from('WELL-REF-5531')) }).toEqual({ file, leaks: false });
    }
  });

  it('shows the director every wellness check on the board, closed as they are, with its date, who recorded it and whom staff called', async () => {
    const recorder = await enrolledUser(ledger, 'staff', 'Wendy Wellness');
    const director = await enrolledUser(ledger, 'director', 'Dora Board');
    const recorded = await ledger.http
      .post('/v1/wellness-checks')
      .set(bearer(recorder.token))
      .send(body({ agency: 'Shelbyville Fire Rescue', occurredAt: ledger.clock.now().toISOString() }))
      .expect(201);
    const board = await ledger.http
      .get('/v1/director/cases')
      .query({ status: 'all', caseKind: 'wellness_check', minPosition: recorded.body.position })
      .set(bearer(director.token))
      .expect(200);
    expect(board.body.items.length).toBeGreaterThanOrEqual(3);
    expect(board.body.items.every((item: { kind: string }) => item.kind === 'wellness_check')).toBe(true);
    expect(board.body.items.find((item: { caseId: string }) => item.caseId === recorded.body.caseId)).toEqual(
      expect.objectContaining({
        status: 'closed',
        wellness: {
          occurredAt: ledger.clock.now().toISOString(),
          recordedBy: recorder.userId,
          agency: 'Shelbyville Fire Rescue',
          officer: 'Sgt. Ortiz',
          categories: ['name', 'address', 'phone'],
        },
      }),
    );
    const requests = await ledger.http.get('/v1/director/cases').query({ status: 'all', caseKind: 'disclosure_request' }).set(bearer(director.token)).expect(200);
    expect(requests.body.items.some((item: { caseId: string }) => item.caseId === recorded.body.caseId)).toBe(false);
    await ledger.http.get('/v1/director/cases').query({ caseKind: 'welfare' }).set(bearer(director.token)).expect(400);

    const { agent } = await signIn(ledger, director);
    const page = await agent.get('/board').expect(200);
    const section = page.text.slice(page.text.indexOf('<h2 id="wellness-checks">'));
    expect(section).toContain('Wendy Wellness');
    expect(section).toContain('Shelbyville Fire Rescue (Sgt. Ortiz)');
    expect(section).toContain(`/cases/${recorded.body.caseId}`);
  });
});

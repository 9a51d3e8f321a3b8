import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { bothStores, type StartedLedger } from '../support/both-stores.js';
import { type Actors, bearer, expectStatus, makeActors } from '../support/http-flows.js';
import type { LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';

/**
 * "Who used public computer 4 between 3 and 4 pm" over HTTP, on both stores (issue #25 item 6): a
 * request about a resource names no patron and always goes to the Director; the Director attaches the
 * patrons found (protected like any patron reference: never in clear in an event, a view or an answer
 * but the full reader's), and a production names whose records went out.
 */
const REFS = ['RSRC-ZQ-0001', 'RSRC-ZQ-0002'];

describe.each(bothStores('ledger-resource-esdb-'))('requests about a resource or a transaction, on %s', (_name, start) => {
  let started: StartedLedger;
  let ledger: LedgerAppHarness;
  let actors: Actors;

  beforeAll(async () => {
    started = await start();
    ledger = started.ledger;
    actors = await makeActors(ledger);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });

  const now = () => ledger.clock.now().getTime();
  const at = (offsetMinutes: number) => new Date(now() + offsetMinutes * 60_000).toISOString();
  const post = (token: string, path: string, body: object) => ledger.http.post(path).set(bearer(token)).send(body);
  const act = (token: string, caseId: string, path: string, body: object) => post(token, `/v1/cases/${caseId}/${path}`, body);
  const opening = (extra: object = {}) => ({
    requester: { kind: 'law_enforcement', name: 'Det. Kim', agency: 'Springfield PD' },
    channel: 'in_person',
    subject: { kind: 'resource', description: 'Public computer 4', from: at(-120), to: at(-60) },
    requestedCategories: ['computer_sessions', 'name'],
    identification: [{ kind: 'officer_credentials' }],
    ...extra,
  });

  it('refuses a request naming both a patron and a subject, or neither (400), and changes nothing', async () => {
    const both = await post(actors.staff.token, '/v1/cases', opening({ patron: { ref: 'CARD-1' } }));
    expect({ status: both.status, type: both.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    const { subject: _none, ...withoutSubject } = opening();
    const neither = await post(actors.staff.token, '/v1/cases', withoutSubject);
    expect(neither.status).toBe(400);
    const badKind = await post(actors.staff.token, '/v1/cases', opening({ subject: { kind: 'room', description: 'Study room 2' } }));
    expect(badKind.status).toBe(400);
  });

  it('opens without a patron, goes to the Director, takes the patrons found, and the production names whose records went out', async () => {
    const opened = await expectStatus(post(actors.staff.token, '/v1/cases', opening()), 201);
    expect(opened.evaluation).toMatchObject({ route: 'refer_to_director', permittedCategories: [] });
    const caseId = opened.caseId as string;
    await expectStatus(act(actors.staff.token, caseId, 'director-referrals', {}), 201);

    const refused = await act(actors.staff.token, caseId, 'patrons', { patronRefs: REFS });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ rule: 'LE-DIRECTOR-ONLY' });
    expect((await act(actors.director.token, caseId, 'patrons', { patronRefs: [] })).status).toBe(400);
    const attached = await expectStatus(act(actors.director.token, caseId, 'patrons', { patronRefs: REFS }), 201);
    expect(JSON.stringify(attached)).not.toContain('RSRC-ZQ');
    expect((await act(actors.activeDesignee.token, caseId, 'patrons', { patronRefs: [REFS[0]] })).status).toBe(409);

    const asDirector = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).query({ minPosition: attached.position }).set(bearer(actors.director.token)), 200);
    expect(asDirector).toMatchObject({ patron: null, subject: { kind: 'resource', description: 'Public computer 4' } });
    expect(asDirector.attachedPatrons.map((patron: { ref: string }) => patron.ref).sort()).toEqual(REFS);
    const asAuditor = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.auditor.token)), 200);
    expect(asAuditor.attachedPatrons).toHaveLength(2);
    expect(JSON.stringify(asAuditor)).not.toContain('RSRC-ZQ');
    const [ann] = asDirector.attachedPatrons as { pseudonym: string }[];

    await expectStatus(act(actors.director.token, caseId, 'legal-instruments', { type: 'court_order', issuedBy: 'Superior Court', servedAt: at(-1), scope: { categories: ['computer_sessions', 'name'] }, nondisclosureOrder: false }), 201);
    await expectStatus(act(actors.director.token, caseId, 'counsel-referrals', { counselUserId: actors.counsel.userId }), 201);
    await expectStatus(act(actors.counsel.token, caseId, 'counsel-advice', { advice: 'comply' }), 201);
    await expectStatus(act(actors.director.token, caseId, 'release-decisions', { decision: 'release', rationale: 'Court order for the session log' }), 201);
    const production = { categories: ['computer_sessions'], recipient: 'Det. Kim', method: 'in_person' };
    const unnamed = await act(actors.director.token, caseId, 'productions', production);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'patrons' })]);
    expect((await act(actors.director.token, caseId, 'productions', { ...production, patrons: ['P-NOT-ATTACHED'] })).status).toBe(400);
    const produced = await expectStatus(act(actors.director.token, caseId, 'productions', { ...production, patrons: [ann!.pseudonym] }), 201);
    expect(produced).toMatchObject({ status: 'closed' });

    const file = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'json', minPosition: produced.position }).set(bearer(actors.auditor.token));
    expect(file.status).toBe(200);
    expect(file.text).not.toContain('RSRC-ZQ');
    expect(file.text).toContain(ann!.pseudonym);
    // The case page tells what the request was about and counts the patrons found; the reader named in full.
    const webDirector = await enrolledUser(ledger, 'director', 'Dora Director');
    const { agent } = await signIn(ledger, webDirector);
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Public computer 4');
    expect(page.text).toMatch(/Patrons identified[\s\S]*2: RSRC-ZQ-000\d/);
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').set(bearer(actors.auditor.token)), 200);
    expect(register.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({ patronPseudonym: null, outcome: 'released_in_part' });
    const board = await expectStatus(ledger.http.get('/v1/director/cases').query({ status: 'all' }).set(bearer(actors.director.token)), 200);
    expect(board.items.map((item: { caseId: string }) => item.caseId)).toContain(caseId);

    if (started.embedded && existsSync(ledger.config.paths.events)) {
      const db = new Database(ledger.config.paths.events, { readonly: true });
      try {
        const stored = (db.prepare('SELECT data FROM events').all() as { data: Buffer | string }[]).map((row) => String(row.data)).join('\n');
        expect(stored).not.toContain('RSRC-ZQ');
        expect(stored).toContain(ann!.pseudonym);
      } finally {
        db.close();
      }
    }
  }, 90_000);
});

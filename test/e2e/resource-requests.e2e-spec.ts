import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { bothStores, type StartedLedger } from '../support/both-stores.js';
import { type Actors, bearer, expectStatus, makeActors, patronCaseBody } from '../support/http-flows.js';
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
    const produced = await expectStatus(act(actors.director.token, caseId, 'productions', { ...production, patrons: [ann.pseudonym] }), 201);
    expect(produced).toMatchObject({ status: 'closed' });

    const file = await ledger.http.get(`/v1/cases/${caseId}/export`).query({ format: 'json', minPosition: produced.position }).set(bearer(actors.auditor.token));
    expect(file.status).toBe(200);
    expect(file.text).not.toContain('RSRC-ZQ');
    expect(file.text).toContain(ann.pseudonym);
    // The case page tells what the request was about and counts the patrons found; the reader named in full.
    const webDirector = await enrolledUser(ledger, 'director', 'Dora Director');
    const { agent } = await signIn(ledger, webDirector);
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Public computer 4');
    expect(page.text).toMatch(/Patrons identified[\s\S]*2: RSRC-ZQ-000\d/);
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').set(bearer(actors.auditor.token)), 200);
    expect(register.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({ patronPseudonym: null, outcome: 'released_in_part' });
    // Released by counsel, the request is due: the due list names the patrons attached, and nobody's legal process holds it.
    await expectStatus(post(actors.counsel.token, '/v1/retention/releases', { caseId, reason: 'Matter closed' }), 201);
    const due = await expectStatus(ledger.http.get('/v1/retention/due').query({ before: '2099-01-01T00:00:00.000Z' }).set(bearer(actors.director.token)), 200);
    const entry = due.items.find((item: { caseId: string }) => item.caseId === caseId);
    expect(entry).toMatchObject({ attachedPatronPseudonyms: expect.arrayContaining([ann.pseudonym]), willPurge: true });
    expect(entry.attachedPatronPseudonyms).toHaveLength(2);
    expect(entry.patronPseudonym).toBeUndefined();
    const board = await expectStatus(ledger.http.get('/v1/director/cases').query({ status: 'all' }).set(bearer(actors.director.token)), 200);
    expect(board.items.map((item: { caseId: string }) => item.caseId)).toContain(caseId);

    if (started.embedded && existsSync(ledger.config.paths.events)) {
      const db = new Database(ledger.config.paths.events, { readonly: true });
      try {
        const stored = (db.prepare('SELECT data FROM events').all() as { data: Buffer | string }[]).map((row) => String(row.data)).join('\n');
        expect(stored).not.toContain('RSRC-ZQ');
        expect(stored).toContain(ann.pseudonym);
      } finally {
        db.close();
      }
    }
  }, 90_000);

  it('staff open a request about a resource from the desk form, its period typed in the library\'s time', async () => {
    const { agent, csrf } = await signIn(ledger, await enrolledUser(ledger, 'staff', 'Sam Desk'));
    expect((await agent.get('/desk')).text).toContain('No, a computer, an item or another resource');
    const form = {
      _csrf: csrf,
      'requester.kind': 'law_enforcement',
      'requester.name': 'Det. Kim',
      'requester.agency': 'Springfield PD',
      channel: 'in_person',
      about: 'resource',
      'patron.ref': '',
      'subject.from-day': '4', 'subject.from-month': '3', 'subject.from-year': '2026', 'subject.from-time': '15:00',
      'subject.to-day': '4', 'subject.to-month': '3', 'subject.to-year': '2026', 'subject.to-time': '16:00',
      requestedCategories: ['computer_sessions'],
      identification: ['officer_credentials'],
    };
    const before = (await ledger.http.get('/health')).body.position;
    const unnamed = await agent.post('/desk').type('form').send(form);
    expect(unnamed.status).toBe(400);
    expect(unnamed.text).toContain('href="#subject-description"');
    expect((await ledger.http.get('/health')).body.position).toBe(before);

    const opened = await agent.post('/desk').type('form').send({ ...form, 'subject.description': 'Public computer 4' });
    expect(opened.status).toBe(303);
    const caseId = decodeURIComponent(String(opened.headers.location).replace('/cases/', ''));
    const read = await expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(actors.director.token)), 200);
    // 15:00 on 4 March in New York (EST, UTC-5).
    expect(read).toMatchObject({ patron: null, subject: { kind: 'resource', description: 'Public computer 4', from: '2026-03-04T20:00:00.000Z', to: '2026-03-04T21:00:00.000Z' } });
  });

  it('a patron attached to a request about a resource is found by reference, and its legal process keeps their other cases through erasure', async () => {
    const ref = 'RSRC-ZQ-0003';
    const own = await expectStatus(post(actors.staff.token, '/v1/cases', patronCaseBody(ref)), 201);
    await expectStatus(act(actors.staff.token, own.caseId, 'releases', { categories: ['checkouts'], method: 'in_person' }), 201);
    const subject = await expectStatus(post(actors.staff.token, '/v1/cases', opening()), 201);
    await expectStatus(act(actors.staff.token, subject.caseId, 'director-referrals', {}), 201);
    // The patron's ILS id is linked, and the Director attaches the patron under both numbers.
    const ilsId = 'RSRC-ZQ-ILS-0003';
    await expectStatus(post(actors.staff.token, '/v1/patrons/identifiers', { patronRef: ref, identifier: ilsId }), 201);
    const attached = await expectStatus(act(actors.director.token, subject.caseId, 'patrons', { patronRefs: [ref, ilsId, REFS[1]] }), 201);

    // The auditor's search by reference, and by pseudonym, finds the request the patron was attached to.
    const search = await expectStatus(post(actors.auditor.token, '/v1/audit/disclosures/search', { patronRef: ref, minPosition: attached.position }), 200);
    expect(search.items.map((item: { caseId: string }) => item.caseId).sort()).toEqual([own.caseId, subject.caseId].sort());
    const byPseudonym = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ patron: own.patronPseudonym }).set(bearer(actors.auditor.token)), 200);
    expect(byPseudonym.items.map((item: { caseId: string }) => item.caseId)).toContain(subject.caseId);

    // Erasure keeps the patron's own closed case (the open request about the computer holds it) and the request, which names another patron too.
    const recorded = await expectStatus(post(actors.staff.token, '/v1/patrons/erasure-requests', { patronRef: ref, identification: [{ kind: 'library_card' }] }), 201);
    const answer = await expectStatus(post(actors.director.token, `/v1/patrons/erasure-requests/${recorded.requestId}/approval`, {}), 200);
    expect(answer.outcomes).toEqual(
      expect.arrayContaining([
        { caseId: own.caseId, result: 'kept', rule: 'LEGAL-PROCESS-HOLD', reason: 'records about this patron must be kept for now' },
        expect.objectContaining({ caseId: subject.caseId, result: 'kept' }),
      ]),
    );
    // Found through both numbers, each case is answered once.
    expect(answer.outcomes.map((outcome: { caseId: string }) => outcome.caseId).sort()).toEqual([own.caseId, subject.caseId].sort());
    expect(answer.statement).not.toMatch(/law enforcement|computer|subpoena/i);
    expect((await expectStatus(ledger.http.get(`/v1/cases/${own.caseId}`).set(bearer(actors.director.token)), 200)).patron.ref).toBe(ref);

    // A hold on the other attached patron covers the request about the resource.
    const hold = await expectStatus(post(actors.counsel.token, '/v1/legal-holds', { patronRef: REFS[1], reason: 'Litigation', matter: 'M-77' }), 201);
    const purge = await expectStatus(post(actors.director.token, '/v1/retention/purges', { caseId: subject.caseId, reason: 'Tidy up' }), 422);
    expect(purge.rule).toBe('LEGAL-HOLD');
    expect(purge.detail).toContain(hold.holdId);
  }, 90_000);
});

import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { bearer, CONSENT_PROOF, expectStatus, instrumentBody, lawEnforcementCaseBody, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { identifierKeyId, type ProtectedFields } from '@ledger/ledger';
import { PROTECTED_FIELDS } from '../../apps/api/src/infrastructure/tokens.js';
import { makeTempDir } from '../support/temp-dir.js';
import { enrolledUser, signIn } from '../support/web-session.js';

/**
 * One patron, many identifiers, over HTTP on both stores: staff link a second card and the ILS patron
 * id to the patron of a card; consents, the legal-process hold, legal holds, erasure and the auditor's
 * search then act on the patron through any of them, while lost and replaced cards stay per card.
 */
type Started = { ledger: LedgerAppHarness; stop: () => Promise<void> };

const stores: [string, () => Promise<Started>][] = [
  [
    'the embedded store',
    async () => {
      const ledger = await startLedgerApp();
      return { ledger, stop: () => ledger.close() };
    },
  ],
  [
    'EventStoreDB',
    async () => {
      const server = await EsdbTestServer.start();
      const dir = makeTempDir('ledger-identifiers-esdb-');
      const ledger = await startLedgerApp({ dataDir: dir.dir, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString } });
      return {
        ledger,
        stop: async () => {
          await ledger.close();
          await server.stop();
          dir.remove();
        },
      };
    },
  ],
];

const ruleIds = (evaluation: { rules: { id: string }[] }) => evaluation.rules.map((rule) => rule.id);

describe.each(stores)('one patron, many identifiers, on %s', (name, start) => {
  // Each store's ledger is its own, but the references differ anyway so a failure names its store.
  const tag = name === 'EventStoreDB' ? 'E' : 'S';
  const CARD_A = `CARD-A-${tag}-20001`;
  const CARD_B = `CARD-B-${tag}-20002`;
  const ILS_ID = `ILS-${tag}-884120`;
  const STRANGER = `CARD-STRANGER-${tag}-1`;

  let ledger: LedgerAppHarness;
  let stop: () => Promise<void>;
  let staff: string;
  let director: string;
  let counsel: string;
  let auditor: string;

  beforeAll(async () => {
    ({ ledger, stop } = await start());
    staff = (await ledger.user('staff')).token;
    director = (await ledger.user('director')).token;
    counsel = (await ledger.user('counsel')).token;
    auditor = (await ledger.user('auditor')).token;
  });
  afterAll(async () => {
    await stop?.();
  });

  const link = (patronRef: string, identifier: string, token = staff) => ledger.http.post('/v1/patrons/identifiers').set(bearer(token)).send({ patronRef, identifier });
  const open = async (body: object) => expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(body), 201);
  const searchCases = async (patronRef: string, minPosition?: string) =>
    (await expectStatus(ledger.http.post('/v1/audit/disclosures/search').set(bearer(auditor)).send({ patronRef, ...(minPosition && { minPosition }) }), 200)).items.map(
      (item: { caseId: string }) => item.caseId,
    );

  it('links the ILS id and a second card to the patron of card A (staff and director); the same pair again, either way round, changes nothing', async () => {
    const first = await expectStatus(link(CARD_A, ILS_ID), 201);
    expect(first).toEqual({ patronPseudonym: expect.stringMatching(/^P-[0-9a-f]{12}$/), identifierPseudonym: expect.stringMatching(/^P-[0-9a-f]{12}$/), position: expect.stringMatching(/^\d+$/) });
    expect(first.identifierPseudonym).not.toBe(first.patronPseudonym);
    // Linked through the ILS id: still card A's patron.
    const second = await expectStatus(link(ILS_ID, CARD_B, director), 201);
    expect(second.patronPseudonym).toBe(first.patronPseudonym);
    for (const [patronRef, identifier] of [[CARD_A, ILS_ID], [ILS_ID, CARD_A], [CARD_B, ` ${CARD_A} `], [CARD_A, CARD_A]] as const) {
      expect((await expectStatus(link(patronRef, identifier), 201)).patronPseudonym).toBe(first.patronPseudonym);
    }
    await expectStatus(link(CARD_A, 'CARD-X-1', counsel), 403);
    await expectStatus(link(CARD_A, 'CARD-X-1', auditor), 403);
  });

  it('staff link from the desk page too: a link recorded, a conflict and an empty field answered on the page', async () => {
    const web = await signIn(ledger, await enrolledUser(ledger, 'staff', 'Sam Staff'));
    const form = (body: object) => web.agent.post('/desk/patrons/identifier').type('form').send({ _csrf: web.csrf, ...body });
    const linked = await form({ patronRef: CARD_A, identifier: `CARD-C-${tag}-20003` });
    expect(linked.status).toBe(303);
    expect(linked.headers.location).toBe('/desk/patrons?recorded=identifier');
    expect((await expectStatus(link(`CARD-C-${tag}-20003`, ILS_ID), 201)).patronPseudonym).toBe((await expectStatus(link(CARD_A, CARD_A), 201)).patronPseudonym);
    const conflict = await form({ patronRef: `CARD-LONE-${tag}`, identifier: CARD_B });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('already belongs to another patron');
    const empty = await form({ patronRef: CARD_A, identifier: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#identifier-identifier"');
  });

  it('refuses (409 problem+json) to link an identifier of another patron, and nothing changes', async () => {
    const strangersCase = await open(patronCaseBody(STRANGER));
    for (const identifier of [ILS_ID, CARD_A, CARD_B]) {
      const refused = await link(STRANGER, identifier).expect(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, rule: 'CASE-STATE', detail: expect.stringContaining('belongs to another patron') });
    }
    // Card A's patron cannot take the stranger either once the stranger has an identifier of their own.
    await expectStatus(link(STRANGER, `CARD-STRANGER-${tag}-2`), 201);
    await link(CARD_A, STRANGER).expect(409);
    const ourCases = await searchCases(ILS_ID, strangersCase.position);
    expect(ourCases).not.toContain(strangersCase.caseId);
    expect(await searchCases(`CARD-STRANGER-${tag}-2`)).toEqual([strangersCase.caseId]);
  });

  it('rejects bad input with 400 problem+json listing each field, and links nothing', async () => {
    const bad = await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: 'x'.repeat(65), identifier: '', extra: 1 }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['extra', 'identifier', 'patronRef']);
    await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: CARD_A }).expect(400);
    await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: CARD_A, identifier: 'two\nlines' }).expect(400);
    await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: CARD_A, identifier: 42 }).expect(400);
    const neverLinked = `CARD-NEVER-LINKED-${tag}`;
    await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: CARD_A, identifier: neverLinked, note: 'checked' }).expect(400);
    // Not linked: its own patron, apart from card A's.
    const own = await open(patronCaseBody(neverLinked));
    expect(await searchCases(neverLinked, own.position)).toEqual([own.caseId]);
    expect(await searchCases(CARD_A)).not.toContain(own.caseId);
  });

  it('a consent given under card A is found through the ILS id (and the new card), not through a stranger', async () => {
    const consent = await expectStatus(ledger.http.post('/v1/patrons/consents').set(bearer(staff)).send({ patronRef: CARD_A, grantee: 'Ann Lee', categories: ['holds'], ...CONSENT_PROOF }), 201);
    const grantee = (ref: string) => ({ requester: { kind: 'other', name: 'Ann Lee' }, channel: 'in_person', patron: { ref }, identification: [{ kind: 'photo_id' }], requestedCategories: ['holds'] });
    for (const ref of [ILS_ID, CARD_B]) {
      const used = await open(grantee(ref));
      expect(used.evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'], consentIds: [consent.consentId] });
      expect(ruleIds(used.evaluation)).toContain('WRITTEN-CONSENT');
    }
    expect((await open(grantee(STRANGER))).evaluation).toMatchObject({ route: 'deny', consentIds: [] });
    // Revoked through its id, it is gone under every identifier.
    await expectStatus(ledger.http.delete(`/v1/patrons/consents/${consent.consentId}`).set(bearer(staff)), 204);
    expect((await open(grantee(ILS_ID))).evaluation).toMatchObject({ route: 'deny', consentIds: [] });
  });

  it('a lost card A is refused (CARD-LOST), also once replaced, while the ILS id and card B still identify the patron', async () => {
    const withCard = (ref: string) => ({ ...patronCaseBody(ref), requestedCategories: ['checkouts'] });
    await expectStatus(ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: CARD_A }), 201);
    for (const replaced of [false, true]) {
      const refused = await open(withCard(CARD_A));
      expect(refused.evaluation.route).toBe('deny');
      expect(ruleIds(refused.evaluation)).toContain('CARD-LOST');
      for (const ref of [ILS_ID, CARD_B]) {
        const accepted = await open(withCard(ref));
        expect(accepted.evaluation.route).toBe('staff_may_release');
        expect(ruleIds(accepted.evaluation)).not.toContain('CARD-LOST');
      }
      if (!replaced) await expectStatus(ledger.http.post('/v1/patrons/card-replaced').set(bearer(director)).send({ patronRef: CARD_A }), 201);
    }
    const again = await ledger.http.post('/v1/patrons/card-replaced').set(bearer(director)).send({ patronRef: CARD_A }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('the auditor finds the patron\u2019s cases through any identifier, and the stranger\u2019s through none of them', async () => {
    const underB = await open(patronCaseBody(CARD_B));
    const viaA = await searchCases(CARD_A, underB.position);
    expect(viaA).toContain(underB.caseId);
    expect(new Set(await searchCases(ILS_ID))).toEqual(new Set(viaA));
    expect(new Set(await searchCases(CARD_B))).toEqual(new Set(viaA));
    expect(viaA.length).toBeGreaterThan(5);
    // The register's pseudonym filter, given card B's pseudonym, lists the patron's cases under every identifier.
    const { identifierPseudonym } = await expectStatus(link(CARD_A, CARD_B), 201);
    const byPseudonym = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ patron: identifierPseudonym, limit: 200 }).set(bearer(auditor)), 200);
    expect(new Set(byPseudonym.items.map((item: { caseId: string }) => item.caseId))).toEqual(new Set(viaA));
    // The register page's search by card number or patron ID, too.
    const web = await signIn(ledger, await enrolledUser(ledger, 'auditor', 'Alex Auditor'));
    const page = await web.agent.post('/audit/register/patron').type('form').send({ _csrf: web.csrf, patronRef: ILS_ID });
    expect(page.status).toBe(200);
    for (const caseId of viaA) expect(page.text).toContain(caseId);
  });

  it('an open subpoena naming the ILS id keeps the case under card B through erasure asked with card A, without naming it', async () => {
    const family = await open({ ...patronCaseBody(CARD_B), requester: { kind: 'family_or_friend', name: 'Sam Park' }, purpose: 'Renewals', requestedCategories: ['holds'] });
    await expectStatus(ledger.http.post(`/v1/cases/${family.caseId}/releases`).set(bearer(staff)).send({ categories: ['holds'], method: 'in_person' }), 201);
    const subpoena = await open(lawEnforcementCaseBody(ILS_ID));
    await expectStatus(ledger.http.post(`/v1/cases/${subpoena.caseId}/director-referrals`).set(bearer(staff)).send({ note: 'Officer at the desk' }), 201);
    await expectStatus(ledger.http.post(`/v1/cases/${subpoena.caseId}/legal-instruments`).set(bearer(director)).send(instrumentBody(ledger)), 201);

    const recorded = await expectStatus(ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: CARD_B, identification: [{ kind: 'library_card' }] }), 201);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(director)), 200);
    const answered = answer.outcomes.map((outcome: { caseId: string }) => outcome.caseId);
    // Every case of the patron, under card A, card B and the ILS id, is weighed; the stranger's is not.
    expect(answered).toEqual(expect.arrayContaining([family.caseId, subpoena.caseId]));
    expect(answered).toEqual(expect.arrayContaining(await searchCases(CARD_A)));
    expect(answer.outcomes.find((outcome: { caseId: string }) => outcome.caseId === family.caseId)).toMatchObject({ result: 'kept', rule: 'LEGAL-PROCESS-HOLD' });
    expect(answer.outcomes.every((outcome: { result: string }) => outcome.result === 'kept')).toBe(true);
    expect(JSON.stringify(answer.outcomes.filter((outcome: { caseId: string }) => outcome.caseId !== subpoena.caseId))).not.toContain(subpoena.caseId);
    expect((await expectStatus(ledger.http.get(`/v1/cases/${family.caseId}`).set(bearer(director)), 200)).patron.ref).toBe(CARD_B);
  });

  it('a legal hold placed through the ILS id keeps a closed case opened under card B from the purge plan and the erasure asked with the ILS id', async () => {
    const closed = await open({ ...patronCaseBody(CARD_B), identification: [{ kind: 'photo_id' }], requestedCategories: ['checkouts'] });
    await expectStatus(ledger.http.post(`/v1/cases/${closed.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
    const hold = await expectStatus(ledger.http.post('/v1/legal-holds').set(bearer(counsel)).send({ patronRef: ILS_ID, reason: 'Preservation letter', matter: 'CV-26-0042' }), 201);
    const holds = await expectStatus(ledger.http.get('/v1/legal-holds').query({ minPosition: hold.position }).set(bearer(counsel)), 200);
    const placed = holds.items.find((item: { holdId: string }) => item.holdId === hold.holdId);
    // Placed through the ILS id, the hold is on the patron: card A's pseudonym.
    expect(placed.patronPseudonym).toBe((await expectStatus(link(CARD_A, CARD_A), 201)).patronPseudonym);
    // The purge plan (from the views) keeps it too, years on, under the hold.
    const yearsOn = new Date(ledger.clock.now().getTime() + 5 * 365 * 86_400_000).toISOString();
    const due = await expectStatus(ledger.http.get('/v1/retention/due').query({ before: yearsOn, minPosition: hold.position }).set(bearer(director)), 200);
    expect(due.items.find((item: { caseId: string }) => item.caseId === closed.caseId)).toMatchObject({ willPurge: false, keptBecause: { rule: 'LEGAL-HOLD' } });

    const recorded = await expectStatus(ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: ILS_ID, identification: [{ kind: 'photo_id' }] }), 201);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(director)), 200);
    expect(answer.outcomes.find((outcome: { caseId: string }) => outcome.caseId === closed.caseId)).toMatchObject({ result: 'kept', rule: 'LEGAL-HOLD' });
    expect((await expectStatus(ledger.http.get(`/v1/cases/${closed.caseId}`).set(bearer(director)), 200)).patron.ref).toBe(CARD_B);
  });

  it('an erasure that keeps nothing of the patron destroys the linked identifiers\' keys too; one that keeps a case leaves them', async () => {
    const fields = ledger.app.get<ProtectedFields>(PROTECTED_FIELDS);
    const identifierKey = (ref: string) => fields.keyRecord(identifierKeyId(fields.blindIndex(ref)));
    // Card A's patron keeps cases (the subpoena, the hold): its identifiers stay readable.
    expect(identifierKey(ILS_ID)).toMatchObject({ shreddedAt: null });
    expect(identifierKey(CARD_B)).toMatchObject({ shreddedAt: null });

    const card = `CARD-FORGET-${tag}-1`;
    const ilsId = `ILS-FORGET-${tag}-1`;
    await expectStatus(link(card, ilsId), 201);
    expect(identifierKey(ilsId)).toMatchObject({ shreddedAt: null });
    const opened = await open(patronCaseBody(card));
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
    const recorded = await expectStatus(ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: ilsId, identification: [{ kind: 'library_card' }] }), 201);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${recorded.requestId}/approval`).set(bearer(director)), 200);
    expect(answer.outcomes).toEqual([{ caseId: opened.caseId, result: 'shredded' }]);
    expect(identifierKey(ilsId)).toMatchObject({ shreddedAt: expect.any(String) });
    expect((await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director)), 200)).patron.ref).toBeNull();
  });
});

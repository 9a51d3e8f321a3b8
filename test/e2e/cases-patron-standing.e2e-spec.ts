import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, CONSENT_PROOF } from '../support/http-flows.js';

type Body = Record<string, unknown>;
const ruleIds = (evaluation: { rules: { id: string }[] }) => evaluation.rules.map((rule) => rule.id);

describe('cases and the patron\u2019s standing (written consents, lost cards) and wellness cases over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: string;
  let director: string;

  const open = async (body: Body) => (await ledger.http.post('/v1/cases').set(bearer(staff)).send(body).expect(201)).body;

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = (await ledger.user('staff')).token;
    director = (await ledger.user('director')).token;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('a written consent is used for the grantee with photo id, and no longer once revoked', async () => {
    const patron = { ref: 'CARD-CONSENT-4242' };
    const grantee = { requester: { kind: 'other', name: 'ann  LEE' }, channel: 'in_person', patron, identification: [{ kind: 'photo_id' }] };
    const before = await open({ ...grantee, requestedCategories: ['holds'] });
    expect(before.evaluation).toMatchObject({ route: 'deny', permittedCategories: [] });
    expect(ruleIds(before.evaluation)).toContain('OTHER-NO-BASIS');

    const consent = await ledger.http
      .post('/v1/patrons/consents')
      .set(bearer(staff))
      .send({ patronRef: patron.ref, grantee: 'Ann Lee', categories: ['checkouts', 'holds'], ...CONSENT_PROOF })
      .expect(201);

    const used = await open({ ...grantee, requestedCategories: ['holds', 'address'] });
    expect(used.evaluation).toMatchObject({ route: 'staff_may_release', permittedCategories: ['holds'], consentIds: [consent.body.consentId] });
    expect(ruleIds(used.evaluation)).toContain('WRITTEN-CONSENT');
    await ledger.http.post(`/v1/cases/${used.caseId}/releases`).set(bearer(staff)).send({ categories: ['address'], method: 'in_person' }).expect(422);
    await ledger.http.post(`/v1/cases/${used.caseId}/releases`).set(bearer(staff)).send({ categories: ['holds'], recipient: 'Ann Lee', method: 'in_person' }).expect(201);

    const withoutPhotoId = await open({ ...grantee, identification: [], requestedCategories: ['holds'] });
    expect(ruleIds(withoutPhotoId.evaluation)).toContain('CONSENT-GRANTEE-ID');
    expect(withoutPhotoId.evaluation.route).toBe('deny');

    await ledger.http.delete(`/v1/patrons/consents/${consent.body.consentId}`).set(bearer(staff)).expect(204);
    const after = await open({ ...grantee, requestedCategories: ['holds'] });
    expect(after.evaluation).toMatchObject({ route: 'deny', permittedCategories: [], consentIds: [] });
    expect(ruleIds(after.evaluation)).not.toContain('WRITTEN-CONSENT');
  });

  it('a lost card does not identify (CARD-LOST), nor once replaced; photo id and the new card, once linked, do', async () => {
    const patron = { ref: 'CARD-LOST-7777' };
    const withCard = { requester: { kind: 'patron', name: 'Jordan Park' }, channel: 'in_person', patron, requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }] };
    expect((await open(withCard)).evaluation.route).toBe('staff_may_release');

    await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: patron.ref }).expect(201);
    const lost = await open(withCard);
    expect(lost.evaluation.route).toBe('deny');
    expect(ruleIds(lost.evaluation)).toEqual(expect.arrayContaining(['CARD-LOST', 'ID-REQUIRED']));
    const refused = await ledger.http.post(`/v1/cases/${lost.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }).expect(422);
    expect(refused.body.rule).toBe('RELEASE-SCOPE');
    const family = await open({ ...withCard, requester: { kind: 'family_or_friend', name: 'Sam Park' }, purpose: 'Renewals' });
    expect(ruleIds(family.evaluation)).toContain('CARD-LOST');
    expect((await open({ ...withCard, identification: [{ kind: 'photo_id' }] })).evaluation.route).toBe('staff_may_release');

    await ledger.http.post('/v1/patrons/card-replaced').set(bearer(director)).send({ patronRef: patron.ref }).expect(201);
    const replaced = await open(withCard);
    expect(replaced.evaluation.route).toBe('deny');
    expect(ruleIds(replaced.evaluation)).toContain('CARD-LOST');
    await ledger.http.post('/v1/patrons/identifiers').set(bearer(staff)).send({ patronRef: patron.ref, identifier: 'CARD-NEW-7778' }).expect(201);
    const newCard = await open({ ...withCard, patron: { ref: 'CARD-NEW-7778' } });
    expect(newCard.evaluation.route).toBe('staff_may_release');
    expect(ruleIds(newCard.evaluation)).not.toContain('CARD-LOST');
  });

  it('a wellness check is a closed case the opener can read; WELLNESS-SCOPE refuses anything beyond name, phone, address', async () => {
    const recorded = await ledger.http
      .post('/v1/wellness-checks')
      .set(bearer(staff))
      .send({ patron: { ref: 'CARD-WELL-1' }, immediateThreat: true, observed: 'Told the desk they had taken pills and walked out', concern: 'Said they would harm themselves', agency: 'Town Police', officer: 'Sgt. Ortiz', categories: ['name', 'phone'] })
      .expect(201);
    const read = await ledger.http.get(`/v1/cases/${recorded.body.caseId}`).set(bearer(staff)).expect(200);
    expect(read.body).toMatchObject({
      kind: 'wellness_check',
      status: 'closed',
      outcome: 'released',
      wellness: { concern: 'Said they would harm themselves', agency: 'Town Police', officer: 'Sgt. Ortiz', immediateThreat: true, observed: 'Told the desk they had taken pills and walked out' },
      releasedCategories: ['name', 'phone'],
      patron: { ref: 'CARD-WELL-1' },
    });
    expect(read.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(['WellnessCheckRequested', 'WellnessDisclosureMade', 'CaseClosed']);
    const tooMuch = await ledger.http
      .post('/v1/wellness-checks')
      .set(bearer(staff))
      .send({ patron: { ref: 'CARD-WELL-1' }, immediateThreat: true, observed: 'Collapsed at a table', concern: 'x', agency: 'Town Police', categories: ['name', 'checkouts'] })
      .expect(422);
    expect(tooMuch.body).toMatchObject({ rule: 'WELLNESS-SCOPE', citation: 'Wellness Checks' });
    // A closed wellness case takes no further commands.
    const closed = await ledger.http.post(`/v1/cases/${recorded.body.caseId}/refusals`).set(bearer(director)).send({ reason: 'x' }).expect(409);
    expect(closed.body.rule).toBe('CASE-STATE');
  });
});

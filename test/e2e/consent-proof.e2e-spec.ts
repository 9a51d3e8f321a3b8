import { patronStream } from '@ledger/domain';
import { EVENT_STORE, type EventStore, type ProtectedFields } from '@ledger/ledger';
import { PROTECTED_FIELDS } from '../../apps/api/src/infrastructure/tokens.js';
import { bothStores } from '../support/both-stores.js';
import { bearer, CONSENT_PROOF, expectStatus } from '../support/http-flows.js';
import type { LedgerAppHarness } from '../support/ledger-app.harness.js';

/**
 * CONSENT-PROOF over HTTP, on both stores: a written consent is recorded with the signed form's hash
 * and the patron identified (a photo id, or the card with a signature on file unless it is reported
 * lost), and a minor's with a guardian's co-signature; without them it is refused and nothing is
 * recorded.
 */
const stores = bothStores('ledger-consent-proof-esdb-', '2026-04-01T10:00:00.000Z');

describe.each(stores)('CONSENT-PROOF on %s', (_name, start) => {
  let ledger: LedgerAppHarness;
  let stop: () => Promise<void>;
  let staff: string;

  beforeAll(async () => {
    ({ ledger, stop } = await start());
    staff = (await ledger.user('staff')).token;
  });
  afterAll(async () => {
    await stop?.();
  });

  const consent = (body: object) => ledger.http.post('/v1/patrons/consents').set(bearer(staff)).send({ patronRef: 'CARD-CONSENT-1', grantee: 'Bo Chen', categories: ['holds'], ...body });
  /** The consents on the patron's stream, read from the store itself. */
  const patronEvents = async (ref = 'CARD-CONSENT-1') => {
    const { blindIndex } = ledger.app.get<ProtectedFields>(PROTECTED_FIELDS).identify(ref);
    const events = await ledger.app.get<EventStore>(EVENT_STORE).readStream(patronStream(blindIndex)).catch(() => []);
    return events.filter((event) => event.type === 'WrittenConsentGiven');
  };

  it('refuses a consent without the form\u2019s hash, without the patron identified, a minor\u2019s without a guardian, or by a card reported lost; records one with its proof', async () => {
    for (const body of [{ identification: 'photo_id' }, { documentSha256: CONSENT_PROOF.documentSha256 }, { ...CONSENT_PROOF, minor: true }]) {
      const refused = await expectStatus(consent(body), 422);
      expect(refused).toMatchObject({ rule: 'CONSENT-PROOF', citation: expect.stringContaining('CGS § 11-25(b)(2)(B)') });
    }
    expect((await expectStatus(consent({ ...CONSENT_PROOF, identification: 'account_login' }), 400)).errors[0].field).toBe('identification');
    expect(await patronEvents()).toEqual([]);

    const minor = await expectStatus(consent({ ...CONSENT_PROOF, identification: 'card_with_signature_on_file', minor: true, guardianIdentification: 'photo_id' }), 201);
    expect(minor.consentId).toEqual(expect.any(String));
    expect(JSON.parse((await patronEvents())[0].data)).toMatchObject({ documentSha256: CONSENT_PROOF.documentSha256, identification: 'card_with_signature_on_file', minor: true, guardianIdentification: 'photo_id' });

    await expectStatus(ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: 'CARD-CONSENT-1' }), 201);
    expect((await expectStatus(consent({ ...CONSENT_PROOF, identification: 'card_with_signature_on_file' }), 422)).rule).toBe('CONSENT-PROOF');
    await expectStatus(consent(CONSENT_PROOF), 201);
  });

  it('the proof outlives the case that relied on it: after the patron\u2019s identity is erased, the consent and its proof still stand', async () => {
    const ref = 'CARD-CONSENT-RELIED-1';
    const director = (await ledger.user('director')).token;
    const given = await expectStatus(
      ledger.http.post('/v1/patrons/consents').set(bearer(staff)).send({ patronRef: ref, grantee: 'Ann Lee', categories: ['holds'], ...CONSENT_PROOF }),
      201,
    );
    const opened = await expectStatus(
      ledger.http.post('/v1/cases').set(bearer(staff)).send({ requester: { kind: 'other', name: 'Ann Lee' }, channel: 'in_person', patron: { ref }, requestedCategories: ['holds'], identification: [{ kind: 'photo_id' }] }),
      201,
    );
    expect(opened.evaluation.consentIds).toEqual([given.consentId]);
    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['holds'], recipient: 'Ann Lee', method: 'in_person' }), 201);
    const erasure = await expectStatus(ledger.http.post('/v1/patrons/erasure-requests').set(bearer(staff)).send({ patronRef: ref, identification: [{ kind: 'photo_id' }] }), 201);
    const answer = await expectStatus(ledger.http.post(`/v1/patrons/erasure-requests/${erasure.requestId}/approval`).set(bearer(director)), 200);
    expect(answer.outcomes).toEqual([{ caseId: opened.caseId, result: 'shredded' }]);
    const consents = await patronEvents(ref);
    expect(consents.map((event) => JSON.parse(event.data))).toEqual([expect.objectContaining({ consentId: given.consentId, documentSha256: CONSENT_PROOF.documentSha256, identification: 'photo_id' })]);
  });
});

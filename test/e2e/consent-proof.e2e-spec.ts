import { patronStream } from '@ledger/domain';
import { EVENT_STORE, type EventStore, leafOf, openNote, parseCheckpoint, parseVerifierKey, type ProtectedFields, verifyInclusion } from '@ledger/ledger';
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

  it('a write sent with Prefer: receipt answers with the signed checkpoint and the inclusion proof of the event it appended; the Link gives it again', async () => {
    const ref = 'CARD-CONSENT-RECEIPT-1';
    const response = await ledger.http
      .post('/v1/patrons/consents')
      .set(bearer(staff))
      .set('Prefer', 'return=representation, receipt')
      // The key's own bookkeeping (its claim and answer) is not the write: the receipt leaves it out.
      .set('Idempotency-Key', `receipt-${ref}`)
      .send({ patronRef: ref, grantee: 'Cy Park', categories: ['holds'], ...CONSENT_PROOF, identification: 'photo_id' });
    expect(response.status).toBe(201);
    expect(response.headers['preference-applied']).toBe('receipt');
    const [consentEvent] = await patronEvents(ref);
    const receipt = response.body.receipt as { checkpoint: string; size: number; root: string; events: { eventId: string; stream: string; index: number; size: number; leaf: string; hashes: string[] }[] };
    expect(receipt.events.map(({ eventId, stream }) => ({ eventId, stream }))).toEqual([{ eventId: consentEvent.id, stream: consentEvent.stream }]);
    // The checkpoint opens with the log's key; the event's leaf, computed from the stored event, is included under its root.
    const publicKey = (await ledger.http.get('/v1/ledger/public-key').set(bearer(staff))).text;
    const checkpoint = parseCheckpoint(openNote(receipt.checkpoint, parseVerifierKey(publicKey)));
    expect([checkpoint.size, checkpoint.root.toString('base64')]).toEqual([receipt.size, receipt.root]);
    const [proven] = receipt.events;
    expect(proven.leaf).toBe(leafOf(consentEvent).toString('base64'));
    expect(verifyInclusion(proven.index, receipt.size, leafOf(consentEvent), proven.hashes.map((hash) => Buffer.from(hash, 'base64')), checkpoint.root)).toBe(true);

    const link = /^<https?:\/\/[^/]+(\/v1\/ledger\/receipts\?events=[^>]+)>; rel="receipt"$/.exec(String(response.headers.link));
    expect(link?.[1]).toBe(`/v1/ledger/receipts?events=${consentEvent.id}`);
    // A patron's stream is not a case: its events' proofs are the auditor's and the director's (as /v1/ledger/proofs/events).
    expect((await expectStatus(ledger.http.get(link![1]).set(bearer(staff)), 403)).status).toBe(403);
    const again = await expectStatus(ledger.http.get(link![1]).set(bearer((await ledger.user('auditor')).token)), 200);
    expect(again.events).toEqual([expect.objectContaining({ eventId: consentEvent.id, leaf: proven.leaf })]);
    expect(again.size).toBeGreaterThanOrEqual(receipt.size);
    await expectStatus(ledger.http.get('/v1/ledger/receipts?events=not-an-id').set(bearer(staff)), 400);

    // Without the preference: no receipt, no header.
    const plain = await ledger.http.post('/v1/patrons/consents').set(bearer(staff)).send({ patronRef: 'CARD-CONSENT-RECEIPT-2', grantee: 'Cy Park', categories: ['holds'], ...CONSENT_PROOF, identification: 'photo_id' });
    expect([plain.status, plain.body.receipt, plain.headers['preference-applied'], plain.headers.link]).toEqual([201, undefined, undefined, undefined]);
  });
});

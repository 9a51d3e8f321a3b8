import { patronDecider } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../apps/api/src/infrastructure/tokens.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, CONSENT_PROOF } from '../support/http-flows.js';

describe('patron desk over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: string;
  let director: string;
  const REF = 'CARD-SECRET-90210';

  /** The patron's stream as the domain sees it, found by the same blind index the server computes. */
  async function standing(ref: string) {
    const fields = ledger.app.get<ProtectedFields>(PROTECTED_FIELDS);
    const pipeline = ledger.app.get<CommandPipeline>(COMMAND_PIPELINE);
    return (await pipeline.load(`patron-${fields.blindIndex(ref)}`, patronDecider)).state;
  }

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = (await ledger.user('staff')).token;
    director = (await ledger.user('director')).token;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records a lost card and its replacement on the card\'s stream: a replaced card stays dead', async () => {
    const lost = await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: REF }).expect(201);
    expect(lost.body).toEqual({ revision: expect.stringMatching(/^\d+$/), position: expect.stringMatching(/^\d+$/) });
    expect((await standing(REF)).cardReportedLost).toBe(true);
    await ledger.http.post('/v1/patrons/card-replaced').set(bearer(director)).send({ patronRef: `  ${REF} ` }).expect(201);
    expect(await standing(REF)).toMatchObject({ cardReportedLost: true, cardReplacedAt: expect.any(String) });
    await ledger.http.post('/v1/patrons/card-replaced').set(bearer(director)).send({ patronRef: REF }).expect(409);
  });

  it('answers 409 CASE-STATE for a replacement with no lost card on record', async () => {
    const response = await ledger.http.post('/v1/patrons/card-replaced').set(bearer(staff)).send({ patronRef: 'never-lost-1' }).expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives a written consent and revokes it; a second revocation is 409 and an unknown consent 404', async () => {
    const given = await ledger.http
      .post('/v1/patrons/consents')
      .set(bearer(staff))
      .send({ patronRef: 'consenting-patron', grantee: 'Ann Lee', categories: ['holds', 'checkouts'], expiresAt: '2999-01-01T00:00:00Z', ...CONSENT_PROOF })
      .expect(201);
    expect(given.body).toEqual({ consentId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: expect.any(String), position: expect.any(String) });
    const before = await standing('consenting-patron');
    expect(before.consents).toEqual([expect.objectContaining({ consentId: given.body.consentId, grantee: 'Ann Lee', categories: ['checkouts', 'holds'] })]);
    expect(before.consents[0].revokedAt).toBeUndefined();

    await ledger.http.delete(`/v1/patrons/consents/${given.body.consentId}`).set(bearer(director)).expect(204);
    expect((await standing('consenting-patron')).consents[0].revokedAt).toEqual(expect.any(String));
    await ledger.http.delete(`/v1/patrons/consents/${given.body.consentId}`).set(bearer(staff)).expect(409);

    const unknown = await ledger.http.delete('/v1/patrons/consents/6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11').set(bearer(staff)).expect(404);
    expect(unknown.body).toMatchObject({ status: 404 });
  });

  it('rejects unknown fields, over-long refs, bad categories, repeats, bad hashes and loose dates (400 with every field)', async () => {
    const response = await ledger.http
      .post('/v1/patrons/consents')
      .set(bearer(staff))
      .send({ patronRef: 'x'.repeat(65), grantee: '', categories: ['holds', 'holds', 'shoe_size'], expiresAt: '2030-02-30', documentSha256: 'AB'.repeat(32), extra: 1 })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['categories', 'documentSha256', 'expiresAt', 'extra', 'grantee', 'patronRef']);
    await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: 'x'.repeat(65) }).expect(400);
    await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: 'ok', note: 'no' }).expect(400);
    await ledger.http.post('/v1/patrons/consents').set(bearer(staff)).send({ patronRef: 'p', grantee: 'G', categories: [] }).expect(400);
    await ledger.http.delete('/v1/patrons/consents/not-a-uuid').set(bearer(staff)).expect(400);
  });

  it('accepts exactly 64 characters of reference', async () => {
    await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: 'y'.repeat(64) }).expect(201);
  });

  it('refuses a consent that expires before it is given (400) and an occurredAt in the future (400)', async () => {
    await ledger.http
      .post('/v1/patrons/consents')
      .set(bearer(staff))
      .send({ patronRef: 'p-2', grantee: 'G', categories: ['holds'], expiresAt: '2000-01-01T00:00:00Z', ...CONSENT_PROOF })
      .expect(400);
    const future = new Date(ledger.clock.now().getTime() + 3_600_000).toISOString();
    await ledger.http.post('/v1/patrons/card-lost').set(bearer(staff)).send({ patronRef: 'p-2', occurredAt: future }).expect(400);
  });

  it('lets only staff and the director use the patron desk (403 for the others)', async () => {
    for (const role of ['counsel', 'auditor', 'admin'] as const) {
      const token = role === 'admin' ? ledger.adminToken : (await ledger.user(role)).token;
      await ledger.http.post('/v1/patrons/card-lost').set(bearer(token)).send({ patronRef: 'p-3' }).expect(403);
      await ledger.http.post('/v1/patrons/consents').set(bearer(token)).send({ patronRef: 'p-3', grantee: 'G', categories: ['holds'] }).expect(403);
      await ledger.http.delete('/v1/patrons/consents/6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11').set(bearer(token)).expect(403);
    }
    await ledger.http.post('/v1/patrons/card-lost').send({ patronRef: 'p-3' }).expect(401);
  });

  it('never writes the clear reference into the store or the views', () => {
    for (const file of readdirSync(ledger.config.dataDir)) {
      if (!/\.db(-wal)?$/.test(file)) continue;
      const bytes = readFileSync(join(ledger.config.dataDir, file));
      expect({ file, leaks: bytes.includes(Buffer.from(REF)) || bytes.includes(Buffer.from('consenting-patron')) }).toEqual({ file, leaks: false });
    }
  });
});

import { statSync } from 'node:fs';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer } from '../support/http-flows.js';

describe('identity over HTTP', () => {
  let ledger: LedgerAppHarness;

  beforeAll(async () => {
    ledger = await startLedgerApp();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('bootstraps an admin whose token file only its owner can read', () => {
    expect(statSync(ledger.config.paths.adminToken).mode & 0o777).toBe(0o600);
    expect(ledger.adminToken).toMatch(/^dl_[A-Za-z0-9_-]{43}$/);
  });

  it('answers /health without a token', async () => {
    const response = await ledger.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', store: 'sqlite', position: expect.stringMatching(/^\d+$/), log: expect.any(Object), integrity: { ok: true } });
  });

  it('refuses a request without a token, with an unknown token, and with a malformed header', async () => {
    for (const headers of [{}, bearer(`dl_${'A'.repeat(43)}`), { Authorization: 'Basic abc' }]) {
      const response = await ledger.http.get('/v1/me').set(headers).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.status).toBe(401);
    }
  });

  it('lets the admin create a user who can then say who they are', async () => {
    const created = await ledger.http.post('/v1/users').set(bearer(ledger.adminToken)).send({ name: 'Rosa Diaz', role: 'director' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Rosa Diaz', role: 'director', userId: expect.any(String), token: expect.any(String) });
    const me = await ledger.http.get('/v1/me').set(bearer(created.body.token)).expect(200);
    expect(me.body).toEqual({
      userId: created.body.userId,
      name: 'Rosa Diaz',
      role: 'director',
      designee: { active: false, from: null, to: null },
    });
  });

  it('only lets the admin manage users (403 for every other role)', async () => {
    for (const role of ['staff', 'director', 'counsel', 'auditor'] as const) {
      const { token } = await ledger.user(role);
      const response = await ledger.http.post('/v1/users').set(bearer(token)).send({ name: 'X', role: 'staff' }).expect(403);
      expect(response.body).toMatchObject({ status: 403, type: expect.any(String), title: expect.any(String) });
    }
  });

  it('rejects unknown fields, bad roles and over-long names with every failed field listed', async () => {
    const response = await ledger.http
      .post('/v1/users')
      .set(bearer(ledger.adminToken))
      .send({ name: 'x'.repeat(201), role: 'librarian', extra: true })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['extra', 'name', 'role']);
  });

  it('answers malformed JSON with a problem that does not quote the body', async () => {
    const response = await ledger.http
      .post('/v1/users')
      .set(bearer(ledger.adminToken))
      .set('Content-Type', 'application/json')
      .send('{"name": "SECRET-PATRON-4711", ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.body)).not.toContain('SECRET-PATRON-4711');
  });

  it('issues a second token and revokes them all, effective on the next request', async () => {
    const { userId, token } = await ledger.user('staff');
    const second = await ledger.http.post(`/v1/users/${userId}/tokens`).set(bearer(ledger.adminToken)).expect(201);
    await ledger.http.get('/v1/me').set(bearer(second.body.token)).expect(200);
    await ledger.http.delete(`/v1/users/${userId}/tokens`).set(bearer(ledger.adminToken)).expect(204);
    await ledger.http.get('/v1/me').set(bearer(token)).expect(401);
    await ledger.http.get('/v1/me').set(bearer(second.body.token)).expect(401);
  });

  it('answers 404 for tokens of a user that does not exist', async () => {
    const response = await ledger.http.post('/v1/users/6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11/tokens').set(bearer(ledger.adminToken)).expect(404);
    expect(response.body.status).toBe(404);
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

describe('authentication hardening', () => {
  let ledger: LedgerAppHarness;

  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('sends security headers on every answer', async () => {
    const response = await ledger.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('tells browsers and proxies to keep no API answer, and hashes no body for an ETag', async () => {
    const response = await ledger.http.get('/v1/users').set('authorization', `Bearer ${ledger.adminToken}`).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('refuses a body over the size limit with 413 problem+json and records nothing', async () => {
    const before = (await ledger.http.get('/health')).body.position;
    const response = await ledger.http
      .post('/v1/users')
      .set('Authorization', `Bearer ${ledger.adminToken}`)
      .send({ name: 'x'.repeat(100_000), role: 'staff' })
      .expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await ledger.http.get('/health')).body.position).toBe(before);
  });

  // Last in this file: it blocks the test client's address.
  it('refuses further failed authentications from an address with 429 and Retry-After, and still serves a valid token from it', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await ledger.http.get('/v1/me').set('Authorization', `Bearer dl_${'x'.repeat(43)}`).expect(401);
    }
    const blocked = await ledger.http.get('/v1/me').set('Authorization', `Bearer dl_${'y'.repeat(43)}`).expect(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else's failures behind the same address never lock out a real token.
    await ledger.http.get('/v1/me').set('Authorization', `Bearer ${ledger.adminToken}`).expect(200);
    await ledger.http.get('/v1/me').expect(429);
    await ledger.http.get('/health').expect(200);
  });
});

import request from 'supertest';
import { startLedgerApp, type LedgerAppHarness } from '../support/ledger-app.harness.js';
import { enrolledUser, signIn } from '../support/web-session.js';

const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('sign-in throttling per address', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    // The default, said out loud: the harness otherwise lifts it for specs that sign in often.
    ledger = await startLedgerApp({ env: { LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE: '30' } });
  });
  afterAll(() => ledger.close());

  it('spraying 40 usernames from one address gets 429 past 30 attempts, for the right password too, until the minute is over', async () => {
    const owner = await enrolledUser(ledger, 'staff', 'Sam Staff');
    const agent = request.agent(ledger.app.getHttpServer());
    const token = formTokenOf((await agent.get('/sign-in')).text);
    const attempt = (username: string, password: string) => agent.post('/sign-in').type('form').send({ _csrf: token, username, password });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await attempt(`sprayed${i}`, 'Winter2026!Winter2026!')).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));

    const right = await attempt(owner.username, owner.password);
    expect(right.status).toBe(429);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(right.text).toContain('Too many sign-in attempts');
    expect(right.headers['set-cookie']?.toString() ?? '').not.toMatch(/ledger_session=/);

    ledger.clock.advanceMinutes(1);
    expect((await attempt(owner.username, owner.password)).status).toBe(303);

    // Every outcome is in the access log, by user id (never the username typed, never a password).
    const auditor = await ledger.user('auditor');
    const position = (await ledger.http.get('/health')).body.position as string;
    const log = await ledger.http.get('/v1/audit/access-log').query({ userId: owner.userId, minPosition: position }).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    const reasons = (log.body.items as { action: string; query?: { reason: string }; outcome: string; status: number }[]).filter((e) => e.action === 'sign_in').map((e) => [e.query?.reason, e.outcome, e.status]);
    expect(reasons).toEqual(expect.arrayContaining([['throttled_address', 'denied', 429], ['signed_in', 'allowed', 303]]));
    const db = (await import('better-sqlite3')).default(ledger.config.paths.events, { readonly: true });
    const stored = (db.prepare("SELECT data FROM events WHERE type = 'RecordAccessed'").all() as { data: string }[]).map((row) => row.data).join('\n');
    db.close();
    expect(stored).toContain('"reason":"wrong_password"');
    expect(stored).not.toMatch(/Winter2026|sprayed|correct horse/);
  });
});

describe('session lifetime', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_SESSION_IDLE_MINUTES: '5' } });
  });
  afterAll(() => ledger.close());

  it('LEDGER_SESSION_IDLE_MINUTES ends a session left idle that long; a busy one lives on', async () => {
    const auditor = await enrolledUser(ledger, 'auditor', 'Audrey Auditor');
    const { agent } = await signIn(ledger, auditor);
    ledger.clock.advanceMinutes(4);
    expect((await agent.get('/audit/register')).status).toBe(200);
    ledger.clock.advanceMinutes(4);
    expect((await agent.get('/audit/register')).status).toBe(200);
    ledger.clock.advanceMinutes(5);
    const idle = await agent.get('/audit/register');
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toBe('/sign-in?expired=1');
  });
});

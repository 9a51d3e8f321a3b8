import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { EVENT_STORE, type HttpConfig } from '@ledger/ledger';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { bearer, instrumentBody } from '../support/http-flows.js';
import { makeTempDir } from '../support/temp-dir.js';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { COMMAND_PIPELINE, HTTP_CONFIG, LIVE_VIEWS } from '../../apps/api/src/infrastructure/tokens.js';
import { StreamCommandRunner } from '@ledger/runtime';
import { MailScheduler } from '../../apps/api/src/mail/mail-scheduler.service.js';
import { MailOutbox } from '../../apps/api/src/mail/mail-outbox.js';
import { type MailTransport, rfc5322MessageId, smtpTransport } from '../../apps/api/src/mail/mail-transport.js';
import { caseStream } from '@ledger/domain';

type User = { userId: string; token: string };
interface Received {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly messageId: string | undefined;
  readonly ledgerMessage: unknown;
}

const PATRON_REF = 'CARD-MAIL-55501';
const REQUESTER = 'Det. Morgan Vale';
const PUBLIC_URL = 'https://ledger.library.example';

/** The stores the outbox is kept in: its claims are appends with an expected revision on either. */
const STORES: [string, () => Promise<{ readonly env: NodeJS.ProcessEnv; stop(): Promise<void> }>][] = [
  ['the embedded store', () => Promise.resolve({ env: {}, stop: () => Promise.resolve() })],
  [
    'EventStoreDB (protocol test server)',
    async () => {
      const server = await EsdbTestServer.start();
      return { env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString }, stop: () => server.stop() };
    },
  ],
];

/**
 * The mail outbox against a real SMTP server on loopback (smtp-server, STARTTLS with a certificate made
 * for this run, AUTH required): who is told what, that no patron data reaches the server, that a refusal
 * is tried again with backoff, and that two senders over one ledger send each message once.
 */
describe.each(STORES)('mail through an outbox in the ledger, on %s', (_store, startStore) => {
  const temp = makeTempDir('ledger-mail-');
  const received: Received[] = [];
  /** The next this many messages are refused with 451 (a relay that is busy). */
  let refuseNext = 0;
  let smtp: SMTPServer;
  let store: Awaited<ReturnType<typeof startStore>>;
  let ledger: LedgerAppHarness;
  let scheduler: MailScheduler;
  let staff: User;
  let designee: User;
  let director: User;
  let counsel: User;
  let auditor: User;

  const post = (user: User, path: string, body: object) => ledger.http.post(path).set(bearer(user.token)).send(body);
  const toUser = async (role: string, name: string, email: string): Promise<User> => {
    const response = await ledger.http.post('/v1/users').set(bearer(ledger.adminToken)).send({ name, role, email }).expect(201);
    return { userId: response.body.userId, token: response.body.token };
  };
  const inbox = (email: string) => received.filter((mail) => mail.to === email);
  const outboxParts = (timeZone = 'America/New_York') => ({ pipeline: ledger.app.get(COMMAND_PIPELINE), runner: ledger.app.get(StreamCommandRunner), store: ledger.app.get(EVENT_STORE), views: ledger.app.get(LIVE_VIEWS), clock: ledger.clock, publicUrl: PUBLIC_URL, timeZone });
  const auditTrail = async () => (await ledger.http.get('/v1/audit/mail').set(bearer(auditor.token)).expect(200)).body as { sending: boolean; items: Record<string, unknown>[] };

  async function openReferredCase(): Promise<string> {
    const opened = await post(staff, '/v1/cases', {
      requester: { kind: 'law_enforcement', name: REQUESTER, agency: 'Springfield PD', badgeNumber: '4471' },
      channel: 'in_person',
      patron: { ref: PATRON_REF },
      requestedCategories: ['circulation_history'],
      identification: [{ kind: 'officer_credentials' }],
    }).expect(201);
    await post(staff, `/v1/cases/${opened.body.caseId}/director-referrals`, {}).expect(201);
    return opened.body.caseId;
  }

  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(temp.dir, 'key.pem'), '-out', join(temp.dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    smtp = new SMTPServer({
      key: readFileSync(join(temp.dir, 'key.pem')),
      cert: readFileSync(join(temp.dir, 'cert.pem')),
      authMethods: ['PLAIN', 'LOGIN'],
      // AUTH only after STARTTLS (smtp-server refuses it in clear unless told otherwise).
      allowInsecureAuth: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'ledger' && auth.password === 'relay-secret') return callback(null, { user: auth.username });
        return callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            if (refuseNext > 0) {
              refuseNext -= 1;
              return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            }
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to!;
            received.push({ to: to.value[0].address!, subject: parsed.subject ?? '', text: parsed.text ?? '', secure: session.secure, user: session.user as string | undefined, messageId: parsed.messageId, ledgerMessage: parsed.headers.get('x-ledger-message') });
            return callback();
          })
          .catch(callback);
      },
      logger: false,
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    store = await startStore();
    // 9:00 in New York: the digest goes out in the library's morning.
    ledger = await startLedgerApp({
      clock: new TestClock(new Date('2026-03-02T14:00:00Z')),
      env: {
        ...store.env,
        LEDGER_SMTP_URL: `smtp://ledger:relay-secret@localhost:${port}`,
        LEDGER_MAIL_FROM: 'Disclosure Ledger <ledger@library.example>',
        LEDGER_SMTP_CA_FILE: join(temp.dir, 'cert.pem'),
        LEDGER_PUBLIC_URL: PUBLIC_URL,
      },
    });
    scheduler = ledger.app.get(MailScheduler);
    staff = await toUser('staff', 'Desk Clerk', 'desk@library.example');
    designee = await toUser('staff', 'Deputy Director', 'deputy@library.example');
    director = await toUser('director', 'Dana Director', 'director@library.example');
    counsel = await toUser('counsel', 'Town Attorney', 'counsel@town.example');
    auditor = await toUser('auditor', 'Audrey Auditor', 'auditor@library.example');
    const now = ledger.clock.now().getTime();
    await post(director, '/v1/designees', { userId: designee.userId, from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 30 * 86_400_000).toISOString() }).expect(201);
    // The outbox opens at the ledger's head: what happened before is history, not news.
    await scheduler.runOnce();
  });
  afterAll(async () => {
    await ledger?.close();
    await store?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    temp.remove();
  });

  it('tells the director and the active designee at once of a law-enforcement referral, over STARTTLS with AUTH, naming no patron', async () => {
    const caseId = await openReferredCase();
    // The referral and the notice it calls for are one append: adjacent in the case stream, one actor, one moment recorded.
    const [referral, notice] = (await ledger.app.get(EVENT_STORE).readStream(caseStream(caseId))).slice(-2);
    expect([referral.type, notice.type]).toEqual(['ReferredToDirector', 'NotificationQueued']);
    expect([notice.revision - referral.revision, notice.position > referral.position]).toEqual([1n, true]);
    const [referralMeta, noticeMeta] = [referral, notice].map((event) => JSON.parse(event.metadata) as { actor: unknown; recordedAt: string });
    expect(noticeMeta).toMatchObject({ actor: referralMeta.actor, recordedAt: referralMeta.recordedAt });
    expect(JSON.parse(notice.data)).toEqual({ caseId, occurredAt: expect.any(String), by: staff.userId, kind: 'law_enforcement_referral', audience: 'director_and_designees' });

    expect(await scheduler.runOnce()).toEqual({ queued: 2, sent: 2, failed: 0 });
    for (const [email, user] of [['director@library.example', director], ['deputy@library.example', designee]] as const) {
      // One message per recipient of that notice, named by it; its Message-ID is made from that name and the ledger's host.
      const messageId = `event:${notice.id}|${user.userId}`;
      expect(inbox(email)).toEqual([
        { to: email, subject: `Law-enforcement request referred to you: case ${caseId.slice(0, 8)}`, text: expect.stringContaining(`${PUBLIC_URL}/cases/${caseId}`), secure: true, user: 'ledger', messageId: rfc5322MessageId(messageId, PUBLIC_URL), ledgerMessage: messageId },
      ]);
      expect(inbox(email)[0].messageId).toMatch(/^<[0-9a-f]{32}\.ledger@ledger\.library\.example>$/);
    }
    expect(inbox('desk@library.example')).toEqual([]);
    for (const mail of received) {
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(new RegExp(`${PATRON_REF}|${REQUESTER}|Springfield|circulation`, 'i'));
    }
    // Seen again, here or by another instance, the same cause queues nothing more; nor after a restart (an outbox that has followed nothing yet).
    expect(await scheduler.runOnce()).toEqual({ queued: 0, sent: 0, failed: 0 });
    expect(await new MailOutbox(outboxParts()).queueDue()).toBe(0);
  });

  it('tries a message the server refuses again after a backoff, and the auditor sees the attempts, not the body', async () => {
    const caseId = await openReferredCase();
    refuseNext = 1;
    expect(await scheduler.runOnce()).toMatchObject({ queued: 2, sent: 1, failed: 1 });
    const failed = (await auditTrail()).items.find((item) => item.caseId === caseId && item.status === 'failed')!;
    expect(failed).toMatchObject({ kind: 'law_enforcement_referral', attempts: 1, lastFailure: 'smtp-451', retryAt: expect.any(String) });
    // Not before its time has come …
    expect(await scheduler.runOnce()).toMatchObject({ sent: 0 });
    ledger.clock.advanceMinutes(2);
    expect(await scheduler.runOnce()).toMatchObject({ sent: 1, failed: 0 });
    const trail = await auditTrail();
    expect(trail.sending).toBe(true);
    expect(trail.items.find((item) => item.messageId === failed.messageId)).toMatchObject({ status: 'sent', attempts: 2, sentAt: expect.any(String) });
    expect(JSON.stringify(trail)).not.toMatch(/@library\.example|referred to you|cases\//);
    await ledger.http.get('/v1/audit/mail').set(bearer(director.token)).expect(403);
  });

  it('shows the auditor a message about a sealed case as sealed only: its case, when queued and whether it went; in full once granted need-to-know', async () => {
    const caseId = await openReferredCase();
    expect(await scheduler.runOnce()).toMatchObject({ queued: 2 });
    const views = ledger.app.get(LIVE_VIEWS);
    const sealed = await post(director, `/v1/cases/${caseId}/legal-instruments`, instrumentBody(ledger, 'court_order', true)).expect(201);
    await views.waitFor(BigInt(sealed.body.position as string));
    const rowsOf = async () => (await auditTrail()).items.filter((item) => item.caseId === caseId);
    const bare = await rowsOf();
    expect(bare).toHaveLength(2);
    for (const row of bare) expect(row).toEqual({ messageId: expect.stringMatching(/^sealed-[0-9a-f]{16}$/), caseId, sealed: true, queuedAt: expect.any(String), status: 'sent' });
    // Named in the case, the auditor reads what was sent and to whom.
    const granted = await post(director, `/v1/cases/${caseId}/need-to-know`, { userId: auditor.userId }).expect(201);
    await views.waitFor(BigInt(granted.body.position as string));
    expect(await rowsOf()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'law_enforcement_referral', recipientUserId: director.userId, status: 'sent' })]));
  });

  it('has two senders over one ledger send each message once', async () => {
    const caseId = await openReferredCase();
    const parts = outboxParts();
    const settings = ledger.app.get<HttpConfig>(HTTP_CONFIG).mail!;
    const [one, two] = [smtpTransport(settings), smtpTransport(settings)];
    try {
      await post(director, `/v1/cases/${caseId}/counsel-referrals`, { counselUserId: counsel.userId }).expect(201);
      const runs = await Promise.all([new MailOutbox({ ...parts, transport: one, senderId: 'instance-a' }).run(), new MailOutbox({ ...parts, transport: two, senderId: 'instance-b' }).run()]);
      expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(3);
    } finally {
      one.close();
      two.close();
    }
    expect(received.filter((mail) => mail.text.includes(caseId))).toHaveLength(3);
    // Counsel's message is named by the notice appended with the referral to counsel.
    const [referral, notice] = (await ledger.app.get(EVENT_STORE).readStream(caseStream(caseId))).slice(-2);
    expect([referral.type, notice.type, notice.revision - referral.revision]).toEqual(['ReferredToCounsel', 'NotificationQueued', 1n]);
    expect(inbox('counsel@town.example')).toEqual([expect.objectContaining({ subject: `Case referred to you for advice: case ${caseId.slice(0, 8)}`, ledgerMessage: `event:${notice.id}|${counsel.userId}` })]);
  });

  it('sends again, with the same Message-ID, a message whose sender died after the server took it, and the auditor sees that it did', async () => {
    const caseId = await openReferredCase();
    const real = smtpTransport(ledger.app.get<HttpConfig>(HTTP_CONFIG).mail!);
    let handedOver!: () => void;
    const tookIt = new Promise<void>((resolve) => (handedOver = resolve));
    // The server accepts the first message, and the sender never comes back to record it (a process killed mid-run).
    const dying: MailTransport = {
      send: async (mail) => {
        await real.send(mail);
        handedOver();
        return new Promise<void>(() => undefined);
      },
      close: () => real.close(),
    };
    try {
      void new MailOutbox({ ...outboxParts(), transport: dying, senderId: 'instance-killed' }).run();
      await tookIt;
      // Its claim holds the message from other senders until it runs out …
      expect(await scheduler.runOnce()).toEqual({ queued: 0, sent: 1, failed: 0 });
      ledger.clock.advanceMinutes(6);
      expect(await scheduler.runOnce()).toEqual({ queued: 0, sent: 1, failed: 0 });
    } finally {
      real.close();
    }
    const items = (await auditTrail()).items.filter((item) => item.caseId === caseId);
    const resent = items.filter((item) => item.resentAfterExpiredClaim === true);
    expect(resent).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
    expect(items.filter((item) => item !== resent[0])).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    // … then it is sent again: the recipient's mail store holds two copies with one Message-ID, which a store that drops duplicates keeps once.
    const copies = received.filter((mail) => mail.ledgerMessage === resent[0].messageId);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((mail) => mail.messageId))).toEqual(new Set([rfc5322MessageId(resent[0].messageId as string, PUBLIC_URL)]));
  });

  it('reminds the director 7, 3 and 1 library days before a return date, each once, as each user chose, and tells of the violation when it passes', async () => {
    const caseId = await openReferredCase();
    await scheduler.runOnce();
    const returnDate = new Date(ledger.clock.now().getTime() + 5 * 86_400_000).toISOString();
    await post(director, `/v1/cases/${caseId}/legal-instruments`, {
      type: 'court_order', issuedBy: 'Superior Court, Hartford J.D.', docketNumber: 'HHD-CR25-0099999', servedAt: ledger.clock.now().toISOString(), returnDate, scope: { categories: ['circulation_history'] }, nondisclosureOrder: false,
    }).expect(201);
    const reminders = () => inbox('director@library.example').filter((mail) => mail.subject.startsWith('Deadline in'));
    await scheduler.runOnce();
    expect(reminders().map((mail) => mail.subject)).toEqual([`Deadline in 7 day(s): case ${caseId.slice(0, 8)}`]);
    expect(inbox('director@library.example').filter((mail) => mail.subject.startsWith('Due this week'))).toHaveLength(1);
    await scheduler.runOnce();
    expect(reminders()).toHaveLength(1);

    // The director turns the digest off (the API and the settings page agree), but cannot turn off the referral.
    const choices = await ledger.http.put('/v1/me/notifications').set(bearer(director.token)).send({ off: ['daily_digest'] }).expect(200);
    expect(choices.body.items).toContainEqual({ kind: 'daily_digest', enabled: false, locked: false });
    expect(choices.body.email).toBe('director@library.example');
    const refused = await ledger.http.put('/v1/me/notifications').set(bearer(director.token)).send({ off: ['law_enforcement_referral'] }).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await ledger.http.get('/v1/me/notifications').set(bearer(director.token)).expect(200)).body.items).toContainEqual({ kind: 'law_enforcement_referral', enabled: true, locked: true });

    ledger.clock.advanceMinutes(3 * 24 * 60);
    await scheduler.runOnce();
    expect(reminders().map((mail) => mail.subject)).toEqual([`Deadline in 7 day(s): case ${caseId.slice(0, 8)}`, `Deadline in 3 day(s): case ${caseId.slice(0, 8)}`]);
    expect(inbox('director@library.example').filter((mail) => mail.subject.startsWith('Due this week'))).toHaveLength(1);

    // The return date passes with the case open and no objection: a violation, of which the director is told once.
    ledger.clock.advanceMinutes(3 * 24 * 60);
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(inbox('director@library.example').filter((mail) => mail.subject === `Policy violation found: case ${caseId.slice(0, 8)}`)).toHaveLength(1);
  });

  it('without a mail server queues and sends nothing, and what is queued stays visible', async () => {
    const caseId = await openReferredCase();
    const before = received.length;
    const unsent = new MailOutbox(outboxParts('UTC'));
    expect(await unsent.run()).toEqual({ queued: 2, sent: 0, failed: 0 });
    expect(received.length).toBe(before);
    expect((await auditTrail()).items.filter((item) => item.caseId === caseId).map((item) => item.status)).toEqual(['queued', 'queued']);
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer, expectStatus, instrumentBody, patronRef } from '../support/http-flows.js';
import { enrolledUser, signIn, type WebUser } from '../support/web-session.js';
import { checkpointCoveringAll, eventsOf } from '../support/log-checkpoints.js';

/**
 * A sealed case (a non-disclosure order: 18 U.S.C. § 2709(c), a court's gag) shows to a reader it does
 * not name as `{caseId, sealed: true}` at most, on every answer that can name a case. This walks every
 * GET route of the served OpenAPI document and every web page, for each role without need-to-know,
 * over a ledger that holds only sealed cases (one of each instrument type) with a legal hold, a
 * retention entry and an erasure request on their patrons, and fails on any leak: what the order
 * hides is written with markers (`ZQX…`) that can be found by substring, and the vocabulary that would
 * tell what the case is (instrument types, the requester kind, rule ids) must not appear as a value.
 */

const INSTRUMENT_TYPES = ['subpoena', 'search_warrant', 'court_order', 'national_security_letter', 'administrative_request', 'other'] as const;
const MARKER = /ZQX[A-Z0-9-]*/g;
/**
 * What a JSON answer about these cases would carry as a value if it leaked their content: an instrument
 * type, the requester kind, a rule id the case fired (a refusal of the reader's role, `LE-DIRECTOR-ONLY`,
 * is about the reader, not the case).
 */
const LEAKING_VALUES = [...INSTRUMENT_TYPES.map((type) => new RegExp(`"${type}"`)), /"law_enforcement"/, /"LE-(?!DIRECTOR-ONLY")/, /"RETENTION-UNTIL-RELEASED"/];
/** Routes that describe the ledger or the caller, never a case: only the markers are looked for there. */
const ABOUT_NO_CASE = /^\/v1\/(me|users|vendors|retention\/schedule|ledger\/)/;

describe('sealed cases never leak to readers without need-to-know', () => {
  let ledger: LedgerAppHarness;
  let opener: WebUser;
  let director: WebUser;
  let counsel: WebUser;
  let readers: Record<string, WebUser>;
  const sealedCases: string[] = [];
  /** The scan attached to each sealed case that has one. */
  const attachmentOf: Record<string, string> = {};
  let erasure: { outcomes: { caseId: string; rule?: string; reason?: string }[]; statement: string; someRecordsKept: boolean };

  const post = (path: string, who: WebUser, body: object, status = 201) => expectStatus(ledger.http.post(path).set(bearer(who.token)).send(body), status);

  beforeAll(async () => {
    ledger = await startLedgerApp();
    director = await enrolledUser(ledger, 'director', 'Dana Director');
    opener = await enrolledUser(ledger, 'staff', 'Sam Opener');
    counsel = await enrolledUser(ledger, 'counsel', 'Cora Counsel');
    const pastDesignee = await enrolledUser(ledger, 'staff', 'Exa Former');
    readers = {
      'staff who opened the cases': opener,
      'other staff': await enrolledUser(ledger, 'staff', 'Olive Other'),
      'counsel not referred': await enrolledUser(ledger, 'counsel', 'Otto Counsel'),
      auditor: await enrolledUser(ledger, 'auditor', 'Audrey Auditor'),
      admin: await enrolledUser(ledger, 'admin', 'Adam Admin'),
      "a designee whose appointment ended": pastDesignee,
    };
    const now = ledger.clock.now().getTime();
    const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
    await post('/v1/designees', director, { userId: pastDesignee.userId, from: hoursAgo(48), to: hoursAgo(24) });

    const patrons: string[] = [];
    for (const type of INSTRUMENT_TYPES) {
      const ref = patronRef();
      patrons.push(ref);
      const opened = await post('/v1/cases', opener, {
        requester: { kind: 'law_enforcement', name: `Det ZQXOFFICER-${type}`, agency: `ZQXAGENCY-${type}`, badgeNumber: 'ZQXBADGE' },
        channel: 'in_person',
        patron: { ref },
        requestedCategories: ['circulation_history', 'address'],
        identification: [{ kind: 'officer_credentials' }],
        purpose: 'ZQXPURPOSE',
      });
      await post(`/v1/cases/${opened.caseId}/director-referrals`, opener, { note: 'ZQXREFERRAL-NOTE' });
      await post(`/v1/cases/${opened.caseId}/legal-instruments`, director, {
        ...instrumentBody(ledger, type, true),
        issuedBy: `ZQXISSUER-${type}`,
        docketNumber: 'ZQXDOCKET',
      });
      sealedCases.push(opened.caseId);
    }
    // A request about a resource, with the patrons found attached, sealed like the others.
    const aboutResource = await post('/v1/cases', opener, {
      requester: { kind: 'law_enforcement', name: 'Det ZQXOFFICER-resource', agency: 'ZQXAGENCY-resource' },
      channel: 'in_person',
      subject: { kind: 'resource', description: 'ZQXRESOURCE public computer 4' },
      requestedCategories: ['computer_sessions'],
      identification: [{ kind: 'officer_credentials' }],
    });
    await post(`/v1/cases/${aboutResource.caseId}/director-referrals`, opener, {});
    await post(`/v1/cases/${aboutResource.caseId}/legal-instruments`, director, { ...instrumentBody(ledger, 'court_order', true), issuedBy: 'ZQXISSUER-resource' });
    await post(`/v1/cases/${aboutResource.caseId}/patrons`, director, { patronRefs: [patronRef(), patronRef()] });
    const [onHold, , closed] = sealedCases as [string, string, string];
    // Counsel referred on one case (so counsel's queue and advice exist), a hold on a case and one on a patron.
    await post(`/v1/cases/${closed}/counsel-referrals`, director, { counselUserId: counsel.userId, note: 'ZQXCOUNSEL-NOTE' });
    await post(`/v1/cases/${closed}/counsel-advice`, counsel, { advice: 'object', notes: 'ZQXADVICE' });
    await post('/v1/legal-holds', counsel, { caseId: onHold, reason: 'ZQXHOLD-REASON', matter: 'ZQXHOLD-MATTER' });
    await post('/v1/legal-holds', director, { patronRef: patrons[1], reason: 'ZQXPATRON-HOLD-REASON', matter: 'ZQXPATRON-HOLD-MATTER' });
    // A retention entry: a sealed case refused, closed, and released from retention by counsel.
    await post(`/v1/cases/${closed}/refusals`, director, { reason: 'ZQXREFUSAL' });
    await post('/v1/retention/releases', counsel, { caseId: closed, reason: 'ZQXRETENTION-RELEASE' });
    // An erasure request by the patron of a sealed case, recorded by staff at the desk and approved by the Director.
    const erasureRequest = await post('/v1/patrons/erasure-requests', opener, { patronRef: patrons[0], identification: [{ kind: 'photo_id' }] });
    erasure = await post(`/v1/patrons/erasure-requests/${erasureRequest.requestId}/approval`, director, {}, 200);
    // A note and a scan on every sealed case, each naming what must not leak.
    for (const caseId of sealedCases) {
      await post(`/v1/cases/${caseId}/notes`, director, { text: 'ZQXNOTE-TEXT' });
      const scan = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('ZQXSCAN-BYTES')]);
      const added = await expectStatus(ledger.http.post(`/v1/cases/${caseId}/attachments`).set(bearer(director.token)).field('kind', 'consent').attach('file', scan, { filename: 'ZQXSCAN-NAME.png', contentType: 'image/png' }), 201);
      attachmentOf[caseId] = added.attachmentId as string;
    }
    // Every event under a checkpoint, so that the walk's event proofs are refused for need-to-know, not for a log still catching up.
    sealedCases.push(aboutResource.caseId);
    await checkpointCoveringAll(ledger, director.token);
  }, 120_000);

  afterAll(async () => {
    await ledger?.close();
  });

  function leaksIn(text: string, vocabulary: boolean): string[] {
    return [...(text.match(MARKER) ?? []), ...(vocabulary ? LEAKING_VALUES.filter((value) => value.test(text)).map(String) : [])];
  }

  it('the ledger under test holds what each answer must hide (the director sees all of it)', async () => {
    const holds = await expectStatus(ledger.http.get('/v1/legal-holds').set(bearer(director.token)), 200);
    expect(JSON.stringify(holds)).toContain('ZQXPATRON-HOLD-MATTER');
    const due = await expectStatus(ledger.http.get('/v1/retention/due').query({ before: new Date(Date.now() + 3650 * 86_400_000).toISOString() }).set(bearer(director.token)), 200);
    expect(due.items.map((item: { caseId: string }) => item.caseId)).toContain(sealedCases[2]);
    const view = await expectStatus(ledger.http.get(`/v1/cases/${sealedCases[3]}`).set(bearer(director.token)), 200);
    expect(JSON.stringify(view)).toContain('ZQXAGENCY-national_security_letter');
    const opening = eventsOf(ledger).find((event) => event.stream === `case-${sealedCases[3]}`)!;
    await expectStatus(ledger.http.get(`/v1/ledger/proofs/events/${opening.id}`).set(bearer(director.token)), 200);
  });

  it('an erasure answer and the patron statement never mention the sealed case', () => {
    const text = JSON.stringify(erasure);
    expect(text).not.toContain(sealedCases[0]);
    expect(leaksIn(text, true)).toEqual([]);
    expect(text).not.toMatch(/RETENTION|LEGAL-HOLD|instrument|law enforcement/i);
    expect(erasure.outcomes).toEqual([]);
    expect(erasure.someRecordsKept).toBe(true);
    expect(erasure.statement).toContain('must keep your identity in some records for now');
    expect(erasure.statement).not.toContain('holds no record');
  });

  it('every GET route of the OpenAPI document answers each reader without a leak', async () => {
    const document = await expectStatus(ledger.http.get('/v1/openapi.json'), 200);
    const paths = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([, operations]) => 'get' in operations)
      .map(([path]) => path);
    expect(paths).toEqual(expect.arrayContaining(['/v1/cases/{caseId}', '/v1/cases/{caseId}/export', '/v1/legal-holds', '/v1/retention/due', '/v1/audit/access-log', '/v1/incidents']));
    const before = new Date(Date.now() + 3650 * 86_400_000).toISOString();
    const queryOf: Record<string, object> = { '/v1/director/cases': { status: 'all' }, '/v1/retention/due': { before } };
    const leaks: string[] = [];
    const answered: string[] = [];
    // A path's parameter is a sealed case's id, or the id of one of its events (the inclusion proof of an event names its stream).
    const sealedEvents = eventsOf(ledger).filter((event) => sealedCases.some((caseId) => event.stream === `case-${caseId}`)).map((event) => event.id);
    const valuesOf = (parameter: string) => (parameter === '{eventId}' ? sealedEvents.slice(0, 12) : sealedCases);
    for (const [who, reader] of Object.entries(readers)) {
      for (const path of paths) {
        const parameter = /\{[^}]+\}/.exec(path)?.[0];
        // A second parameter is the case's own attachment.
        const concrete = (parameter ? valuesOf(parameter).map((value) => path.replace(parameter, value).replace('{attachmentId}', attachmentOf[value] ?? 'none')) : [path]);
        for (const url of concrete) {
          for (const query of url.endsWith('/export') ? ['json', 'csv'].map((format) => ({ format })) : [queryOf[url] ?? {}]) {
            const response = await ledger.http.get(url).query(query).set(bearer(reader.token));
            if (response.status === 200) answered.push(`${who} ${url}`);
            const text = response.text ?? JSON.stringify(response.body);
            for (const leak of leaksIn(text, !ABOUT_NO_CASE.test(url))) leaks.push(`${who}: GET ${url} (${response.status}) shows ${leak}`);
            if (response.status === 200 && /^\/v1\/(cases|ledger\/proofs\/events)\//.test(url)) leaks.push(`${who}: GET ${url} answers 200`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    // The walk read the lists that name these cases, so their silence means something.
    expect(answered).toEqual(
      expect.arrayContaining(['auditor /v1/audit/disclosures', 'auditor /v1/audit/findings', 'auditor /v1/audit/stats', 'auditor /v1/audit/access-log', 'auditor /v1/legal-holds', 'counsel not referred /v1/retention/due', 'counsel not referred /v1/legal-holds']),
    );
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').set(bearer(readers.auditor.token)), 200);
    expect(register.items.map((item: { caseId: string; sealed: boolean }) => [item.caseId, item.sealed]).sort()).toEqual(sealedCases.map((caseId) => [caseId, true]).sort());
    expect(answered.filter((entry) => entry.includes('/attachments/'))).toEqual([]);
    const holds = await expectStatus(ledger.http.get('/v1/legal-holds').set(bearer(readers.auditor.token)), 200);
    expect(holds.items).toEqual([
      expect.objectContaining({ sealed: true, status: 'in_force' }),
      expect.objectContaining({ sealed: true, status: 'in_force' }),
    ]);
  }, 120_000);

  it('the search never finds a sealed case by what it holds, and names one found by its id as sealed only', async () => {
    const leaks: string[] = [];
    for (const [who, reader] of Object.entries(readers)) {
      const bodies = [{ docketNumber: 'ZQXDOCKET' }, { requesterName: 'Det ZQXOFFICER' }, { requesterName: 'ZQXAGENCY' }, ...sealedCases.map((caseId) => ({ caseId }))];
      for (const body of bodies) {
        const response = await ledger.http.post('/v1/cases/search').set(bearer(reader.token)).send(body);
        for (const leak of leaksIn(JSON.stringify(response.body), true)) leaks.push(`${who}: search ${JSON.stringify(body)} shows ${leak}`);
        const items = (response.body.items ?? []) as { caseId: string; sealed: boolean }[];
        if (!('caseId' in body) && items.length > 0) leaks.push(`${who}: search ${JSON.stringify(body)} finds ${items.length}`);
        if ('caseId' in body && items.some((item) => Object.keys(item).sort().join() !== 'caseId,sealed')) leaks.push(`${who}: search by id shows more than the seal`);
      }
    }
    expect(leaks).toEqual([]);
    // The director, named in every seal, finds them all by what they hold.
    const all = await expectStatus(ledger.http.post('/v1/cases/search').set(bearer(director.token)).send({ requesterName: 'zqxofficer' }), 200);
    expect(all.items.map((item: { caseId: string }) => item.caseId).sort()).toEqual([...sealedCases].sort());
  }, 60_000);

  it('every web page each reader can reach answers without a leak', async () => {
    const start = ['/', '/desk', '/desk/patrons', '/board', '/board/deadlines', '/counsel', '/roster', '/admin/users', '/audit/register', '/audit/register.csv', '/audit/findings', '/audit/stats', '/audit/access-log', '/audit/integrity'];
    const casePages = sealedCases.flatMap((caseId) => [`/cases/${caseId}`, `/cases/${caseId}/export?format=json`, `/cases/${caseId}/export?format=csv`]);
    const leaks: string[] = [];
    for (const [who, reader] of Object.entries(readers)) {
      const { agent } = await signIn(ledger, reader);
      const seen = new Set<string>();
      const queue = [...start, ...casePages];
      // Every page reached, and every page those link to (one level), as the reader's browser would follow them.
      while (queue.length > 0 && seen.size < 120) {
        const page = queue.shift()!;
        if (seen.has(page)) continue;
        seen.add(page);
        const response = await agent.get(page).redirects(1);
        const text = response.text ?? '';
        for (const leak of leaksIn(text, false)) leaks.push(`${who}: ${page} (${response.status}) shows ${leak}`);
        if (response.status === 200 && /^\/cases\//.test(page)) leaks.push(`${who}: ${page} answers 200`);
        for (const [, href] of text.matchAll(/href="(\/[^"#]*)"/g)) {
          const link = href.replace(/&amp;/g, '&');
          if (!link.startsWith('/assets/') && !link.startsWith('/sign-out') && !seen.has(link)) queue.push(link);
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 180_000);

  // Last: it adds a case the walks above must not see.
  it('every case command from a reader the sealed case does not name is refused as a read is, even with If-Match, and records nothing', async () => {
    const caseId = sealedCases[1];
    const before = eventsOf(ledger).filter((event) => event.stream === `case-${caseId}`).length;
    const attempts: [string, object][] = [
      ['releases', { categories: ['address'], method: 'in_person' }],
      ['refusals', { reason: 'ZQXTRY' }],
      ['director-referrals', {}],
      ['legal-instruments', instrumentBody(ledger, 'search_warrant')],
      ['counsel-advice', { advice: 'comply' }],
      ['notes', { text: 'ZQXTRY' }],
    ];
    for (const [who, reader] of Object.entries(readers)) {
      for (const [action, body] of attempts) {
        const answer = await ledger.http.post(`/v1/cases/${caseId}/${action}`).set(bearer(reader.token)).set('If-Match', '"0"').send(body);
        // 403 SEALED, or the route's own refusal of the reader's role: never a status, rule or revision of the case.
        expect({ who, action, status: answer.status }).toEqual({ who, action, status: 403 });
        expect({ who, action, rule: answer.body.rule ?? 'role' }).toEqual({ who, action, rule: expect.stringMatching(/^(SEALED|role)$/) });
        expect(leaksIn(JSON.stringify(answer.body), true)).toEqual([]);
        expect(String(answer.body.detail)).not.toMatch(/revision|awaiting|status/i);
      }
    }
    expect(eventsOf(ledger).filter((event) => event.stream === `case-${caseId}`)).toHaveLength(before);
    // Releasing it from retention is a command on the case too: whether it waits for one tells its kind.
    for (const [who, reader] of Object.entries(readers)) {
      const answer = await ledger.http.post('/v1/retention/releases').set(bearer(reader.token)).send({ caseId, reason: 'ZQXTRY' });
      expect({ who, status: answer.status, rule: answer.body.rule ?? 'role' }).toEqual({ who, status: 403, rule: expect.stringMatching(/^(SEALED|role)$/) });
      expect(String(answer.body.detail)).not.toMatch(/release|kept|law enforcement/i);
    }
  });

  it('a case whose non-disclosure order ended is unsealed for the next reader: the API, the register and the case page show it', async () => {
    const opened = await post('/v1/cases', opener, {
      requester: { kind: 'law_enforcement', name: 'Det. Unsealed', agency: 'UNSEALED-AGENCY' },
      channel: 'in_person',
      patron: { ref: patronRef() },
      requestedCategories: ['circulation_history'],
      identification: [{ kind: 'officer_credentials' }],
    });
    await post(`/v1/cases/${opened.caseId}/director-referrals`, opener, {});
    const { instrumentId } = await post(`/v1/cases/${opened.caseId}/legal-instruments`, director, instrumentBody(ledger, 'court_order', true));
    const auditor = readers.auditor;
    await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(auditor.token)), 403);
    const ended = await post(`/v1/cases/${opened.caseId}/nondisclosure-end`, director, { instrumentId, endedAt: ledger.clock.now().toISOString(), how: 'lifted_by_court' });
    const view = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).query({ minPosition: ended.position }).set(bearer(auditor.token)), 200);
    expect(view).toMatchObject({ sealed: false, requester: { agency: 'UNSEALED-AGENCY' } });
    // The case view reads the case's stream; the register is a view, which on the views' worker may lag: wait for it.
    const register = await expectStatus(ledger.http.get('/v1/audit/disclosures').query({ minPosition: ended.position }).set(bearer(auditor.token)), 200);
    expect(register.items.find((item: { caseId: string }) => item.caseId === opened.caseId)).toMatchObject({ sealed: false, requesterKind: 'law_enforcement', instrumentType: 'court_order' });
    // The opener is a party again; sealed cases stay sealed for them.
    const { agent } = await signIn(ledger, opener);
    const page = await agent.get(`/cases/${opened.caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('UNSEALED-AGENCY');
    expect(page.text).toContain('a court lifted the order');
    expect((await agent.get(`/cases/${sealedCases[0]}`)).status).toBe(403);
  }, 60_000);
});

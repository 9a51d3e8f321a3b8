import { existsSync, readFileSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@ledger/ledger';
import { DEFAULT_JURISDICTION } from '@ledger/domain';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { bearer } from '../support/http-flows.js';

const POLICY_VERSION = DEFAULT_JURISDICTION.policyVersion;

/** A distinctive reference: it must never appear in clear in the event store. */
const PATRON_REF = 'CARD-TEST-93817';

type Body = Record<string, unknown>;

describe('cases at the front desk over HTTP', () => {
  let ledger: LedgerAppHarness;
  let staff: { userId: string; token: string };
  let otherStaff: { userId: string; token: string };
  let director: { userId: string; token: string };
  let auditor: { userId: string; token: string };
  let admin: string;

  const open = (token: string, body: Body) => ledger.http.post('/v1/cases').set(bearer(token)).send(body);
  const command = (token: string, caseId: string, path: string, body: Body) =>
    ledger.http.post(`/v1/cases/${caseId}/${path}`).set(bearer(token)).send(body);
  const request = (overrides: Body = {}): Body => ({
    requester: { kind: 'patron', name: 'Ann Lee' },
    channel: 'in_person',
    patron: { ref: PATRON_REF },
    requestedCategories: ['checkouts', 'holds'],
    identification: [{ kind: 'library_card' }],
    ...overrides,
  });

  beforeAll(async () => {
    ledger = await startLedgerApp();
    staff = await ledger.user('staff', 'Desk Clerk');
    otherStaff = await ledger.user('staff', 'Other Clerk');
    director = await ledger.user('director', 'Dana Director');
    auditor = await ledger.user('auditor', 'Audrey Auditor');
    admin = ledger.adminToken;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('patron self-service in person: opened with its evaluation, released, closed, and read back with a timeline', async () => {
    const opened = await open(staff.token, request()).expect(201);
    expect(opened.body).toEqual({
      caseId: expect.any(String),
      revision: '0',
      position: expect.stringMatching(/^\d+$/),
      status: 'open',
      evaluation: {
        route: 'staff_may_release',
        permittedCategories: ['checkouts', 'holds'],
        rules: [expect.objectContaining({ id: 'PATRON-SELF-IN-PERSON', citation: expect.stringContaining('Disclosure to Patrons') })],
        consentIds: [],
      },
    });
    const { caseId } = opened.body;
    const released = await command(staff.token, caseId, 'releases', { categories: ['checkouts'], method: 'in_person' }).expect(201);
    expect(released.body).toEqual({ caseId, revision: '2', position: expect.stringMatching(/^\d+$/), status: 'closed', outcome: 'released_in_part' });
    expect(BigInt(released.body.position)).toBeGreaterThan(BigInt(opened.body.position));

    const read = await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(staff.token)).expect(200);
    expect(read.headers.etag).toBe('"2"');
    expect(read.body).toMatchObject({
      caseId,
      status: 'closed',
      outcome: 'released_in_part',
      sealed: false,
      access: 'full',
      openedBy: staff.userId,
      requester: { kind: 'patron', name: 'Ann Lee' },
      patron: { ref: PATRON_REF, pseudonym: expect.stringMatching(/^P-/) },
      evaluation: { route: 'staff_may_release' },
      releasedCategories: ['checkouts'],
      releases: [expect.objectContaining({ categories: ['checkouts'], method: 'in_person' })],
    });
    expect(read.body.timeline).toEqual([
      expect.objectContaining({ revision: '0', type: 'DisclosureRequested', label: 'Disclosure requested', by: { userId: staff.userId, role: 'staff' }, policyVersion: POLICY_VERSION }),
      expect.objectContaining({ revision: '1', type: 'RecordsReleased', by: { userId: staff.userId, role: 'staff' } }),
      expect.objectContaining({ revision: '2', type: 'CaseClosed', detail: 'Released in part' }),
    ]);
    for (const entry of read.body.timeline) {
      expect(entry.occurredAt).toEqual(expect.any(String));
      expect(entry.recordedAt).toEqual(expect.any(String));
    }
  });

  it('every event carries the policy version, the actor, occurredAt and recordedAt in its metadata', async () => {
    const past = new Date(ledger.clock.now().getTime() - 3_600_000).toISOString();
    const opened = await open(staff.token, request({ occurredAt: past })).expect(201);
    const events = await ledger.app.get<EventStore>(EVENT_STORE).readStream(`case-${opened.body.caseId}`);
    expect(events).toHaveLength(1);
    const metadata = JSON.parse(events[0].metadata);
    expect(metadata).toMatchObject({
      policyVersion: POLICY_VERSION,
      actor: { userId: staff.userId, role: 'staff' },
      occurredAt: past,
      recordedAt: ledger.clock.now().toISOString(),
    });
  });

  it('who reads a case: the opener, the director and auditors (pseudonymised); other staff, counsel and admins get 403', async () => {
    const { body } = await open(staff.token, request()).expect(201);
    await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(director.token)).expect(200);
    const audited = await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(auditor.token)).expect(200);
    expect(audited.body.access).toBe('pseudonymised');
    expect(audited.body.patron).toEqual({ pseudonym: expect.stringMatching(/^P-/), isMinor: false });
    expect(audited.body.requester.name).toBeNull(); // a patron asking names the patron
    expect(JSON.stringify(audited.body)).not.toContain(PATRON_REF);
    await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(otherStaff.token)).expect(403);
    const counsel = await ledger.user('counsel');
    await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(counsel.token)).expect(403);
    await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(admin)).expect(403);
    await ledger.http.get('/v1/cases/00000000-0000-4000-8000-000000000000').set(bearer(director.token)).expect(404);
  });

  it('auditors and admins cannot issue case commands (plain 403 from the guard)', async () => {
    for (const token of [auditor.token, admin]) {
      const response = await open(token, request()).expect(403);
      expect(response.body.rule).toBeUndefined();
    }
  });

  it.each([
    // kind, request overrides, route, permitted, an allowed release, a refused release and the rule that refuses it
    ['patron', { channel: 'phone', identification: [{ kind: 'card_barcode' }], requestedCategories: ['checkouts', 'address'] }, 'staff_may_release', ['checkouts'], ['checkouts'], ['address'], 'RELEASE-SCOPE'],
    ['family_or_friend', { requester: { kind: 'family_or_friend', name: 'Sam Lee' }, purpose: 'Pick up her holds', requestedCategories: ['holds', 'address'] }, 'staff_may_release', ['holds'], ['holds'], ['holds', 'address'], 'FAMILY-NO-CONTACT'],
    ['debt_payer', { requester: { kind: 'debt_payer', name: 'Pat Payer' }, channel: 'phone', identification: [], requestedCategories: ['amount_owed', 'checkouts'] }, 'staff_may_release', ['amount_owed'], ['amount_owed'], ['checkouts'], 'RELEASE-SCOPE'],
    ['parent_or_guardian', { requester: { kind: 'parent_or_guardian', name: 'Mo Lee' }, patron: { ref: 'CARD-MINOR-1', isMinor: true }, identification: [{ kind: 'cosigner_photo_id' }], requestedCategories: ['checkouts'] }, 'staff_may_release', ['checkouts'], ['checkouts'], null, null],
    ['parent_or_guardian by phone', { requester: { kind: 'parent_or_guardian', name: 'Mo Lee' }, channel: 'phone', patron: { ref: 'CARD-MINOR-2', isMinor: true }, identification: [{ kind: 'card_barcode' }], requestedCategories: ['checkouts', 'address'] }, 'staff_may_release', ['checkouts'], ['checkouts'], ['address'], 'RELEASE-SCOPE'],
    ['law_enforcement', { requester: { kind: 'law_enforcement', name: 'Officer Dibble', agency: 'Town Police', badgeNumber: '42' }, identification: [{ kind: 'officer_credentials' }], requestedCategories: ['circulation_history'] }, 'refer_to_director', [], null, ['circulation_history'], 'LE-STAFF-NO-RELEASE'],
    ['vendor not on the approved list', { requester: { kind: 'vendor', name: 'eBooks Inc.' }, channel: 'online', identification: [{ kind: 'vendor_credentials' }], requestedCategories: ['card_number', 'circulation_history'] }, 'deny', [], null, ['card_number'], 'RELEASE-SCOPE'],
    ['public_records', { requester: { kind: 'public_records', name: 'Courant reporter' }, channel: 'email', identification: [], requestedCategories: ['name'] }, 'deny', [], null, ['name'], 'RELEASE-SCOPE'],
    ['other', { requester: { kind: 'other', name: 'A neighbour' }, identification: [], requestedCategories: ['address'] }, 'deny', [], null, ['address'], 'RELEASE-SCOPE'],
  ] as const)('%s: route, permitted categories, an allowed and a refused release', async (_kind, overrides, route, permitted, allowed, refused, rule) => {
    const opened = await open(staff.token, request(overrides as Body)).expect(201);
    expect(opened.body.evaluation).toMatchObject({ route, permittedCategories: permitted });
    const { caseId } = opened.body;
    if (refused) {
      const problem = await command(staff.token, caseId, 'releases', { categories: refused, method: 'in_person' }).expect(422);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problem.body).toMatchObject({ status: 422, rule, citation: expect.any(String) });
    }
    if (allowed) {
      const released = await command(staff.token, caseId, 'releases', { categories: allowed, method: 'in_person' }).expect(201);
      expect(released.body).toMatchObject({ status: 'closed', outcome: expect.stringMatching(/^released/) });
    } else if (route === 'deny') {
      const refusal = await command(staff.token, caseId, 'refusals', { reason: 'No basis under the policy' }).expect(201);
      expect(refusal.body).toMatchObject({ status: 'closed', outcome: 'refused' });
    }
  });

  it('names the policy section in a RELEASE-SCOPE refusal', async () => {
    const { body } = await open(staff.token, request({ requester: { kind: 'public_records', name: 'FOIA desk' }, identification: [], requestedCategories: ['name'] })).expect(201);
    expect(body.evaluation.rules.map((r: { id: string }) => r.id)).toContain('FOIA-EXEMPT');
    expect(body.evaluation.rules.find((r: { id: string }) => r.id === 'FOIA-EXEMPT').citation).toContain('1-210');
    const problem = await command(staff.token, body.caseId, 'releases', { categories: ['name'], method: 'mail' }).expect(422);
    expect(problem.body).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status: 422,
      detail: expect.any(String),
      rule: 'RELEASE-SCOPE',
      citation: expect.any(String),
      requestId: expect.any(String),
    });
  });

  it('a guardian of a patron not known to be a minor gets nothing (MINOR-ONLY)', async () => {
    const { body } = await open(staff.token, request({ requester: { kind: 'parent_or_guardian', name: 'Mo Lee' }, identification: [{ kind: 'library_card' }] })).expect(201);
    expect(body.evaluation.route).toBe('deny');
    expect(body.evaluation.rules.map((r: { id: string }) => r.id)).toContain('MINOR-ONLY');
  });

  it('answers 409 CASE-STATE on a closed case and 412 when If-Match names an old revision', async () => {
    const { body } = await open(staff.token, request()).expect(201);
    const stale = await command(staff.token, body.caseId, 'director-referrals', { note: 'Unsure' }).set('If-Match', '"7"').expect(412);
    expect(stale.body).toMatchObject({ status: 412 });
    const referred = await command(staff.token, body.caseId, 'director-referrals', { note: 'Unsure' }).set('If-Match', '"0"').expect(201);
    expect(referred.body).toMatchObject({ revision: '1', status: 'with_director' });
    await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person' }).set('If-Match', '"0"').expect(412);
    await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person' }).set('If-Match', '"1"').expect(201);
    const closed = await command(staff.token, body.caseId, 'refusals', { reason: 'Too late' }).expect(409);
    expect(closed.body).toMatchObject({ status: 409, rule: 'CASE-STATE' });
    await command(staff.token, body.caseId, 'refusals', { reason: 'x' }).set('If-Match', 'W/"3"').expect(400);
  });

  it('a release on a closed case is 409 CASE-STATE; commands on an unknown case are 404, and so is a read', async () => {
    const { body } = await open(staff.token, request()).expect(201);
    await command(staff.token, body.caseId, 'refusals', { reason: 'Asked to come back with the card' }).expect(201);
    const again = await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person' }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, rule: 'CASE-STATE' });

    const unknown = '00000000-0000-4000-8000-00000000beef';
    for (const [path, payload] of [
      ['releases', { categories: ['holds'], method: 'in_person' }],
      ['refusals', { reason: 'x' }],
      ['director-referrals', {}],
    ] as const) {
      const missing = await command(staff.token, unknown, path, payload).expect(404);
      expect(missing.body).toMatchObject({ status: 404 });
    }
    await command(director.token, unknown, 'legal-instruments', {
      type: 'subpoena', issuedBy: 'Court', servedAt: ledger.clock.now().toISOString(), scope: { categories: ['name'] }, nondisclosureOrder: false,
    }).expect(404);
    await ledger.http.get(`/v1/cases/${unknown}`).set(bearer(staff.token)).expect(404);
    // Nothing was created by those attempts.
    await ledger.http.get(`/v1/cases/${unknown}`).set(bearer(director.token)).expect(404);
  });

  it('occurredAt in the future on a case command is 400 naming occurredAt, and nothing is appended', async () => {
    const { body } = await open(staff.token, request()).expect(201);
    const future = new Date(ledger.clock.now().getTime() + 5 * 60_000).toISOString();
    const refused = await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person', occurredAt: future }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt']);
    const read = await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(staff.token)).expect(200);
    expect(read.body).toMatchObject({ revision: '0', status: 'open' });
    // The clock moves on: the same instant is now in the past and is accepted.
    ledger.clock.advanceMinutes(10);
    const accepted = await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person', occurredAt: future }).expect(201);
    expect(accepted.body).toMatchObject({ status: 'closed', outcome: 'released_in_part' });
    const after = await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(staff.token)).expect(200);
    expect(after.body.timeline[1]).toMatchObject({ type: 'RecordsReleased', occurredAt: future });
  });

  it('rejects unknown fields on case commands too (400, the field in errors[])', async () => {
    const { body } = await open(staff.token, request()).expect(201);
    const response = await command(staff.token, body.caseId, 'releases', { categories: ['holds'], method: 'in_person', patronRef: PATRON_REF }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['patronRef']);
    expect(JSON.stringify(response.body)).not.toContain(PATRON_REF);
  });

  it('the read carries openedAt and, on every timeline entry, the actor from the event metadata', async () => {
    const past = new Date(ledger.clock.now().getTime() - 60_000).toISOString();
    const { body } = await open(staff.token, request({ occurredAt: past })).expect(201);
    await command(director.token, body.caseId, 'refusals', { reason: 'Card expired' }).expect(201);
    const read = await ledger.http.get(`/v1/cases/${body.caseId}`).set(bearer(staff.token)).expect(200);
    expect(read.body).toMatchObject({ openedAt: past, receivedAt: past, counselReferral: null, productions: [], outcome: 'refused' });
    expect(read.body.timeline.map((entry: { revision: string; label: string; actor: unknown }) => [entry.revision, entry.label, entry.actor])).toEqual([
      ['0', 'Disclosure requested', { userId: staff.userId, role: 'staff' }],
      ['1', 'Request refused', { userId: director.userId, role: 'director' }],
      ['2', 'Case closed', { userId: director.userId, role: 'director' }],
    ]);
  });

  it('refuses occurredAt in the future and before the case was received (400, the field in errors[])', async () => {
    const future = new Date(ledger.clock.now().getTime() + 60_000).toISOString();
    const tooLate = await open(staff.token, request({ occurredAt: future })).expect(400);
    expect(tooLate.body.errors).toEqual([{ field: 'occurredAt', messages: [expect.stringContaining('future')] }]);

    const { body } = await open(staff.token, request()).expect(201);
    const before = new Date(ledger.clock.now().getTime() - 60_000).toISOString();
    const tooEarly = await command(staff.token, body.caseId, 'refusals', { reason: 'x', occurredAt: before }).expect(400);
    expect(tooEarly.body.errors).toEqual([{ field: 'occurredAt', messages: [expect.stringContaining('before the case')] }]);
    const notADate = await command(staff.token, body.caseId, 'refusals', { reason: 'x', occurredAt: 'yesterday' }).expect(400);
    expect(notADate.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt']);
  });

  it('validates bodies: unknown fields, repeated or unknown categories, limits, nested fields', async () => {
    const response = await open(
      staff.token,
      request({
        requester: { kind: 'wizard', name: '' },
        patron: { ref: 'x'.repeat(65) },
        requestedCategories: ['holds', 'holds', 'tarot'],
        identification: [{ kind: 'library_card' }, { kind: 'library_card' }, { kind: 'photo_id' }, { kind: 'photo_id' }, { kind: 'photo_id' }, { kind: 'photo_id' }],
        purpose: 'p'.repeat(4001),
        extra: true,
      }),
    ).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['extra', 'identification', 'patron.ref', 'purpose', 'requestedCategories', 'requester.kind', 'requester.name'].sort());
    await open(staff.token, request({ requestedCategories: [] })).expect(400);
    await open(staff.token, { ...request(), patron: undefined }).expect(400);
  });

  it('stores the patron reference only encrypted: the clear reference is nowhere in the event store', async () => {
    const files = [ledger.config.paths.events, `${ledger.config.paths.events}-wal`].filter((file) => existsSync(file));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    // The store does hold this run's cases (the pseudonym's source is there), just never the reference.
    expect(bytes.includes(Buffer.from('DisclosureRequested'))).toBe(true);
    expect(bytes.includes(Buffer.from(PATRON_REF))).toBe(false);
    expect(bytes.includes(Buffer.from(PATRON_REF, 'utf16le'))).toBe(false);
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { type Actors, CaseFlows, bearer, expectStatus, lawEnforcementCaseBody, makeActors, patronCaseBody, patronRef, CONSENT_PROOF } from '../support/http-flows.js';

/**
 * Every endpoint × every kind of caller → the status API.md prescribes, generated from the one table
 * below. A caller missing from a row's `allow` must be refused with 403 (and 401 without a token).
 */
type Caller = keyof Actors | 'none';
const CALLERS: Caller[] = ['none', 'staff', 'otherStaff', 'director', 'activeDesignee', 'expiredDesignee', 'counsel', 'otherCounsel', 'auditor', 'admin'];
const STAFF_LIKE = ['staff', 'otherStaff', 'activeDesignee', 'expiredDesignee'] as const;

interface Row {
  readonly name: string;
  readonly method: 'get' | 'post' | 'delete';
  /** Makes whatever state the call needs (fresh for every caller) and returns the path and body. */
  readonly setup: (context: Context) => Promise<{ path: string; body?: object }>;
  readonly allow: Partial<Record<Caller, number>>;
  /** Refusals that must name a rule. */
  readonly ruleOnRefusal?: Partial<Record<Caller, string>>;
}

interface Context {
  readonly ledger: LedgerAppHarness;
  readonly actors: Actors;
  readonly flows: CaseFlows;
}

const staffAnd = (status: number, ...more: Caller[]): Partial<Record<Caller, number>> =>
  Object.fromEntries([...STAFF_LIKE, 'director', ...more].map((caller) => [caller, status]));
const only = (status: number, ...callers: Caller[]): Partial<Record<Caller, number>> => Object.fromEntries(callers.map((caller) => [caller, status]));
const leDirectorOnly: Partial<Record<Caller, string>> = { staff: 'LE-DIRECTOR-ONLY', otherStaff: 'LE-DIRECTOR-ONLY', expiredDesignee: 'LE-DIRECTOR-ONLY' };

const ROWS: Row[] = [
  { name: 'GET /v1/me', method: 'get', setup: async () => ({ path: '/v1/me' }), allow: only(200, ...CALLERS.filter((c) => c !== 'none')) },
  { name: 'POST /v1/users', method: 'post', setup: async () => ({ path: '/v1/users', body: { name: 'New Person', role: 'staff' } }), allow: only(201, 'admin') },
  {
    name: 'POST /v1/users/:userId/tokens',
    method: 'post',
    setup: async ({ ledger }) => ({ path: `/v1/users/${(await ledger.user('staff')).userId}/tokens` }),
    allow: only(201, 'admin'),
  },
  {
    name: 'DELETE /v1/users/:userId/tokens',
    method: 'delete',
    setup: async ({ ledger }) => ({ path: `/v1/users/${(await ledger.user('staff')).userId}/tokens` }),
    allow: only(204, 'admin'),
  },
  {
    name: 'POST /v1/designees',
    method: 'post',
    setup: async ({ ledger }) => {
      const now = ledger.clock.now().getTime();
      return { path: '/v1/designees', body: { userId: (await ledger.user('staff')).userId, from: new Date(now).toISOString(), to: new Date(now + 86_400_000).toISOString() } };
    },
    allow: only(201, 'director'),
  },
  {
    name: 'DELETE /v1/designees/:userId',
    method: 'delete',
    setup: async ({ ledger, actors }) => {
      const now = ledger.clock.now().getTime();
      const { userId } = await ledger.user('staff');
      await expectStatus(
        ledger.http.post('/v1/designees').set(bearer(actors.director.token)).send({ userId, from: new Date(now - 1000).toISOString(), to: new Date(now + 86_400_000).toISOString() }),
        201,
      );
      return { path: `/v1/designees/${userId}` };
    },
    allow: only(204, 'director'),
  },
  { name: 'POST /v1/patrons/card-lost', method: 'post', setup: async () => ({ path: '/v1/patrons/card-lost', body: { patronRef: patronRef() } }), allow: staffAnd(201) },
  {
    name: 'POST /v1/patrons/card-replaced',
    method: 'post',
    setup: async ({ ledger, actors }) => {
      const ref = patronRef();
      await expectStatus(ledger.http.post('/v1/patrons/card-lost').set(bearer(actors.director.token)).send({ patronRef: ref }), 201);
      return { path: '/v1/patrons/card-replaced', body: { patronRef: ref } };
    },
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/patrons/identifiers',
    method: 'post',
    setup: async () => ({ path: '/v1/patrons/identifiers', body: { patronRef: patronRef(), identifier: patronRef() } }),
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/patrons/consents',
    method: 'post',
    setup: async () => ({ path: '/v1/patrons/consents', body: { patronRef: patronRef(), grantee: 'Gail Grantee', categories: ['checkouts'], ...CONSENT_PROOF } }),
    allow: staffAnd(201),
  },
  {
    name: 'DELETE /v1/patrons/consents/:consentId',
    method: 'delete',
    setup: async ({ ledger, actors }) => {
      const { consentId } = await expectStatus(
        ledger.http.post('/v1/patrons/consents').set(bearer(actors.director.token)).send({ patronRef: patronRef(), grantee: 'Gail Grantee', categories: ['checkouts'], ...CONSENT_PROOF }),
        201,
      );
      return { path: `/v1/patrons/consents/${consentId}` };
    },
    allow: staffAnd(204),
  },
  { name: 'POST /v1/cases', method: 'post', setup: async () => ({ path: '/v1/cases', body: patronCaseBody() }), allow: staffAnd(201) },
  {
    name: 'POST /v1/cases/:caseId/releases',
    method: 'post',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.patronCase()}/releases`, body: { categories: ['checkouts'], method: 'in_person' } }),
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/cases/:caseId/refusals',
    method: 'post',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.patronCase()}/refusals`, body: { reason: 'The patron asked us not to' } }),
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/cases/:caseId/director-referrals',
    method: 'post',
    setup: async ({ ledger, actors }) => {
      const { caseId } = await expectStatus(ledger.http.post('/v1/cases').set(bearer(actors.staff.token)).send(lawEnforcementCaseBody()), 201);
      return { path: `/v1/cases/${caseId}/director-referrals`, body: { note: 'Officer waiting' } };
    },
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/cases/:caseId/legal-instruments',
    method: 'post',
    setup: async ({ flows, ledger }) => {
      const now = ledger.clock.now().getTime();
      return {
        path: `/v1/cases/${await flows.lawEnforcementCase()}/legal-instruments`,
        body: { type: 'subpoena', issuedBy: 'Superior Court', servedAt: new Date(now - 1000).toISOString(), scope: { categories: ['circulation_history'] }, nondisclosureOrder: false },
      };
    },
    allow: only(201, 'director', 'activeDesignee'),
    ruleOnRefusal: leDirectorOnly,
  },
  {
    name: 'POST /v1/cases/:caseId/policy-explanations',
    method: 'post',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.lawEnforcementCase()}/policy-explanations`, body: { note: 'No subpoena shown' } }),
    allow: only(201, 'director', 'activeDesignee'),
    ruleOnRefusal: leDirectorOnly,
  },
  {
    name: 'POST /v1/cases/:caseId/counsel-referrals',
    method: 'post',
    setup: async ({ flows, actors }) => ({ path: `/v1/cases/${await flows.withInstrument()}/counsel-referrals`, body: { counselUserId: actors.counsel.userId } }),
    allow: only(201, 'director', 'activeDesignee'),
    ruleOnRefusal: leDirectorOnly,
  },
  {
    name: 'POST /v1/cases/:caseId/counsel-advice',
    method: 'post',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.referredToCounsel()}/counsel-advice`, body: { advice: 'comply' } }),
    allow: only(201, 'counsel'),
    ruleOnRefusal: { ...leDirectorOnly, director: 'LE-DIRECTOR-ONLY', otherCounsel: 'LE-DIRECTOR-ONLY' },
  },
  {
    name: 'POST /v1/cases/:caseId/release-decisions',
    method: 'post',
    setup: async ({ flows }) => ({
      path: `/v1/cases/${await flows.advised()}/release-decisions`,
      body: { decision: 'release_in_part', categories: ['circulation_history'], rationale: 'As counsel advised' },
    }),
    allow: only(201, 'director', 'activeDesignee'),
    ruleOnRefusal: leDirectorOnly,
  },
  {
    name: 'POST /v1/cases/:caseId/productions',
    method: 'post',
    setup: async ({ flows }) => ({
      path: `/v1/cases/${await flows.decided()}/productions`,
      body: { categories: ['circulation_history'], recipient: 'Det. Lane, State Police', method: 'in_person' },
    }),
    allow: only(201, 'director', 'activeDesignee'),
    ruleOnRefusal: leDirectorOnly,
  },
  {
    name: 'POST /v1/cases/:caseId/warrant-executions',
    method: 'post',
    setup: async ({ flows }) => ({
      path: `/v1/cases/${await flows.withInstrument('search_warrant')}/warrant-executions`,
      body: { categories: ['circulation_history'], inventory: 'Printout of the circulation history', counselPresent: false },
    }),
    allow: staffAnd(201),
  },
  {
    name: 'POST /v1/cases/:caseId/need-to-know',
    method: 'post',
    setup: async ({ flows, actors }) => ({ path: `/v1/cases/${await flows.lawEnforcementCase()}/need-to-know`, body: { userId: actors.auditor.userId } }),
    allow: only(201, 'director'),
  },
  {
    name: 'POST /v1/wellness-checks',
    method: 'post',
    setup: async () => ({
      path: '/v1/wellness-checks',
      body: { patron: { ref: patronRef() }, immediateThreat: true, observed: 'Said at the desk they would harm themself, then left', concern: 'Patron said they would harm themself', agency: 'Town Police', categories: ['name', 'phone'] },
    }),
    allow: staffAnd(201),
  },
  {
    name: 'GET /v1/cases/:caseId (opened by staff)',
    method: 'get',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.patronCase()}` }),
    allow: only(200, 'staff', 'director', 'activeDesignee', 'auditor'),
  },
  {
    name: 'GET /v1/cases/:caseId (referred to counsel)',
    method: 'get',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.referredToCounsel()}` }),
    allow: only(200, 'staff', 'director', 'activeDesignee', 'counsel', 'auditor'),
  },
  {
    name: 'GET /v1/cases/:caseId/export',
    method: 'get',
    setup: async ({ flows }) => ({ path: `/v1/cases/${await flows.referredToCounsel()}/export?format=json` }),
    allow: only(200, 'director', 'activeDesignee', 'counsel', 'auditor'),
  },
  { name: 'GET /v1/director/cases', method: 'get', setup: async () => ({ path: '/v1/director/cases' }), allow: only(200, 'director', 'activeDesignee') },
  { name: 'GET /v1/director/deadlines', method: 'get', setup: async () => ({ path: '/v1/director/deadlines?within=30d' }), allow: only(200, 'director', 'activeDesignee') },
  { name: 'GET /v1/counsel/cases', method: 'get', setup: async () => ({ path: '/v1/counsel/cases' }), allow: only(200, 'counsel', 'otherCounsel') },
  { name: 'GET /v1/audit/disclosures', method: 'get', setup: async () => ({ path: '/v1/audit/disclosures' }), allow: only(200, 'auditor') },
  { name: 'GET /v1/audit/findings', method: 'get', setup: async () => ({ path: '/v1/audit/findings' }), allow: only(200, 'auditor', 'director') },
  { name: 'GET /v1/audit/access-log', method: 'get', setup: async () => ({ path: '/v1/audit/access-log' }), allow: only(200, 'auditor') },
  { name: 'GET /v1/audit/stats', method: 'get', setup: async () => ({ path: '/v1/audit/stats' }), allow: only(200, 'auditor') },
  { name: 'GET /v1/ledger/verify', method: 'get', setup: async () => ({ path: '/v1/ledger/verify' }), allow: only(200, 'auditor') },
];

describe('authorization matrix: every endpoint × every caller', () => {
  let context: Context;

  beforeAll(async () => {
    // The matrix makes many unauthenticated calls on purpose: lift the failed-authentication limit.
    const ledger = await startLedgerApp({ env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '100000' } });
    const actors = await makeActors(ledger);
    context = { ledger, actors, flows: new CaseFlows(ledger, actors) };
  });
  afterAll(async () => {
    await context.ledger.close();
  });

  it('GET /health answers everyone, token or not', async () => {
    await context.ledger.http.get('/health').expect(200);
  });

  describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const { path, body } = await row.setup(context);
      let request = context.ledger.http[row.method](path);
      if (caller !== 'none') request = request.set(bearer(context.actors[caller].token));
      const response = await (body ? request.send(body) : request);
      const expected = caller === 'none' ? 401 : (row.allow[caller] ?? 403);
      if (response.status !== expected) {
        throw new Error(`${row.name} as ${caller}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
      }
      if (expected >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const rule = row.ruleOnRefusal?.[caller];
      if (rule) expect(response.body.rule).toBe(rule);
    });
  });
});

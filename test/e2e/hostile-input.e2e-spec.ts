import fc from 'fast-check';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { type Actors, CaseFlows, bearer, instrumentBody, lawEnforcementCaseBody, makeActors, patronCaseBody, patronRef, CONSENT_PROOF } from '../support/http-flows.js';

/**
 * Hostile input on every command endpoint: malformed JSON, wrong types, unknown fields, huge strings
 * and arrays, invalid and future dates, unicode edge cases and path tricks. Every answer must be a 4xx
 * problem+json — never a 500, never a success — and the ledger's position must not move.
 */
interface Target {
  readonly name: string;
  readonly method: 'post' | 'delete';
  readonly path: string;
  readonly as: keyof Actors;
  /** A valid body: the mutations start from it, so each one is the only thing wrong. */
  readonly body?: Record<string, unknown>;
}

const PATH_TRICKS = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'x'.repeat(3000), "1'%20OR%20'1'='1", '%00', '%F0%9F%92%A9', 'case-1%2Fexport', '%E2%80%AE'];
const UNICODE_EDGES = ['\ud800', 'abc\udfff', 'nul\u0000byte', 'bell\u0007', '\u202Eevil', '\uFEFF', 'zero\u200Bwidth', '💩'.repeat(5)];

describe('hostile input never gets past validation', () => {
  let ledger: LedgerAppHarness;
  let actors: Actors;
  let targets: Target[];

  const position = async () => (await ledger.http.get('/health').expect(200)).body.position as string;

  async function send(target: Target, body: unknown, options: { raw?: string; path?: string } = {}) {
    let request = ledger.http[target.method](options.path ?? target.path).set(bearer(actors[target.as].token));
    if (options.raw !== undefined) request = request.set('Content-Type', 'application/json').send(options.raw);
    else if (body !== undefined) request = request.send(body as object);
    return request;
  }

  function expectRefused(response: { status: number; headers: Record<string, string>; body: unknown }, what: string): void {
    if (response.status < 400 || response.status >= 500) {
      throw new Error(`${what}: expected a 4xx, got ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '100000' } });
    actors = await makeActors(ledger);
    const flows = new CaseFlows(ledger, actors);
    const patronCase = await flows.patronCase();
    const referred = await flows.referredToCounsel();
    const instrumented = await flows.withInstrument('search_warrant');
    const now = ledger.clock.now().getTime();
    targets = [
      { name: 'create user', method: 'post', path: '/v1/users', as: 'admin', body: { name: 'Someone', role: 'staff' } },
      { name: 'appoint designee', method: 'post', path: '/v1/designees', as: 'director', body: { userId: actors.otherStaff.userId, from: new Date(now).toISOString(), to: new Date(now + 86_400_000).toISOString() } },
      { name: 'card lost', method: 'post', path: '/v1/patrons/card-lost', as: 'staff', body: { patronRef: patronRef() } },
      { name: 'card replaced', method: 'post', path: '/v1/patrons/card-replaced', as: 'staff', body: { patronRef: patronRef() } },
      { name: 'link identifier', method: 'post', path: '/v1/patrons/identifiers', as: 'staff', body: { patronRef: patronRef(), identifier: patronRef() } },
      { name: 'consent', method: 'post', path: '/v1/patrons/consents', as: 'staff', body: { patronRef: patronRef(), grantee: 'Gail Grantee', categories: ['checkouts'], ...CONSENT_PROOF } },
      { name: 'open case', method: 'post', path: '/v1/cases', as: 'staff', body: patronCaseBody() },
      { name: 'open LE case', method: 'post', path: '/v1/cases', as: 'staff', body: lawEnforcementCaseBody() },
      { name: 'release', method: 'post', path: `/v1/cases/${patronCase}/releases`, as: 'staff', body: { categories: ['checkouts'], method: 'in_person' } },
      { name: 'refusal', method: 'post', path: `/v1/cases/${patronCase}/refusals`, as: 'staff', body: { reason: 'No basis' } },
      { name: 'director referral', method: 'post', path: `/v1/cases/${patronCase}/director-referrals`, as: 'staff', body: { note: 'Please look' } },
      { name: 'legal instrument', method: 'post', path: `/v1/cases/${referred}/legal-instruments`, as: 'director', body: instrumentBody(ledger) },
      { name: 'counsel advice', method: 'post', path: `/v1/cases/${referred}/counsel-advice`, as: 'counsel', body: { advice: 'comply_in_part', scope: { categories: ['circulation_history'] } } },
      { name: 'warrant execution', method: 'post', path: `/v1/cases/${instrumented}/warrant-executions`, as: 'director', body: { categories: ['circulation_history'], inventory: 'Printout', counselPresent: false } },
      { name: 'need to know', method: 'post', path: `/v1/cases/${referred}/need-to-know`, as: 'director', body: { userId: actors.auditor.userId } },
      { name: 'wellness check', method: 'post', path: '/v1/wellness-checks', as: 'staff', body: { patron: { ref: patronRef() }, immediateThreat: true, observed: 'Said they would harm themself', concern: 'Threat to self', agency: 'Town Police', categories: ['name'] } },
    ];
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('refuses malformed JSON, wrong content and empty bodies', async () => {
    const before = await position();
    for (const target of targets) {
      for (const raw of ['{', '{"a":}', '[1,2', 'null', '"just a string"', '{"a":1}{"b":2}', '\u0000', '42', 'true']) {
        expectRefused(await send(target, undefined, { raw }), `${target.name} with ${JSON.stringify(raw)}`);
      }
      expectRefused(await send(target, []), `${target.name} with an array body`);
      // Every command but a referral (whose note is optional) has required fields.
      if (target.name !== 'director referral') expectRefused(await send(target, {}), `${target.name} with an empty object`);
    }
    expect(await position()).toBe(before);
  });

  it('refuses each top-level field set to a wrong type, and unknown fields at the top and nested', async () => {
    const before = await position();
    const wrongValues = [null, 42, -1.5, true, [], {}, [null], 'x'.repeat(5000), { $gt: '' }];
    for (const target of targets) {
      for (const field of Object.keys(target.body!)) {
        for (const wrong of wrongValues) {
          // An empty identification list is valid (0–5 items): the request is then evaluated without any.
          if (field === 'identification' && Array.isArray(wrong) && wrong.length === 0) continue;
          // Another value of a boolean or number field's own type may well be valid: not a wrong type.
          const valid = target.body![field];
          if ((typeof valid === 'boolean' || typeof valid === 'number') && typeof wrong === typeof valid) continue;
          const body = { ...target.body, [field]: wrong };
          expectRefused(await send(target, body), `${target.name}.${field} = ${JSON.stringify(wrong).slice(0, 40)}`);
        }
      }
      expectRefused(await send(target, { ...target.body, isAdmin: true }), `${target.name} with an unknown field`);
      const withProtoKeys = `${JSON.stringify(target.body).slice(0, -1)},"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`;
      expectRefused(await send(target, undefined, { raw: withProtoKeys }), `${target.name} with prototype keys`);
      for (const [field, value] of Object.entries(target.body!)) {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          expectRefused(await send(target, { ...target.body, [field]: { ...value, sneaky: 1 } }), `${target.name}.${field} with an unknown nested field`);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await position()).toBe(before);
  });

  it('refuses huge strings, huge arrays and deep nesting', async () => {
    const before = await position();
    for (const target of targets) {
      for (const field of Object.keys(target.body!)) {
        expectRefused(await send(target, { ...target.body, [field]: 'y'.repeat(4001) }), `${target.name}.${field} 4001 chars`);
        expectRefused(await send(target, { ...target.body, [field]: Array.from({ length: 1000 }, () => 'checkouts') }), `${target.name}.${field} 1000 items`);
      }
      let deep: object = { x: 1 };
      for (let i = 0; i < 50; i++) deep = { deep };
      expectRefused(await send(target, { ...target.body, deep }), `${target.name} deep nesting`);
      expectRefused(await send(target, { ...target.body, padding: 'z'.repeat(200_000) }), `${target.name} over the body limit`);
    }
    expect(await position()).toBe(before);
  });

  it('refuses invalid, impossible and future dates', async () => {
    const before = await position();
    const future = new Date(ledger.clock.now().getTime() + 86_400_000).toISOString();
    for (const target of targets.filter((t) => t.path.startsWith('/v1/cases') || t.path === '/v1/wellness-checks')) {
      for (const occurredAt of ['yesterday', '2026-02-30T10:00:00Z', '2026-13-01', '99999-01-01T00:00:00Z', '2026-01-01T25:00:00Z', '', future]) {
        expectRefused(await send(target, { ...target.body, occurredAt }), `${target.name} occurredAt ${occurredAt}`);
      }
    }
    expect(await position()).toBe(before);
  });

  it('refuses unicode edge cases: lone surrogates, control characters, and lookalikes of enum values', async () => {
    const before = await position();
    for (const target of targets) {
      for (const [field, value] of Object.entries(target.body!)) {
        const edges = typeof value === 'string' ? UNICODE_EDGES.slice(0, 4) : UNICODE_EDGES;
        for (const edge of edges) {
          expectRefused(await send(target, { ...target.body, [field]: typeof value === 'string' ? `${value}${edge}` : edge }), `${target.name}.${field} + ${JSON.stringify(edge)}`);
        }
      }
    }
    const open = targets.find((t) => t.name === 'open case')!;
    for (const channel of ['IN_PERSON', 'in_person ', 'in\u200Bperson', 'іn_person' /* Cyrillic і */]) {
      expectRefused(await send(open, { ...open.body, channel }), `channel ${JSON.stringify(channel)}`);
    }
    expect(await position()).toBe(before);
  });

  it('refuses path tricks in every id', async () => {
    const before = await position();
    for (const trick of PATH_TRICKS) {
      for (const target of targets.filter((t) => t.path.startsWith('/v1/cases/'))) {
        const path = target.path.replace(/\/v1\/cases\/[^/]+/, `/v1/cases/${trick}`);
        expectRefused(await send(target, target.body, { path }), `${target.name} at ${path.slice(0, 60)}`);
      }
      for (const path of [`/v1/users/${trick}/tokens`, `/v1/patrons/consents/${trick}`, `/v1/designees/${trick}`]) {
        const response = await ledger.http.delete(path).set(bearer(path.startsWith('/v1/users') ? ledger.adminToken : actors.director.token));
        expectRefused(response, `DELETE ${path.slice(0, 60)}`);
      }
    }
    expect(await position()).toBe(before);
  });

  it('refuses arbitrary JSON generated by fast-check on every endpoint', async () => {
    const before = await position();
    await fc.assert(
      // A referral's only field is optional, so `{}` is a valid referral: left out here.
      fc.asyncProperty(fc.constantFrom(...targets.filter((t) => t.name !== 'director referral')), fc.jsonValue({ maxDepth: 4 }), async (target, body) => {
        // Sent as raw JSON text: a bare number or string is valid JSON a client could send.
        const response = await send(target, undefined, { raw: JSON.stringify(body) });
        expectRefused(response, `${target.name} with ${JSON.stringify(body).slice(0, 80)}`);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null), fc.array(fc.string())),
        async (target, field, value) => {
          fc.pre(!(field in target.body!));
          const response = await send(target, { ...target.body, [field]: value });
          expectRefused(response, `${target.name} with extra field ${JSON.stringify(field)}`);
        },
      ),
      { numRuns: 100 },
    );
    expect(await position()).toBe(before);
  });

  it('still accepts the valid bodies the mutations started from (so the refusals above mean something)', async () => {
    for (const name of ['open case', 'card lost', 'wellness check']) {
      const target = targets.find((t) => t.name === name)!;
      const body = name === 'open case' ? patronCaseBody() : name === 'card lost' ? { patronRef: patronRef() } : { ...target.body, patron: { ref: patronRef() } };
      const response = await send(target, body);
      expect(response.status).toBe(201);
    }
  });
});

import { CATEGORIES } from '@ledger/domain';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

/** The paths of the binding HTTP contract, in OpenAPI form. */
const CONTRACT_PATHS: Record<string, string[]> = {
  '/v1/me': ['get'],
  '/v1/users': ['post'],
  '/v1/users/{userId}/tokens': ['post', 'delete'],
  '/v1/designees': ['post'],
  '/v1/designees/{userId}': ['delete'],
  '/v1/patrons/card-lost': ['post'],
  '/v1/patrons/card-replaced': ['post'],
  '/v1/patrons/identifiers': ['post'],
  '/v1/patrons/consents': ['post'],
  '/v1/patrons/consents/{consentId}': ['delete'],
  '/v1/cases': ['post'],
  '/v1/cases/{caseId}/releases': ['post'],
  '/v1/cases/{caseId}/refusals': ['post'],
  '/v1/cases/{caseId}/director-referrals': ['post'],
  '/v1/cases/{caseId}/legal-instruments': ['post'],
  '/v1/cases/{caseId}/policy-explanations': ['post'],
  '/v1/cases/{caseId}/counsel-referrals': ['post'],
  '/v1/cases/{caseId}/counsel-advice': ['post'],
  '/v1/cases/{caseId}/release-decisions': ['post'],
  '/v1/cases/{caseId}/productions': ['post'],
  '/v1/cases/{caseId}/warrant-executions': ['post'],
  '/v1/cases/{caseId}/need-to-know': ['post'],
  '/v1/wellness-checks': ['post'],
  '/v1/cases/{caseId}': ['get'],
  '/v1/cases/{caseId}/export': ['get'],
  '/v1/director/cases': ['get'],
  '/v1/director/deadlines': ['get'],
  '/v1/counsel/cases': ['get'],
  '/v1/audit/disclosures': ['get'],
  '/v1/audit/findings': ['get'],
  '/v1/audit/access-log': ['get'],
  '/v1/audit/stats': ['get'],
  '/v1/ledger/verify': ['get'],
};

/** Built in this change or before it: these must be documented whatever else is being built. */
const MUST_EXIST = [
  '/v1/me',
  '/v1/users',
  '/v1/designees',
  '/v1/designees/{userId}',
  '/v1/patrons/card-lost',
  '/v1/patrons/card-replaced',
  '/v1/patrons/identifiers',
  '/v1/patrons/consents',
  '/v1/patrons/consents/{consentId}',
  '/v1/wellness-checks',
  '/v1/cases',
  '/v1/cases/{caseId}',
  '/v1/cases/{caseId}/releases',
  '/v1/cases/{caseId}/refusals',
  '/v1/cases/{caseId}/director-referrals',
  '/v1/cases/{caseId}/legal-instruments',
  '/v1/cases/{caseId}/policy-explanations',
  '/v1/cases/{caseId}/counsel-referrals',
  '/v1/cases/{caseId}/counsel-advice',
  '/v1/cases/{caseId}/release-decisions',
  '/v1/cases/{caseId}/productions',
  '/v1/cases/{caseId}/warrant-executions',
  '/v1/cases/{caseId}/need-to-know',
  '/v1/director/cases',
  '/v1/audit/disclosures',
  '/v1/ledger/verify',
  '/v1/incidents/{incidentId}/attorney-general-notice',
  '/v1/incidents/{incidentId}/delays',
  '/v1/incidents/{incidentId}/affected',
];

interface MediaType {
  schema?: { $ref?: string; type?: string; properties?: object; items?: object };
}
interface Operation {
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
  'x-roles'?: string[];
}
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string; bearerFormat?: string; description?: string }>; schemas: Record<string, unknown> };
  security?: unknown[];
};

const EVERY_ROLE = ['staff', 'director', 'counsel', 'auditor', 'admin'];
const PROBLEM_SCHEMA = '#/components/schemas/ProblemDetailsDto';
const HOW_TO =
  'declare them with @ProblemResponses(...) from apps/api/src/http/openapi.ts and a success type (@ApiOkResponse/@ApiCreatedResponse with `type`, or @ApiPageResponse); @Roles(...) adds 401, 403 and 429 itself';

/**
 * What an operation must declare, read from the operation itself: who may call it (`x-roles`, set by
 * `@Roles`), its parameters, its body and its method. Each fault names the route and what it lacks.
 */
function faultsOf(path: string, method: string, op: Operation): string[] {
  const where = `${method.toUpperCase()} ${path}`;
  const responses = op.responses ?? {};
  const faults: string[] = [];
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) faults.push(`${where}: no success (2xx) response`);
  for (const [status, response] of success) {
    const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
    if (status !== '204' && (schemas.length === 0 || schemas.some((schema) => !schema || (!schema.$ref && !schema.type)))) {
      faults.push(`${where}: its ${status} answer has no schema`);
    }
  }
  // A scheme named in two of its requirements says nothing more, and tells a reader the decorators disagree (class and handler both declaring it).
  const schemes = (op.security ?? []).flatMap((requirement) => Object.keys(requirement));
  for (const scheme of new Set(schemes.filter((name, i) => schemes.indexOf(name) !== i))) faults.push(`${where}: lists the security scheme ${scheme} twice`);
  const required = new Set<string>();
  const isPublic = (op.security ?? []).some((requirement) => Object.keys(requirement).length === 0);
  if (!isPublic) {
    required.add('401').add('429');
    if (!op['x-roles']) faults.push(`${where}: no x-roles (use @Roles(...) on the handler)`);
    else if (!EVERY_ROLE.every((role) => op['x-roles']!.includes(role))) required.add('403');
    // A command (it answers 201 or 204) may meet a state that forbids it, or a write conflict retries did not resolve.
    if (responses['201'] || responses['204']) required.add('409');
  }
  const parameters = op.parameters ?? [];
  if (op.requestBody || parameters.some((p) => p.in === 'query')) required.add('400');
  if (parameters.some((p) => p.in === 'path')) required.add('404');
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) required.add('412');
  // A key sent before for another request is 422 IDEMPOTENCY-KEY-REUSED; a malformed one 400.
  if (parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) required.add('422').add('400');
  // Every write a signed-in user makes takes an Idempotency-Key (the interceptor applies to them all).
  if (!isPublic && ['post', 'put', 'patch', 'delete'].includes(method) && !parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
    faults.push(`${where}: no Idempotency-Key header parameter`);
  }
  if (parameters.some((p) => p.in === 'query' && p.name === 'minPosition')) required.add('503');
  for (const status of required) if (!responses[status]) faults.push(`${where}: no ${status} problem response`);
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const problem = response.content?.['application/problem+json']?.schema?.$ref;
    if (problem !== PROBLEM_SCHEMA) faults.push(`${where}: its ${status} answer is not application/problem+json with ProblemDetailsDto`);
  }
  return faults;
}

describe('OpenAPI document', () => {
  let ledger: LedgerAppHarness;
  let doc: OpenApi;

  beforeAll(async () => {
    // Probing every contract path without a token is many failed authentications from one address.
    ledger = await startLedgerApp({ env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '1000' } });
    const response = await ledger.http.get('/v1/openapi.json').expect(200);
    expect(response.headers['content-type']).toMatch(/json/);
    doc = response.body as OpenApi;
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('is an OpenAPI 3 document served without a token, with bearer authentication declared as an opaque token', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const bearer = doc.components.securitySchemes.bearer;
    expect(bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' }));
    expect(bearer.description).toMatch(/opaque/i);
    expect(bearer.description).toMatch(/not a JWT/i);
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([{}]);
    // The log's checkpoint and key: without a token when the log is public, else with one, each said once.
    for (const path of ['/v1/ledger/checkpoint', '/v1/ledger/public-key']) expect(doc.paths[path].get.security).toEqual([{}, { bearer: [] }]);
  });

  it('gives every operation a success schema and each problem+json answer it can give (' + HOW_TO + ')', () => {
    const faults = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, op]) => faultsOf(path, method, op)),
    );
    expect(faults).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toContain('ProblemDetailsDto');
    // A route's own meaning of a status wins over the default that @Roles declares, whatever the decorators' order.
    expect(doc.paths['/v1/cases/{caseId}/release-decisions'].post.responses!['403'].description).toContain('LE-DIRECTOR-ONLY');
    expect(doc.paths['/v1/users'].post.responses!['403'].description).toBe('The caller\u2019s role may not do this');
    expect(doc.paths['/v1/me'].get['x-roles']).toEqual(EVERY_ROLE);
    expect(doc.paths['/v1/me'].get.responses!['403']).toBeUndefined();
  });

  it('the completeness check fails a route without a success schema or without its problem answers', () => {
    const bare: Operation = { parameters: [{ name: 'caseId', in: 'path' }, { name: 'If-Match', in: 'header' }], requestBody: {}, responses: { '201': { description: 'ok' } }, 'x-roles': ['director'] };
    expect(faultsOf('/v1/cases/{caseId}/example', 'post', bare)).toEqual([
      'POST /v1/cases/{caseId}/example: its 201 answer has no schema',
      'POST /v1/cases/{caseId}/example: no Idempotency-Key header parameter',
      ...['401', '429', '403', '409', '400', '404', '412'].map((status) => `POST /v1/cases/{caseId}/example: no ${status} problem response`),
    ]);
    const plainError: Operation = { ...bare, responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } }, '404': { description: 'no such case' } } };
    expect(faultsOf('/x', 'post', plainError)).toContain('POST /x: its 404 answer is not application/problem+json with ProblemDetailsDto');
    const saidTwice: Operation = { security: [{ bearer: [] }, {}, { bearer: [] }], responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } }, 'x-roles': EVERY_ROLE };
    expect(faultsOf('/x', 'get', saidTwice)).toEqual(['GET /x: lists the security scheme bearer twice']);
    expect(faultsOf('/x', 'get', { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } })).toEqual([
      'GET /x: no x-roles (use @Roles(...) on the handler)',
      'GET /x: no 401 problem response',
      'GET /x: no 429 problem response',
    ]);
  });

  it('lists every contract path the application serves, with the contract methods', async () => {
    const documented = Object.keys(doc.paths);
    for (const path of MUST_EXIST) expect(documented).toContain(path);
    // Every contract path the app answers (anything but 404 without a token is 401) must be in the document.
    for (const [path, methods] of Object.entries(CONTRACT_PATHS)) {
      const concrete = path.replace(/\{[^}]+\}/g, '6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11');
      for (const method of methods) {
        const served = (await (ledger.http as unknown as Record<string, (path: string) => Promise<{ status: number }>>)[method](concrete)).status !== 404;
        if (served) expect({ path, method, documented: doc.paths[path]?.[method] !== undefined }).toEqual({ path, method, documented: true });
      }
    }
  });

  it('documents the request bodies of the new endpoints with their limits', () => {
    const asJson = JSON.stringify(doc);
    expect(asJson).toContain('"patronRef"');
    expect(asJson).toContain('"documentSha256"');
    expect(asJson).toContain('^[0-9a-f]{64}$');
  });

  it('documents the case bodies with the vocabulary as enums and the If-Match header', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> } }).components.schemas;
    expect(schemas.RequesterDto.properties.kind.enum).toEqual(['patron', 'family_or_friend', 'debt_payer', 'parent_or_guardian', 'law_enforcement', 'vendor', 'public_records', 'other', 'government_agency']);
    expect(schemas.OpenCaseRequestDto.properties.channel.enum).toEqual(['in_person', 'phone', 'online', 'mail', 'email']);
    expect(schemas.OpenCaseRequestDto.properties.requestedCategories.items!.enum).toEqual([...CATEGORIES]);
    expect(CATEGORIES).toEqual(expect.arrayContaining(['computer_sessions', 'network_logs', 'database_searches']));
    expect(schemas.RequestSubjectDto.properties.kind.enum).toEqual(['resource', 'transaction']);
    expect(schemas.RecordLegalInstrumentRequestDto.properties.type.enum).toContain('national_security_letter');
    expect(schemas.RecordLegalInstrumentRequestDto.properties.jurisdiction.enum).toEqual(['federal', 'state']);
    expect(schemas.RecordCounselAdviceRequestDto.properties.advice.enum).toEqual(['comply', 'comply_in_part', 'object', 'move_to_quash', 'decline']);
    expect(schemas.DecideReleaseRequestDto.properties.decision.enum).toEqual(['release', 'release_in_part', 'deny']);
    const release = doc.paths['/v1/cases/{caseId}/releases'].post as unknown as { parameters: { name: string; in: string }[] };
    expect(release.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' }), expect.objectContaining({ name: 'caseId', in: 'path' })]));
  });

  it('keeps the API behind the bearer guard', async () => {
    await ledger.http.get('/v1/me').expect(401);
  });
});

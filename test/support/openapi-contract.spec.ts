import { OpenApiContract, type OpenApiDocument } from './openapi-contract.js';

/** The check every e2e answer goes through: it must refuse what the document does not declare. */
describe('OpenApiContract', () => {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } };
  const document: OpenApiDocument = {
    paths: {
      '/v1/cases/{caseId}': {
        get: {
          operationId: 'GetCase',
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } },
            '404': { content: problem },
          },
        },
      },
      '/v1/tile/{path}': { get: { operationId: 'Tile', 'x-wildcard-parameter': 'path', responses: { '401': { content: problem } } } },
      '/v1/cases/search': { post: { operationId: 'Search', responses: { '200': { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } } },
    },
    components: {
      schemas: {
        Case: {
          type: 'object',
          required: ['caseId', 'outcome', 'closedAt'],
          properties: { caseId: { type: 'string' }, outcome: { type: 'string', enum: ['released', 'refused'] }, closedAt: { type: 'string', format: 'date-time', nullable: true } },
        },
        ProblemDetailsDto: { type: 'object', required: ['type', 'title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'number' } } },
      },
    },
  };
  const contract = new OpenApiContract(document);
  const answer = (overrides: object) => ({ method: 'GET', path: '/v1/cases/c-1', status: 200, contentType: 'application/json; charset=utf-8', body: { caseId: 'c-1', outcome: 'released', closedAt: null }, ...overrides });

  it('accepts an answer its operation declares, nullable fields null', () => {
    expect(contract.violation(answer({}))).toBeNull();
    expect(contract.violation(answer({ path: '/v1/cases/c-1?x=1', body: { caseId: 'c-1', outcome: 'refused', closedAt: '2026-01-01T00:00:00.000Z' } }))).toBeNull();
  });

  it('refuses a value outside an enum, a missing field and a malformed date', () => {
    expect(contract.violation(answer({ body: { caseId: 'c-1', outcome: 'withdrawn', closedAt: null } }))).toMatch(/outcome must be equal to one of the allowed values \["released","refused"\]/);
    expect(contract.violation(answer({ body: { caseId: 'c-1', outcome: 'released' } }))).toMatch(/must have required property 'closedAt'/);
    expect(contract.violation(answer({ body: { caseId: 'c-1', outcome: 'released', closedAt: 'yesterday' } }))).toMatch(/closedAt must match format "date-time"/);
  });

  it('refuses a status or a media type the operation does not declare', () => {
    expect(contract.violation(answer({ status: 409, contentType: 'application/problem+json', body: { type: 't', title: 't', status: 409 } }))).toMatch(/declares no 409 answer/);
    expect(contract.violation(answer({ status: 404, contentType: 'application/json', body: { type: 't', title: 't', status: 404 } }))).toMatch(/declares 404 as application\/problem\+json/);
  });

  it('refuses a JSON answer from an operation the document does not have, and checks a 404 from no route as a problem', () => {
    expect(contract.violation(answer({ method: 'GET', path: '/v1/vendors' }))).toMatch(/no operation in the OpenAPI document for GET \/v1\/vendors/);
    expect(contract.violation(answer({ method: 'DELETE', path: '/v1/cases/c-1', status: 200 }))).toMatch(/no operation for DELETE on this path/);
    expect(contract.violation(answer({ path: '/v1/nowhere', status: 404, contentType: 'application/problem+json', body: { type: 't', title: 'Not Found', status: 404 } }))).toBeNull();
    expect(contract.violation(answer({ path: '/v1/nowhere', status: 404, contentType: 'application/problem+json', body: { title: 'Not Found' } }))).toMatch(/required property 'type'/);
  });

  it('matches a wildcard parameter (x-wildcard-parameter) over several segments, an ordinary one over one', () => {
    const unauthorized = { status: 401, contentType: 'application/problem+json', body: { type: 't', title: 'Unauthorized', status: 401 } };
    expect(contract.violation(answer({ path: '/v1/tile/x001/000.p/8', ...unauthorized }))).toBeNull();
    expect(contract.violation(answer({ path: '/v1/tile/x001/000.p/8', ...unauthorized, body: { title: 'Unauthorized' } }))).toMatch(/required property 'type'/);
    expect(contract.violation(answer({ path: '/v1/cases/c-1/x', ...unauthorized }))).toMatch(/no operation in the OpenAPI document/);
  });

  it('prefers a literal path to a template, and reads no answer that is not JSON', () => {
    expect(contract.violation(answer({ method: 'POST', path: '/v1/cases/search', body: ['a'] }))).toBeNull();
    expect(contract.violation(answer({ contentType: 'text/csv', body: 'a,b' }))).toBeNull();
    expect(contract.violation(answer({ path: '/desk', status: 200, body: { anything: true } }))).toBeNull();
  });
});

import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';

/** The paths of the binding contract (shared/API.md), in OpenAPI form. */
const CONTRACT_PATHS: Record<string, string[]> = {
  '/v1/me': ['get'],
  '/v1/users': ['post'],
  '/v1/users/{userId}/tokens': ['post', 'delete'],
  '/v1/designees': ['post'],
  '/v1/designees/{userId}': ['delete'],
  '/v1/patrons/card-lost': ['post'],
  '/v1/patrons/card-replaced': ['post'],
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
];

type OpenApi = { openapi: string; paths: Record<string, Record<string, { security?: unknown[] }>>; components: { securitySchemes: Record<string, { type: string; scheme?: string }> }; security?: unknown[] };

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

  it('is an OpenAPI 3 document served without a token, with bearer authentication declared', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.values(doc.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it('lists every contract path the application serves, with the contract methods', async () => {
    const documented = Object.keys(doc.paths);
    for (const path of MUST_EXIST) expect(documented).toContain(path);
    // Every contract path the app answers (anything but 404 without a token is 401) must be in the document.
    for (const [path, methods] of Object.entries(CONTRACT_PATHS)) {
      const concrete = path.replace(/\{[^}]+\}/g, '6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11');
      for (const method of methods) {
        const served = (await (ledger.http as any)[method](concrete)).status !== 404;
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
    expect(schemas.RequesterDto!.properties.kind!.enum).toEqual(['patron', 'family_or_friend', 'debt_payer', 'parent_or_guardian', 'law_enforcement', 'vendor', 'public_records', 'other']);
    expect(schemas.OpenCaseRequestDto!.properties.channel!.enum).toEqual(['in_person', 'phone', 'online', 'mail', 'email']);
    expect(schemas.OpenCaseRequestDto!.properties.requestedCategories!.items!.enum).toHaveLength(18);
    expect(schemas.RecordLegalInstrumentRequestDto!.properties.type!.enum).toContain('national_security_letter');
    expect(schemas.RecordCounselAdviceRequestDto!.properties.advice!.enum).toEqual(['comply', 'comply_in_part', 'object', 'move_to_quash', 'decline']);
    expect(schemas.DecideReleaseRequestDto!.properties.decision!.enum).toEqual(['release', 'release_in_part', 'deny']);
    const release = doc.paths['/v1/cases/{caseId}/releases']!.post as unknown as { parameters: { name: string; in: string }[] };
    expect(release.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' }), expect.objectContaining({ name: 'caseId', in: 'path' })]));
  });

  it('keeps the API behind the bearer guard', async () => {
    await ledger.http.get('/v1/me').expect(401);
  });
});

import type { OpenAPIObject } from '@nestjs/swagger';
import { documentAnswersOfEveryOperation, documentNullables } from './openapi.js';

describe('the OpenAPI document says what the server answers', () => {
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/v1/things': {
        get: { responses: { '200': { description: 'The things' } } },
        post: { requestBody: { content: {} }, responses: { '201': { description: 'Made' }, '503': { description: '`minPosition` not reached' } } },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            outcome: { type: 'string', enum: ['released', 'refused'], nullable: true },
            kind: { type: 'string', enum: ['a', 'b'] },
            purge: { type: 'object', nullable: true, description: 'The purge, if any', allOf: [{ $ref: '#/components/schemas/Purge' }] },
          },
        },
      },
    },
  });

  it('given a nullable enum and a nullable $ref, when documented, then each admits null and nothing else changes', () => {
    const given = document();
    documentNullables(given);
    const properties = (given.components!.schemas!.Thing as { properties: Record<string, unknown> }).properties;
    expect(properties.outcome).toEqual({ type: 'string', enum: ['released', 'refused', null], nullable: true });
    expect(properties.kind).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(properties.purge).toEqual({ description: 'The purge, if any', anyOf: [{ $ref: '#/components/schemas/Purge' }, { type: 'object', nullable: true, enum: [null] }] });
  });

  it('given operations, when documented, then each may answer 503 and each that takes a body 413, a 503 already declared keeping its meaning', () => {
    const given = document();
    documentAnswersOfEveryOperation(given);
    const { get, post } = given.paths['/v1/things'];
    expect(Object.keys(get!.responses).sort()).toEqual(['200', '503']);
    expect(Object.keys(post!.responses).sort()).toEqual(['201', '413', '503']);
    expect((post!.responses['503'] as { description: string }).description).toMatch(/^`minPosition` not reached; or The event store cannot be reached/);
  });
});
